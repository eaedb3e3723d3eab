package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"salesflow/policy"
	"salesflow/store"
)

// demoResources are media resources to try the inventory with (issue 13):
// billboards sold by the week (one with two faces), metro light boxes by
// the day, an LED loop by the month, in two cities.
var demoResources = []struct {
	code, name, kind, product, city, district, unit string
	capacity                                        int
	lat, lng                                        float64
}{
	{"SH-BB-001", "人民广场东侧大牌", "billboard", "BB-WEEK", "上海", "黄浦", "week", 1, 31.2304, 121.4737},
	{"SH-BB-002", "延安高架双面大牌", "billboard", "BB-WEEK", "上海", "静安", "week", 2, 31.2243, 121.4491},
	{"SH-BB-003", "浦东机场高速大牌", "billboard", "BB-WEEK", "上海", "浦东", "week", 1, 31.1979, 121.6921},
	{"SH-LB-101", "陆家嘴站灯箱 A", "light_box", "LB-DAY", "上海", "浦东", "day", 1, 31.2381, 121.5031},
	{"SH-LB-102", "陆家嘴站灯箱 B", "light_box", "LB-DAY", "上海", "浦东", "day", 1, 31.2383, 121.5034},
	{"SH-LED-01", "广场 LED 大屏轮播", "led_screen", "LED-PLAZA", "上海", "徐汇", "month", 6, 31.1955, 121.4365},
	{"BJ-BB-001", "国贸桥大牌", "billboard", "BB-WEEK", "北京", "朝阳", "week", 1, 39.9087, 116.4605},
	{"BJ-LB-101", "西单站灯箱", "light_box", "LB-DAY", "北京", "西城", "day", 2, 39.9072, 116.3746},
}

// seedResources adds the demo resources (from the first of this month) and
// a 春节档 season on the weekly billboards, each once.
func seedResources(ctx context.Context, st *store.Store) error {
	products, err := st.ListProducts(ctx)
	if err != nil {
		return err
	}
	byCode := map[string]string{}
	for _, p := range products {
		byCode[p.Code] = p.ID
	}
	now := time.Now().In(policy.Shanghai)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).Format(policy.DateLayout)
	for _, r := range demoResources {
		if _, err := st.ResourceByCode(ctx, r.code); err == nil {
			continue
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		lat, lng := r.lat, r.lng
		in := store.ResourceInput{Code: r.code, Name: r.name, Kind: r.kind, ProductID: byCode[r.product], City: r.city,
			District: r.district, Latitude: &lat, Longitude: &lng, Capacity: r.capacity, SellUnit: r.unit, ActiveFrom: from}
		if _, err := st.CreateResource(ctx, "demo-"+r.code, "", in); err != nil {
			return fmt.Errorf("resource %s: %w", r.code, err)
		}
	}
	season := store.ProductPrice{ProductID: byCode["BB-WEEK"], Label: "春节档", ValidFrom: fmt.Sprint(now.Year()+1, "-02-01"),
		ValidTo: fmt.Sprint(now.Year()+1, "-02-21"), PriceFen: 3_000_000}
	if _, err := st.CreateProductPrice(ctx, season, ""); err != nil && !errors.Is(err, store.ErrPriceOverlap) {
		return fmt.Errorf("春节档: %w", err)
	}
	return nil
}
