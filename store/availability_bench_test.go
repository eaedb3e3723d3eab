package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"salesflow/store"
	"salesflow/store/storetest"
)

// availabilityData is issue 13's size: 5,000 resources in 10 cities and 6
// kinds (one in ten with two faces), sold by the week, and over the 52
// weeks from 2027-01-04 about two in five of their weeks claimed: each
// resource's year in 13 four-week blocks, a block claimed for two to four
// weeks two times in five, a third of the claims booked by one of 200
// contracts, the rest held by one of 50 salespeople. About 26,000 claims.
const availabilityData = `
INSERT INTO users (id, username, name, password_hash, roles)
SELECT 'as' || i, 'as' || i, 'sales ' || i, 'x', '{salesperson}' FROM generate_series(1, 50) i;
INSERT INTO customers (id, name, channel, owner_id, class, collected_on, created_by, normalised_name, owned_since, contact_due_at, entered_at)
SELECT 'ac' || i, 'customer ' || i, 'internet', 'as' || (i % 50 + 1), 'progressing', current_date, 'as' || (i % 50 + 1),
	'customer' || i, now(), now(), now() FROM generate_series(1, 200) i;
INSERT INTO proposals (id, customer_id, owner_id, status, version, workflow_id)
SELECT 'ap' || i, 'ac' || i, 'as' || (i % 50 + 1), 'accepted', 1, 'wf-ap' || i FROM generate_series(1, 200) i;
INSERT INTO contracts (id, proposal_id, proposal_version, customer_id, owner_id, status, version, content_hash, workflow_id)
SELECT 'ak' || i, 'ap' || i, 1, 'ac' || i, 'as' || (i % 50 + 1), 'signed', 1, repeat('0', 64), 'wf-ak' || i
FROM generate_series(1, 200) i;
INSERT INTO products (id, code, name, unit, list_price_fen) VALUES ('aprod', 'AP', 'billboard week', 'week', 100000);
INSERT INTO media_resources (id, code, name, kind, product_id, city, capacity, sell_unit, active_from)
SELECT 'ar' || i, 'R' || lpad(i::text, 5, '0'), 'resource ' || i,
	(ARRAY['billboard','light_box','led_screen','elevator_frame','bus_shelter','other'])[i % 6 + 1], 'aprod',
	'city' || (i % 10), CASE WHEN i % 10 = 0 THEN 2 ELSE 1 END, 'week', '2026-01-01'
FROM generate_series(1, 5000) i;
INSERT INTO resource_claims (id, resource_id, slot, period, state, holder_id, proposal_id, contract_id, expires_at)
SELECT 'acl' || i || '-' || j, 'ar' || i, 1,
	daterange('2027-01-04'::date + 28 * j, '2027-01-04'::date + 28 * j + 7 * (2 + (i + j) % 3)),
	CASE WHEN (i + j) % 3 = 0 THEN 'booked' ELSE 'held' END, 'as' || ((i + j) % 50 + 1),
	'ap' || ((i * 13 + j) % 200 + 1), CASE WHEN (i + j) % 3 = 0 THEN 'ak' || ((i * 13 + j) % 200 + 1) END,
	CASE WHEN (i + j) % 3 <> 0 THEN now() + interval '3 days' END
FROM generate_series(1, 5000) i, generate_series(0, 12) j WHERE (i * 7 + j * 3) % 5 < 2;
ANALYZE;
`

// BenchmarkAvailability times the availability grid (a page of resources
// × 52 weeks, every live claim of the page's weeks in one query) and the
// free search (free/…: every resource with a face free over a range) at
// that size and reports their p99:
//
//	SALESFLOW_TEST_INTEGRATION=1 go test -run '^$' -bench Availability -benchtime 200x ./store/
func BenchmarkAvailability(b *testing.B) {
	if !storetest.Enabled() {
		b.Skip("integration benchmark: set SALESFLOW_TEST_INTEGRATION=1")
	}
	ctx := context.Background()
	st, done, err := storetest.NewMigrated(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(done)
	if _, err := st.DB().ExecContext(ctx, availabilityData); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(13, 52))
	cursor := func() string { return fmt.Sprintf("R%05d", rng.IntN(4900)) }
	cases := []struct {
		name string
		f    func() store.AvailabilityFilter
	}{
		{"page50/52weeks", func() store.AvailabilityFilter { // the grid page's and the API's default page
			return store.AvailabilityFilter{From: "2027-01-04", Weeks: 52, Page: store.Page{Limit: 50, Cursor: cursor()}}
		}},
		{"page100/52weeks", func() store.AvailabilityFilter {
			return store.AvailabilityFilter{From: "2027-01-04", Weeks: 52, Page: store.Page{Limit: 100, Cursor: cursor()}}
		}},
		{"city/page100/52weeks", func() store.AvailabilityFilter {
			return store.AvailabilityFilter{City: fmt.Sprint("city", rng.IntN(10)), From: "2027-01-04", Weeks: 52,
				Page: store.Page{Limit: 100}}
		}},
		{"kind+city/page200/13weeks", func() store.AvailabilityFilter {
			return store.AvailabilityFilter{Kind: "billboard", City: fmt.Sprint("city", 2*rng.IntN(5)), From: "2027-04-05",
				Weeks: 13, Page: store.Page{Limit: 200}}
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var took []time.Duration
			for range b.N {
				f := c.f()
				start := time.Now()
				rows, _, err := st.Availability(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
				if len(rows) == 0 {
					b.Fatalf("no resources for %+v", f)
				}
			}
			slices.Sort(took)
			p99 := took[max(0, (len(took)*99+99)/100-1)]
			b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
		})
	}
	benchmarkFree(b, st, rng)
	if testing.Verbose() {
		explainAvailability(b, st)
	}
}

// benchmarkFree times the free search (every resource with a face free
// over a whole range, one query) on the same data: over all 5,000
// resources from a random code (most of the year's pages scan on to the
// last resource: only the 500 with two faces are free for 52 weeks), and
// for one kind in one city.
func benchmarkFree(b *testing.B, st *store.Store, rng *rand.Rand) {
	ctx := context.Background()
	month := func() (string, string) {
		from := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*rng.IntN(48))
		return from.Format(time.DateOnly), from.AddDate(0, 0, 27).Format(time.DateOnly)
	}
	cases := []struct {
		name string
		f    func() store.FreeFilter
	}{
		{"free/all/page200/52weeks", func() store.FreeFilter {
			return store.FreeFilter{From: "2027-01-04", To: "2028-01-02", Page: store.Page{Limit: 200, Cursor: fmt.Sprintf("R%05d", rng.IntN(5000))}}
		}},
		{"free/all/page200/4weeks", func() store.FreeFilter {
			from, to := month()
			return store.FreeFilter{From: from, To: to, Page: store.Page{Limit: 200, Cursor: fmt.Sprintf("R%05d", rng.IntN(5000))}}
		}},
		{"free/all/first-page200/52weeks", func() store.FreeFilter {
			return store.FreeFilter{From: "2027-01-04", To: "2028-01-02", Page: store.Page{Limit: 200}}
		}},
		{"free/kind+city/page200/4weeks", func() store.FreeFilter {
			from, to := month()
			return store.FreeFilter{Kind: "billboard", City: fmt.Sprint("city", 2*rng.IntN(5)), From: from, To: to,
				Page: store.Page{Limit: 200}}
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var took []time.Duration
			for range b.N {
				f := c.f()
				start := time.Now()
				if _, _, err := st.FreeResources(ctx, f); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			slices.Sort(took)
			p99 := took[max(0, (len(took)*99+99)/100-1)]
			b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
		})
	}
	if testing.Verbose() {
		for _, r := range [][3]string{{"2027-01-04", "2028-01-02", "R02500"}, {"2027-03-01", "2027-03-28", ""}} {
			var plan []string
			err := st.DB().Select(&plan, `EXPLAIN (ANALYZE, BUFFERS) `+store.FreeResourcesQuery, "", "", r[0], r[1], r[2], 201)
			if err != nil {
				b.Fatal(err)
			}
			b.Log("\n" + strings.Join(plan, "\n"))
		}
	}
}

// explainAvailability prints the claims query's plan for one page.
func explainAvailability(b *testing.B, st *store.Store) {
	var ids []string
	for i := 1; i <= 100; i++ {
		ids = append(ids, fmt.Sprint("ar", i))
	}
	var plan []string
	err := st.DB().Select(&plan, `EXPLAIN (ANALYZE, BUFFERS) `+store.WeekClaimsQuery, "{"+strings.Join(ids, ",")+"}", "2027-01-04", 52)
	if err != nil {
		b.Fatal(err)
	}
	b.Log("\n" + strings.Join(plan, "\n"))
}
