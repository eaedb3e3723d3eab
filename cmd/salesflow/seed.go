package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/google/uuid"

	"salesflow/service"
	"salesflow/store"
)

// demoUser is one of the people of API.md's "Defaults and demo data".
type demoUser struct {
	username, name string
	roles          []string
	manager        string
	authority      int
}

var demoUsers = []demoUser{
	{"admin", "系统管理员", []string{"admin"}, "", 0},
	{"manager", "王经理", []string{"sales_manager"}, "", 0},
	{"sales1", "张三", []string{"salesperson"}, "manager", 10},
	{"sales2", "李四", []string{"salesperson"}, "manager", 5},
	{"reviewer", "赵评审", []string{"reviewer"}, "", 0},
	{"director", "钱总监", []string{"marketing_director"}, "", 0},
	{"approver", "孙审批", []string{"company_approver"}, "", 0},
	{"frontdesk", "周前台", []string{"front_desk"}, "", 0},
}

// demoProducts is a small rate card of ad placements and services (fen).
var demoProducts = []struct {
	code, name, unit string
	price            int64
}{
	{"LB-MALL-A", "商场主入口灯箱广告", "块·月", 1_200_000},
	{"LED-PLAZA", "广场 LED 大屏 15 秒", "天", 380_000},
	{"ELEV-FRAME", "电梯框架广告", "框·月", 45_000},
	{"PRINT-MAG", "行业杂志整版", "期", 2_500_000},
	{"ART-CHANGE", "换画服务", "次", 80_000},
	{"BB-WEEK", "户外大牌（按周）", "面·周", 2_000_000},
	{"LB-DAY", "地铁灯箱（按天）", "块·天", 60_000},
}

// demoCustomers gives each demo salesperson a few customers to draft
// proposals for on a fresh system (the registry's own pages come later).
var demoCustomers = []struct{ owner, name, channel string }{
	{"sales1", "上海新天地商业管理有限公司", "trade_show"},
	{"sales1", "杭州西湖文旅集团", "industry_association"},
	{"sales1", "Bright Coffee Co., Ltd.", "internet"},
	{"sales2", "南京德基广场", "mall_brand_listing"},
	{"sales2", "苏州丝绸博物馆", "partner_referral"},
}

// seed creates the demo users and rate card if absent. The password is
// SALESFLOW_DEMO_PASSWORD, or one generated now and printed once.
func seed(ctx context.Context, cfg config, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "create demo users and rate card")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*demo {
		return errors.New("seed: only --demo is supported")
	}
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	password, generated := cfg.DemoPassword, false
	if password == "" {
		password, generated = randomPassword(), true
	}
	created, err := seedUsers(ctx, st, password)
	if err != nil {
		return err
	}
	if err := seedProducts(ctx, st); err != nil {
		return err
	}
	if err := seedCustomers(ctx, st); err != nil {
		return err
	}
	if err := seedResources(ctx, st); err != nil {
		return err
	}
	switch {
	case created == 0:
		fmt.Fprintln(os.Stderr, "demo users already exist (passwords unchanged)")
	case generated:
		fmt.Fprintf(os.Stderr, "demo users created; their password (shown once): %s\n", password)
	default:
		fmt.Fprintln(os.Stderr, "demo users created with SALESFLOW_DEMO_PASSWORD")
	}
	return nil
}

// seeder is the Service of the command line: the store's use cases, no
// Temporal (seeding starts no workflow).
func seeder(st *store.Store) *service.Service {
	return service.New(st, nil, slog.Default(), service.Config{})
}

func seedUsers(ctx context.Context, st *store.Store, password string) (int, error) {
	created := 0
	for _, d := range demoUsers {
		if _, err := st.UserByUsername(ctx, d.username); err == nil {
			continue
		} else if !errors.Is(err, store.ErrNotFound) {
			return created, err
		}
		managerID := ""
		if d.manager != "" {
			m, err := st.UserByUsername(ctx, d.manager)
			if err != nil {
				return created, fmt.Errorf("manager %s: %w", d.manager, err)
			}
			managerID = m.ID
		}
		if _, err := seeder(st).CreateUser(ctx, store.User{}, "", service.UserInput{Username: d.username,
			Name: d.name, Password: password, Roles: d.roles, ManagerID: managerID, DiscountAuthorityPct: d.authority}); err != nil {
			return created, fmt.Errorf("user %s: %w", d.username, err)
		}
		created++
	}
	return created, nil
}

func seedProducts(ctx context.Context, st *store.Store) error {
	existing, err := st.ListProducts(ctx)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, p := range existing {
		have[p.Code] = true
	}
	for _, p := range demoProducts {
		if have[p.code] {
			continue
		}
		in := service.ProductInput{Code: p.code, Name: p.name, Unit: p.unit, ListPriceFen: p.price}
		if _, err := seeder(st).CreateProduct(ctx, store.User{}, "", in); err != nil {
			return fmt.Errorf("product %s: %w", p.code, err)
		}
	}
	return nil
}

// seedCustomers records the demo customers once; their IDs derive from the
// name, so a second seed finds them taken and moves on.
func seedCustomers(ctx context.Context, st *store.Store) error {
	for _, c := range demoCustomers {
		owner, err := st.UserByUsername(ctx, c.owner)
		if err != nil {
			return fmt.Errorf("customer owner %s: %w", c.owner, err)
		}
		id := uuid.NewSHA1(uuid.NameSpaceURL, []byte("salesflow:demo-customer:"+c.name)).String()
		_, err = st.CreateCustomer(ctx, store.Customer{ID: id, Name: c.name, Channel: c.channel, OwnerID: owner.ID,
			CollectedOn: time.Now().Format(time.DateOnly), CreatedBy: owner.ID})
		if err != nil && !errors.Is(err, store.ErrDuplicate) {
			return fmt.Errorf("customer %s: %w", c.name, err)
		}
	}
	return nil
}

func randomPassword() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// userCommand implements `salesflow user add`.
func userCommand(ctx context.Context, cfg config, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: salesflow user add -username U -name N -roles r1,r2 [-password P] [-manager USERNAME] [-authority PCT]")
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	username := fs.String("username", "", "login name")
	name := fs.String("name", "", "display name")
	roles := fs.String("roles", "", "comma-separated roles")
	password := fs.String("password", "", "password (generated and printed when empty)")
	manager := fs.String("manager", "", "username of the sales manager")
	authority := fs.Int("authority", 0, "discount authority in percent (R5.3)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	managerID := ""
	if *manager != "" {
		m, err := st.UserByUsername(ctx, *manager)
		if err != nil {
			return fmt.Errorf("manager %s: %w", *manager, err)
		}
		managerID = m.ID
	}
	pw := *password
	if pw == "" {
		pw = randomPassword()
		fmt.Fprintf(os.Stderr, "password (shown once): %s\n", pw)
	}
	u, err := seeder(st).CreateUser(ctx, store.User{}, "", service.UserInput{Username: *username, Name: *name,
		Password: pw, Roles: strings.Split(*roles, ","), ManagerID: managerID, DiscountAuthorityPct: *authority})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "user %s created (id %s)\n", u.Username, u.ID)
	return nil
}
