package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"salesflow/service"
	"salesflow/store"
)

// decider drives the proposal loop (F1) over HTTP: a salesperson drafts and
// submits, their manager decides the review task — the timed step.
type decider struct {
	st       *store.Store
	base     string
	sales    string // bearer tokens
	manager  string
	customer string
	product  string
}

func newDecider(ctx context.Context, st *store.Store, base string) (*decider, error) {
	svc := service.New(st, nil, slog.Default(), service.Config{})
	mgr, err := svc.CreateUser(ctx, store.User{}, "", service.UserInput{Username: "bench-mgr", Name: "压测经理",
		Password: "bench-password", Roles: []string{"sales_manager"}, DiscountAuthorityPct: 10})
	if err != nil {
		return nil, err
	}
	if _, err := svc.CreateUser(ctx, store.User{}, "", service.UserInput{Username: "bench-sales", Name: "压测销售",
		Password: "bench-password", Roles: []string{"salesperson"}, ManagerID: mgr.ID, DiscountAuthorityPct: 10}); err != nil {
		return nil, err
	}
	p, err := svc.CreateProduct(ctx, store.User{}, "",
		service.ProductInput{Code: "BENCH-1", Name: "压测广告位", Unit: "月", ListPriceFen: 100_000})
	if err != nil {
		return nil, err
	}
	d := &decider{st: st, base: base, product: p.ID}
	if d.sales, err = d.signIn("bench-sales"); err != nil {
		return nil, err
	}
	if d.manager, err = d.signIn("bench-mgr"); err != nil {
		return nil, err
	}
	var cust struct{ ID string }
	err = d.call("POST", "/api/v1/customers", d.sales, "", map[string]any{"name": "压测客户", "channel": "trade_show",
		"collected_on": time.Now().Format(time.DateOnly)}, &cust)
	d.customer = cust.ID
	return d, err
}

func (d *decider) signIn(username string) (string, error) {
	var out struct{ Token string }
	err := d.call("POST", "/api/v1/session", "", "", map[string]string{"username": username, "password": "bench-password"}, &out)
	return out.Token, err
}

// openReview drafts and submits proposal i and returns its open review task.
func (d *decider) openReview(ctx context.Context, i int) (string, error) {
	var p struct{ ID string }
	err := d.call("POST", "/api/v1/proposals", d.sales, "", map[string]any{"customer_id": d.customer,
		"title": fmt.Sprintf("压测方案 %d", i), "body": "正文",
		"items": []map[string]any{{"product_id": d.product, "quantity": 1, "unit_price_fen": 100_000}}}, &p)
	if err != nil {
		return "", err
	}
	if err := d.call("POST", "/api/v1/proposals/"+p.ID+"/submit", d.sales, "", nil, nil); err != nil {
		return "", err
	}
	var task string
	err = d.st.DB().GetContext(ctx, &task, `SELECT id FROM tasks WHERE subject_id = $1 AND status = 'open'`, p.ID)
	return task, err
}

// decide times the manager's approval of task, answered 200.
func (d *decider) decide(task string) (time.Duration, error) {
	start := time.Now()
	err := d.call("POST", "/api/v1/tasks/"+task+"/decision", d.manager, "bench-"+task,
		map[string]any{"decision": "approve", "comment": "同意"}, nil)
	return time.Since(start), err
}

func (d *decider) call(method, path, token, key string, body, out any) error {
	raw, _ := json.Marshal(body)
	req, err := http.NewRequest(method, d.base+path, bytes.NewReader(raw))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		var problem bytes.Buffer
		_, _ = problem.ReadFrom(res.Body)
		return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, problem.String())
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(res.Body).Decode(out)
}
