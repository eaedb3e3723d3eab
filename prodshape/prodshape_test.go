package prodshape

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"salesflow/store"
	"salesflow/store/storetest"
)

// settings size the run; every one has an environment variable so a quick
// local run can be small (see the README).
type settings struct {
	flows, clients  int
	smtpOutage      time.Duration
	faults          string
	seed            uint64
	temporalPort    int
	contactDeadline time.Duration
	reminderBefore  time.Duration
	report          string
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func envDuration(name string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func loadSettings(repo string) settings {
	s := settings{
		flows:      envInt("SALESFLOW_PRODSHAPE_FLOWS", 100),
		clients:    envInt("SALESFLOW_PRODSHAPE_CLIENTS", 4),
		smtpOutage: envDuration("SALESFLOW_PRODSHAPE_SMTP_OUTAGE", time.Minute),
		faults:     os.Getenv("SALESFLOW_PRODSHAPE_FAULTS"),
		// The fault order comes from the seed. make test uses a fixed one
		// (a run that passed) so CI is repeatable; SALESFLOW_PRODSHAPE_SEED=0
		// draws a new order. Seed 920245 (SMTP down first, then a
		// PostgreSQL restart) found the two defects fixed on 2026-12-01
		// (a retried create answered from the row; a signature while the
		// document was issued refused 409) and passes since.
		seed:         seedFrom(os.Getenv("SALESFLOW_PRODSHAPE_SEED"), 89684),
		temporalPort: envInt("SALESFLOW_PRODSHAPE_TEMPORAL_PORT", 7433),
		// R2.5's week in minutes: the reminder and the overdue task of
		// every customer nobody called happen during the run.
		contactDeadline: envDuration("SALESFLOW_PRODSHAPE_CONTACT_DEADLINE", 2*time.Minute),
		reminderBefore:  envDuration("SALESFLOW_PRODSHAPE_CONTACT_REMINDER_BEFORE", 90*time.Second),
		report:          os.Getenv("SALESFLOW_PRODSHAPE_REPORT"),
	}
	if s.report == "" {
		s.report = filepath.Join(repo, ".data", "prodshape-report.txt")
	}
	if os.Getenv("SALESFLOW_PRODSHAPE_SMTP_OUTAGE") == "" && s.flows < 100 {
		// A small run is over before a minute's outage would end.
		s.smtpOutage = max(15*time.Second, time.Duration(s.flows)*600*time.Millisecond)
	}
	return s
}

const (
	password = "prodshape-password-1"
	refused  = "bounce@prodshape.test" // the address the SMTP server refuses
)

// TestProductionShape runs Salesflow as deployed and breaks it while it
// works: see the package comment and the README.
func TestProductionShape(t *testing.T) {
	if !storetest.Enabled() {
		t.Skip("production-shape suite: set SALESFLOW_TEST_INTEGRATION=1 (make test does), see README")
	}
	repo := repoRoot()
	cfg := loadSettings(repo)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := setUp(ctx, t, repo, cfg)
	fig := &figures{}
	fig.add("run: %d flows, %d clients, seed %d, SMTP outage %s, contact deadline %s; logs in %s",
		cfg.flows, cfg.clients, cfg.seed, cfg.smtpOutage, cfg.contactDeadline, c.dir)
	fig.add("signing: the workers hold the private key, the API processes only its public half")
	pool, d := c.signInEveryone(ctx, t)
	flows := plan(cfg)

	start := time.Now()
	var finished atomic.Int64
	rng := rand.New(rand.NewPCG(cfg.seed, 9))
	faults := c.faults(rng, cfg.faults, cfg.smtpOutage)
	in := &injector{start: start, finished: &finished, total: len(flows)}
	injected := make(chan struct{})
	go func() { in.run(ctx, faults, thresholds(rng, len(faults), len(flows))); close(injected) }()
	driven := make(chan struct{})
	go progress(ctx, t, driven, &finished, len(flows))
	drive(ctx, d, flows, cfg.clients, &finished)
	close(driven)
	<-injected
	in.wg.Wait()
	fig.add("driven in %s; %d requests sent again after a failure (same Idempotency-Key, other API process)",
		time.Since(start).Round(time.Second), pool.retries.Load())
	fig.add("injected:\n%s", strings.TrimRight(in.report(), "\n"))
	for _, r := range in.log {
		if r.err != nil {
			t.Errorf("fault %s: %v", r.name, r.err)
		}
	}

	st, err := store.Open(ctx, c.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ck := &checker{t: t, c: c, db: st.DB(), admin: d.users[0]["admin"], d: d, flows: flows, fig: fig, cfg: cfg, start: start}
	ck.endStates(ctx)
	ck.rowsOnce(ctx)
	ck.mailsOnce(ctx)
	ck.signatures(ctx)
	ck.audit(ctx)
	ck.metrics(ctx)
	fig.write(t, cfg.report)
}

// setUp starts everything the run needs and registers its teardown.
func setUp(ctx context.Context, t *testing.T, repo string, cfg settings) *cluster {
	dbURL, drop, err := storetest.NewDatabase(ctx)
	if err != nil {
		missing(t, "PostgreSQL at DATABASE_URL: %v", err)
	}
	t.Cleanup(drop)
	dir, err := os.MkdirTemp("", "prodshape-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if !t.Failed() && os.Getenv("SALESFLOW_PRODSHAPE_KEEP") == "" {
			_ = os.RemoveAll(dir)
		}
	})
	runtimeURL, err := storetest.RuntimeURL(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	c := &cluster{t: t, repo: repo, dir: dir, dbURL: dbURL, runtimeURL: runtimeURL, key: newKey(),
		temporal: fmt.Sprintf("127.0.0.1:%d", cfg.temporalPort), taskQueue: "prodshape-" + randomHex(4)}
	if c.smtp, err = newRecorder(refused); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.smtp.close)
	c.bin = buildSalesflow(t, repo, dir)
	t.Cleanup(c.stopTemporal) // also after a start that failed half-way
	if err := c.startTemporal(); err != nil {
		t.Fatalf("Temporal server: %v", err)
	}
	if c.tc, err = client.Dial(client.Options{HostPort: c.temporal, Logger: quiet{}}); err != nil {
		t.Fatalf("Temporal client: %v", err)
	}
	t.Cleanup(c.tc.Close)

	common := c.commonEnv(cfg.contactDeadline, cfg.reminderBefore)
	// The migrations run as the owner, which grants the runtime role; every
	// other command and process connects as the runtime role, as deployed.
	if err := c.run(append(common, "DATABASE_URL="+c.dbURL, "SALESFLOW_DB_RUNTIME_ROLE="+storetest.RuntimeRole), "migrate"); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"seed", "--demo"},
		{"user", "add", "-username", "bounce", "-name", "退信测试", "-roles", "salesperson",
			"-manager", "manager", "-authority", "10", "-password", password}} {
		if err := c.run(append(common, "SALESFLOW_DEMO_PASSWORD="+password), args...); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 2 {
		addrs := make([]string, 3)
		for j := range addrs {
			if addrs[j], err = freeAddr(); err != nil {
				t.Fatal(err)
			}
		}
		w := &proc{name: fmt.Sprintf("worker-%d", i), args: []string{c.bin, "worker"}, metrics: addrs[0],
			env: c.workerEnv(i, common, addrs[0]), log: filepath.Join(dir, fmt.Sprintf("worker-%d.log", i))}
		a := &proc{name: fmt.Sprintf("api-%d", i), args: []string{c.bin, "api"}, addr: addrs[1], metrics: addrs[2],
			env: c.apiEnv(i, common, addrs[1], addrs[2]), log: filepath.Join(dir, fmt.Sprintf("api-%d.log", i))}
		c.workers, c.apis = append(c.workers, w), append(c.apis, a)
	}
	for _, p := range append(append([]*proc{}, c.workers...), c.apis...) {
		t.Cleanup(p.stop)
		if err := c.restart(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// signInEveryone gives every user an address (mail is how they hear of
// their tasks), reads the rate card and signs everyone in on both API
// processes.
func (c *cluster) signInEveryone(ctx context.Context, t *testing.T) (*apiPool, *driver) {
	pool := &apiPool{stepTimeout: 4 * time.Minute}
	for _, a := range c.apis {
		pool.bases = append(pool.bases, "http://"+a.addr)
	}
	admin, err := pool.signIn(ctx, "admin", password, 0)
	if err != nil {
		t.Fatal(err)
	}
	list, err := admin.get(ctx, "/api/v1/users")
	if err != nil {
		t.Fatal(err)
	}
	d := &driver{users: []people{{}, {}}}
	for _, it := range list.Body["items"].([]any) {
		u := it.(map[string]any)
		name := u["username"].(string)
		addr := name + "@prodshape.test"
		if _, err := admin.want(ctx, "PATCH", "/api/v1/users/"+u["id"].(string), map[string]any{"email": addr},
			"", http.StatusOK); err != nil {
			t.Fatal(err)
		}
		for home := range d.users {
			if d.users[home][name], err = pool.signIn(ctx, name, password, home); err != nil {
				t.Fatal(err)
			}
		}
	}
	products, err := admin.get(ctx, "/api/v1/products")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range products.Body["items"].([]any) {
		p := it.(map[string]any)
		d.products = append(d.products, p["id"].(string))
		d.listFen = append(d.listFen, int64(p["list_price_fen"].(float64)))
	}
	if len(d.products) < 2 {
		t.Fatalf("the demo rate card has %d products", len(d.products))
	}
	return pool, d
}

// plan lays out the flows: kinds in kindMix's proportions, owners
// alternating, every tenth owned by the salesperson whose address is
// refused, homes alternating between the API processes.
func plan(cfg settings) []*flow {
	var kinds []flowKind
	for _, m := range kindMix {
		for range m.per {
			kinds = append(kinds, m.kind)
		}
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 1))
	flows := make([]*flow, cfg.flows)
	for i := range flows {
		owner := []string{"sales1", "sales2"}[i%2]
		if i%10 == 7 {
			owner = "bounce"
		}
		flows[i] = &flow{n: i, kind: kinds[(i+i/len(kinds))%len(kinds)], owner: owner, home: i % 2}
	}
	rng.Shuffle(len(flows), func(i, j int) { flows[i], flows[j] = flows[j], flows[i] })
	return flows
}

// drive runs the flows on clients concurrent clients. Once more than a
// tenth of them (at least three) failed, it stops starting new ones: a
// broken run should report in minutes, not retry every step to its limit.
func drive(ctx context.Context, d *driver, flows []*flow, clients int, finished *atomic.Int64) {
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	var failed atomic.Int64
	limit := int64(max(3, len(flows)/10))
	work := make(chan *flow)
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				start := time.Now()
				if f.err = context.Cause(ctx); f.err == nil {
					f.err = d.run(ctx, f)
				}
				f.took = time.Since(start)
				finished.Add(1)
				if f.err != nil && failed.Add(1) > limit {
					stop(fmt.Errorf("not started: the run stopped after %d failed flows", limit))
				}
			}
		}()
	}
	for _, f := range flows {
		work <- f
	}
	close(work)
	wg.Wait()
}

// progress logs how far the run is every half minute until done closes.
func progress(ctx context.Context, t *testing.T, done <-chan struct{}, finished *atomic.Int64, total int) {
	tick := time.NewTicker(30 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			t.Logf("%s: %d/%d flows finished", time.Now().Format(time.TimeOnly), finished.Load(), total)
		case <-done:
			return
		case <-ctx.Done():
			return
		}
	}
}

// quiet keeps the Temporal SDK's client logs out of the test output.
type quiet struct{}

func (quiet) Debug(string, ...any) {}
func (quiet) Info(string, ...any)  {}
func (quiet) Warn(string, ...any)  {}
func (quiet) Error(string, ...any) {}

// seedFrom reads SALESFLOW_PRODSHAPE_SEED: unset or not a number is def,
// 0 draws a fresh seed (printed in the report, so a failure can be rerun).
func seedFrom(env string, def uint64) uint64 {
	seed, err := strconv.ParseUint(env, 10, 64)
	switch {
	case err != nil:
		return def
	case seed == 0:
		return uint64(time.Now().UnixNano() % 1_000_000)
	}
	return seed
}
