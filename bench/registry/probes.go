package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// createWarmUp is how many creates run untimed before the probe: the
// first create statements on a fresh process's connections are planned
// and their catalogue entries cached, which a server in service is past
// (the usual warm-up of a latency benchmark; the printed line says so).
const createWarmUp = 20

// createProbe times successful POST /api/v1/customers with their near-
// duplicate warnings (issue 12): half new companies, half names like an
// existing one (the filled "填充N号广告" as "填充N号广告传媒", warned).
func (b *bench) createProbe(total, probes int) error {
	fresh, like := make([]time.Duration, 0, probes), make([]time.Duration, 0, probes)
	for i := -createWarmUp; i < probes; i++ {
		n := i + createWarmUp // the warm-up creates both kinds too
		name := fmt.Sprintf("新建%d号%d科技有限公司", n, time.Now().UnixNano()%1_000_000)
		lat := &fresh
		if n%2 == 1 {
			name, lat = fmt.Sprintf("填充%d号广告传媒", (n*7919)%b.filled), &like
		}
		body := fmt.Sprintf(`{"name":%q,"channel":"internet","collected_on":"2026-11-25"}`, name)
		d, code, err := b.timed("POST", "/api/v1/customers", body)
		if err != nil {
			return err
		}
		if code != http.StatusCreated {
			return fmt.Errorf("create %q: status %d", name, code)
		}
		if i >= 0 {
			*lat = append(*lat, d)
		}
	}
	fmt.Printf("successful create (POST /customers → 201, with warnings, after %d untimed) with %d customers: new company %s; a name like another %s\n",
		createWarmUp, total, percentiles(fresh), percentiles(like))
	return nil
}

// searchProbe times GET /api/v1/customers?q= as the salesperson who owns
// every filled row (visibility narrows nothing): name fragments and phone
// fragments of filled customers.
func (b *bench) searchProbe(total, probes int) error {
	byName, byPhone := make([]time.Duration, 0, probes), make([]time.Duration, 0, probes)
	for i := 0; i < probes; i++ {
		n := (i * 7919) % b.filled
		q, lat := fmt.Sprintf("充%d号", n), &byName
		if i%2 == 1 {
			q, lat = fmt.Sprintf("%08d", n)[2:], &byPhone
		}
		d, code, err := b.timed("GET", "/api/v1/customers?q="+url.QueryEscape(q), "")
		if err != nil {
			return err
		}
		if code != http.StatusOK {
			return fmt.Errorf("search %q: status %d", q, code)
		}
		*lat = append(*lat, d)
	}
	fmt.Printf("search (GET /customers?q=) with %d customers: name fragment %s; phone fragment %s\n",
		total, percentiles(byName), percentiles(byPhone))
	return nil
}

// listProbe times the registry's first page and a class filter (GET
// /api/v1/customers, ?class=key), and the next page by its cursor, as
// the salesperson who owns every filled row.
func (b *bench) listProbe(total, probes int) error {
	var first, byClass, next []time.Duration
	cursor := ""
	for i := 0; i < probes; i++ {
		path, lat := "/api/v1/customers", &first
		switch i % 3 {
		case 1:
			path, lat = "/api/v1/customers?class="+fillClasses[i%len(fillClasses)], &byClass
		case 2:
			path, lat = "/api/v1/customers?cursor="+url.QueryEscape(cursor), &next
		}
		start := time.Now()
		res, err := b.get(path)
		if err != nil {
			return err
		}
		*lat = append(*lat, time.Since(start))
		if res.NextCursor != "" {
			cursor = res.NextCursor
		}
	}
	fmt.Printf("customer list (GET /customers) with %d customers: first page %s; class filter %s; next page %s\n",
		total, percentiles(first), percentiles(byClass), percentiles(next))
	return nil
}

// get sends GET path and reads its page's cursor.
func (b *bench) get(path string) (page struct {
	NextCursor string `json:"next_cursor"`
}, err error) {
	req, _ := http.NewRequest("GET", b.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+b.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return page, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return page, fmt.Errorf("GET %s: status %d", path, res.StatusCode)
	}
	err = json.NewDecoder(res.Body).Decode(&page)
	return page, err
}

// timed sends one request and returns its latency and status.
func (b *bench) timed(method, path, body string) (time.Duration, int, error) {
	req, _ := http.NewRequest(method, b.base+path, bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+b.token)
	start := time.Now()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, 0, err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return time.Since(start), res.StatusCode, nil
}

// percentiles renders p50 and p99 of lat.
func percentiles(lat []time.Duration) string {
	if len(lat) == 0 {
		return "no probes"
	}
	slices.Sort(lat)
	return fmt.Sprintf("p50 %s, p99 %s (%d)", lat[len(lat)/2].Round(10*time.Microsecond),
		lat[len(lat)*99/100].Round(10*time.Microsecond), len(lat))
}

// hasNameCore reports whether the schema has migrations/00017's block key
// column, so the same benchmark fills the registry before and after it.
func (b *bench) hasNameCore(ctx context.Context) (bool, error) {
	var ok bool
	err := b.st.DB().GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM information_schema.columns
		WHERE table_name = 'customers' AND column_name = 'name_core')`)
	return ok, err
}
