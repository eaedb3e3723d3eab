package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

const importBatch = 1000 // rows per CSV file, the import's own limit

// bench holds a signed-in salesperson talking to the API under test.
type bench struct {
	st     *store.Store
	base   string
	token  string
	userID string
	// importRate and copyIndexed are the rows/s of the import and of
	// COPY into the indexed table, for their ratio.
	importRate, copyIndexed float64
	// filled counts the generated "填充N号" customers; sample is every
	// 499th of their names.
	filled int
	sample []string
}

func newBench(ctx context.Context, st *store.Store, base string) (*bench, error) {
	u, err := service.New(st, nil, slog.Default(), service.Config{}).CreateUser(ctx, store.User{}, "",
		service.UserInput{Username: "bench", Name: "压测销售", Password: "bench-password", Roles: []string{"salesperson"}, DiscountAuthorityPct: 10})
	if err != nil {
		return nil, err
	}
	b := &bench{st: st, base: base, userID: u.ID}
	var out struct{ Token string }
	if err := b.post("/api/v1/session", "application/json", `{"username":"bench","password":"bench-password"}`, &out); err != nil {
		return nil, err
	}
	b.token = out.Token
	return b, nil
}

func (b *bench) post(path, contentType, body string, out any) error {
	req, _ := http.NewRequest("POST", b.base+path, bytes.NewBufferString(body))
	req.Header.Set("Content-Type", contentType)
	if b.token != "" {
		req.Header.Set("Authorization", "Bearer "+b.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 && out != nil {
		return fmt.Errorf("%s: status %d", path, res.StatusCode)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(res.Body).Decode(out)
}

// importAll sends every row through the import endpoint, the files
// written before the clock starts.
func (b *bench) importAll(rows []row) error {
	var created, duplicate, invalid int
	var files []string
	for i := 0; i < len(rows); i += importBatch {
		files = append(files, csvOf(rows[i:min(i+importBatch, len(rows))]))
	}
	start := time.Now()
	for _, file := range files {
		var out struct {
			Counts struct{ Created, Duplicate, Invalid int }
		}
		if err := b.post("/api/v1/customers/import", "text/csv", file, &out); err != nil {
			return err
		}
		created, duplicate, invalid = created+out.Counts.Created, duplicate+out.Counts.Duplicate, invalid+out.Counts.Invalid
	}
	elapsed := time.Since(start)
	b.importRate = float64(len(rows)) / elapsed.Seconds()
	fmt.Printf("import through the API: %s; created %d, duplicate %d, invalid %d\n",
		rate(len(rows), elapsed), created, duplicate, invalid)
	return nil
}

// copyFloor COPYs the same rows into an unindexed table — the speed of
// writing the bytes with no checks at all — and the distinct ones (a
// unique key refuses a repeat) with their normalised keys into a copy of
// the registry as it stands, with the customers table's indexes: the
// yardstick of issue 12 ("COPY into a table with the same indexes"). The
// copied rows get their IDs as an import without a key does
// (service.FreshID), so both write the same keys into the same indexes.
func (b *bench) copyFloor(ctx context.Context, rows []row) error {
	db := b.st.DB()
	if _, err := db.ExecContext(ctx, `CREATE TABLE bench_copy (name text, phone text, channel text, collected_on date)`); err != nil {
		return err
	}
	d, err := b.copyIn(ctx, "bench_copy", []string{"name", "phone", "channel", "collected_on"}, len(rows),
		func(i int) []any { return []any{rows[i].name, rows[i].phone, rows[i].channel, rows[i].collected} })
	if err != nil {
		return err
	}
	fmt.Printf("plain COPY into an unindexed table: %s\n", rate(len(rows), d))
	if err := b.copyOfRegistry(ctx, "bench_copy_indexed"); err != nil {
		return err
	}
	distinct := distinctRows(rows)
	cols := []string{"id", "name", "channel", "owner_id", "collected_on", "created_by", "phone",
		"normalised_name", "normalised_phone", "name_core"}
	d, err = b.copyIn(ctx, "bench_copy_indexed", cols, len(distinct), func(i int) []any {
		r := distinct[i]
		return []any{service.FreshID(), r.name, r.channel, b.userID, r.collected, b.userID, r.phone,
			policy.NormaliseCompanyName(r.name), policy.NormalisePhone(r.phone), policy.CompanyNameCore(r.name)}
	})
	if err != nil {
		return err
	}
	b.copyIndexed = float64(len(distinct)) / d.Seconds()
	fmt.Printf("COPY into a table of the same %s rows with the customers' indexes: %s\n",
		b.registrySize(ctx, "bench_copy_indexed", len(distinct)), rate(len(distinct), d))
	return nil
}

// copyOfRegistry makes table a copy of the customers table's rows, then
// builds every index the customers table has on it (bulk-built, as fast
// as PostgreSQL makes them), vacuumed like the registry.
func (b *bench) copyOfRegistry(ctx context.Context, table string) error {
	db := b.st.DB()
	if _, err := db.ExecContext(ctx, `CREATE TABLE `+table+` (LIKE customers INCLUDING DEFAULTS);
		INSERT INTO `+table+` SELECT * FROM customers`); err != nil {
		return err
	}
	var defs []string
	if err := db.SelectContext(ctx, &defs, `SELECT indexdef FROM pg_indexes
		WHERE schemaname = current_schema() AND tablename = 'customers'`); err != nil {
		return err
	}
	for i, def := range defs {
		on := strings.Index(def, " ON ")
		using := strings.Index(def, " USING ")
		if on < 0 || using < on {
			return fmt.Errorf("index definition not understood: %s", def)
		}
		unique := ""
		if strings.HasPrefix(def, "CREATE UNIQUE") {
			unique = "UNIQUE "
		}
		stmt := fmt.Sprintf("CREATE %sINDEX %s_%d ON %s%s", unique, table, i, table, def[using:])
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	_, err := db.ExecContext(ctx, `VACUUM ANALYZE `+table)
	return err
}

// registrySize renders how many rows table held before the added ones.
func (b *bench) registrySize(ctx context.Context, table string, added int) string {
	var n int
	_ = b.st.DB().GetContext(ctx, &n, `SELECT count(*) FROM `+table)
	return fmt.Sprint(n - added)
}

// distinctRows drops the rows whose normalised name or phone an earlier
// row has (the generated repeats), in order.
func distinctRows(rows []row) []row {
	seen := map[string]bool{}
	var out []row
	for _, r := range rows {
		n, p := "n:"+policy.NormaliseCompanyName(r.name), "p:"+policy.NormalisePhone(r.phone)
		if seen[n] || (p != "p:" && seen[p]) {
			continue
		}
		seen[n], seen[p] = true, true
		out = append(out, r)
	}
	return out
}

// copyIn COPYs n rows (row(i) giving each one's values) into table in one
// transaction and returns how long it took.
func (b *bench) copyIn(ctx context.Context, table string, cols []string, n int, row func(i int) []any) (time.Duration, error) {
	start := time.Now()
	tx, err := b.st.DB().BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare(pq.CopyIn(table, cols...))
	if err != nil {
		return 0, err
	}
	for i := range n {
		if _, err := stmt.Exec(row(i)...); err != nil {
			return 0, err
		}
	}
	if _, err := stmt.Exec(); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// duplicateProbe fills the customers table to total rows, then times POST
// /api/v1/customers of existing companies under other spellings.
func (b *bench) duplicateProbe(ctx context.Context, total, probes int) error {
	names, err := b.fill(ctx, total)
	if err != nil {
		return err
	}
	lat := make([]time.Duration, 0, probes)
	for i := 0; i < probes; i++ {
		name := " " + names[(i*7919)%len(names)] + " "
		body := fmt.Sprintf(`{"name":%q,"channel":"internet","collected_on":"2026-11-25"}`, name)
		start := time.Now()
		var problem struct{ Type string }
		req, _ := http.NewRequest("POST", b.base+"/api/v1/customers", bytes.NewBufferString(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+b.token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		_ = json.NewDecoder(res.Body).Decode(&problem)
		res.Body.Close()
		lat = append(lat, time.Since(start))
		if res.StatusCode != http.StatusConflict || problem.Type != "/problems/duplicate-customer" {
			return fmt.Errorf("probe %d: status %d %s, want the duplicate 409", i, res.StatusCode, problem.Type)
		}
	}
	fmt.Printf("duplicate check (POST /customers → 409) with %d customers: %s\n", total, percentiles(lat))
	if err := b.createProbe(total, probes); err != nil {
		return err
	}
	if err := b.searchProbe(total, probes); err != nil {
		return err
	}
	return b.listProbe(total, probes)
}

// fillClasses are the classes the filled customers cycle through, so a
// class filter picks one in six.
var fillClasses = []string{"tracking", "potential", "progressing", "key", "intent_signed", "signed"}

// fill COPYs generated customers until the table holds total rows and
// returns a sample of all the names it generated so far, to probe with.
// The filled rows are numbered on from the last fill, so the sample and
// the probes' "填充N号" names all exist whatever was imported between.
func (b *bench) fill(ctx context.Context, total int) ([]string, error) {
	db := b.st.DB()
	var have int
	if err := db.GetContext(ctx, &have, `SELECT count(*) FROM customers`); err != nil {
		return nil, err
	}
	if have >= total {
		return b.sample, nil
	}
	start := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	withCore, err := b.hasNameCore(ctx)
	if err != nil {
		return nil, err
	}
	cols := []string{"id", "name", "channel", "owner_id", "collected_on", "created_by", "phone",
		"normalised_name", "normalised_phone", "class"}
	if withCore {
		cols = append(cols, "name_core")
	}
	stmt, err := tx.Prepare(pq.CopyIn("customers", cols...))
	if err != nil {
		return nil, err
	}
	for n := have; n < total; n++ {
		i := b.filled
		b.filled++
		name := fmt.Sprintf("填充%d号广告有限公司", i)
		phone := fmt.Sprintf("137%08d", i)
		// Random (version 4) IDs, as a registry recorded before FreshID has.
		vals := []any{uuid.NewString(), name, "internet", b.userID, "2026-11-20", b.userID, phone,
			policy.NormaliseCompanyName(name), policy.NormalisePhone(phone), fillClasses[i%len(fillClasses)]}
		if withCore {
			vals = append(vals, policy.CompanyNameCore(name))
		}
		if _, err := stmt.Exec(vals...); err != nil {
			return nil, err
		}
		if i%499 == 0 {
			b.sample = append(b.sample, name)
		}
	}
	if _, err := stmt.Exec(); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	// What autovacuum does to a registry grown over years (the statistics,
	// the GIN indexes' pending entries), done now rather than while the
	// probes run.
	if _, err := db.ExecContext(ctx, `VACUUM ANALYZE customers`); err != nil {
		return nil, err
	}
	fmt.Printf("filled customers to %d rows in %s\n", total, time.Since(start).Round(time.Second))
	return b.sample, nil
}
