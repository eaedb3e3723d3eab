package api

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	sdkworker "go.temporal.io/sdk/worker"

	"salesflow/activities"
	"salesflow/document"
	"salesflow/pages"
	"salesflow/service"
	"salesflow/session"
	"salesflow/signing"
	"salesflow/store"
	"salesflow/store/storetest"
	"salesflow/worker"
	"salesflow/workflows"
)

// testEnv is the integration environment shared by this package's tests: a
// fresh PostgreSQL database, the real Temporal dev server, a real worker on
// a task queue of its own, and the API on an httptest server.
type testEnv struct {
	URL       string
	DBURL     string
	TaskQueue string
	Store     *store.Store
	Temporal  client.Client
	Worker    sdkworker.Worker
	handler   http.Handler
	users     map[string]store.User
	products  []store.Product
	Key       ed25519.PrivateKey // the worker's signing key (R5.5)
	Font      []byte
}

// contractDeps is what the contract loop needs besides the database: a
// throwaway signing key and the PDF font (SALESFLOW_PDF_FONT or the
// fonts-lxgw-wenkai default).
func contractDeps() (ed25519.PrivateKey, []byte, error) {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	font, err := document.LoadFont(envOr("SALESFLOW_PDF_FONT", document.DefaultFontPath))
	return key, font, err
}

// trustedKeys is what the API is given: only the worker key's public half,
// as production does (the split-process tests use keys of their own).
func (e *testEnv) trustedKeys() signing.Keyring {
	return signing.NewKeyring(e.Key.Public().(ed25519.PublicKey))
}

// activities returns the worker's activities over the test database.
func (e *testEnv) activities() *activities.Activities {
	acts := activities.New(e.Store)
	acts.SigningKey, acts.Font = e.Key, e.Font
	return acts
}

const testPassword = "test-password-1"

var (
	envOnce   sync.Once
	sharedEnv *testEnv
	envErr    error
	cleanup   []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(cleanup) - 1; i >= 0; i-- {
		cleanup[i]()
	}
	os.Exit(code)
}

// newTestEnv returns the shared environment, building it on first use. The
// integration tests skip when SALESFLOW_TEST_INTEGRATION is unset (a plain
// `go test` without the services); `make test` sets it, and then a missing
// service is a failure, not a skip.
func newTestEnv(t testing.TB) *testEnv {
	t.Helper()
	if !storetest.Enabled() {
		t.Skip("integration test: run through `make test` (needs PostgreSQL and Temporal)")
	}
	envOnce.Do(func() { sharedEnv, envErr = buildEnv() })
	if envErr != nil {
		t.Fatalf("integration environment: %v", envErr)
	}
	return sharedEnv
}

// newOwnEnv builds an environment of the test's own (a fresh database,
// seeded, and a worker on a queue of its own), for a test that records
// thousands of customers: in the shared registry they would crowd the
// pool and the test salespeople's lists, and leave thousands of contact
// deadlines for the outbox of every API process later tests start.
func newOwnEnv(t testing.TB) *testEnv {
	t.Helper()
	newTestEnv(t) // skips as the others do
	e, err := buildEnv()
	if err != nil {
		t.Fatalf("integration environment: %v", err)
	}
	return e
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// uniquePhone is a phone number no other record of the run has: R2.2
// knows a company again by its phone as well as by its name.
func uniquePhone() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	n := binary.BigEndian.Uint32(b) % 100_000_000
	return fmt.Sprintf("021-%04d %04d", n/10000, n%10000)
}

func buildEnv() (*testEnv, error) {
	ctx := context.Background()
	dbURL, drop, err := storetest.NewDatabase(ctx)
	if err != nil {
		return nil, err
	}
	cleanup = append(cleanup, drop)
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		return nil, err
	}
	cleanup = append(cleanup, func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		return nil, err
	}
	tc, err := client.Dial(client.Options{HostPort: envOr("TEMPORAL_ADDRESS", "127.0.0.1:7233"),
		Logger: discardLogger{}})
	if err != nil {
		return nil, fmt.Errorf("temporal: %w", err)
	}
	cleanup = append(cleanup, tc.Close)
	e := &testEnv{DBURL: dbURL, TaskQueue: "test-" + randomSuffix(), Store: st, Temporal: tc,
		users: map[string]store.User{}}
	if e.Key, e.Font, err = contractDeps(); err != nil {
		return nil, err
	}
	e.Worker = worker.New(tc, e.TaskQueue, e.activities())
	if err := e.Worker.Start(); err != nil {
		return nil, err
	}
	cleanup = append(cleanup, func() { e.Worker.Stop() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("SALESFLOW_TEST_LOG") != "" {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	e.handler = testHandler(st, tc, log, service.Config{TaskQueue: e.TaskQueue, ContractTiming: hourTimings,
		SigningKeys: e.trustedKeys()}, Config{PDFFont: e.Font}, sharedEnvThrottle())
	srv := httptest.NewServer(e.handler)
	cleanup = append(cleanup, srv.Close)
	e.URL = srv.URL
	return e, e.seed(ctx)
}

// newUser makes a user through the use case, as the command line does.
func newUser(ctx context.Context, st *store.Store, username, name, password string, roles []string, managerID string, pct int) (store.User, error) {
	svc := service.New(st, nil, slog.New(slog.NewTextHandler(io.Discard, nil)), service.Config{})
	return svc.CreateUser(ctx, store.User{}, "", service.UserInput{Username: username, Name: name, Password: password,
		Roles: roles, ManagerID: managerID, DiscountAuthorityPct: pct})
}

// testHandler is the handler cmd serves (the API with the pages mounted)
// over a Service of its own configured by sc (the keys it trusts
// included); sign-ins are throttled by throttle, else the default rule.
func testHandler(st *store.Store, tc client.Client, log *slog.Logger, sc service.Config, cfg Config, throttle ...session.Throttle) http.Handler {
	svc := service.New(st, tc, log, sc)
	sc0 := session.Config{}
	if len(throttle) > 0 {
		sc0.Throttle = throttle[0]
	}
	sessions := session.New(st, log, sc0)
	site, err := pages.New(svc, sessions, log, pages.Config{PublicURL: cfg.PublicURL, RequestTimeout: cfg.RequestTimeout})
	if err != nil {
		panic("web templates do not parse: " + err.Error())
	}
	return New(svc, tc, sessions, log, cfg, site)
}

// hourTimings are the contract loop's reminder and escalation of the tests
// that do not wait for them.
var hourTimings = workflows.ContractTiming{RemindAfter: time.Hour, EscalateAfter: 2 * time.Hour}

// service is a Service on the tests' queue, for tests that call a use
// case (the contact outbox's sweep) directly.
func (e *testEnv) service() *service.Service {
	return service.New(e.Store, e.Temporal, slog.New(slog.NewTextHandler(io.Discard, nil)), service.Config{TaskQueue: e.TaskQueue})
}

// seed creates the people of the tests: two salespeople under one manager,
// a reviewer, an admin, a salesperson of another team and a rate card.
func (e *testEnv) seed(ctx context.Context) error {
	people := []struct {
		username string
		roles    []string
		manager  string
	}{
		{"admin", []string{"admin"}, ""},
		{"manager", []string{"sales_manager"}, ""},
		{"manager2", []string{"sales_manager"}, ""},
		{"sales1", []string{"salesperson"}, "manager"},
		{"sales2", []string{"salesperson"}, "manager"},
		{"sales3", []string{"salesperson"}, "manager2"},
		{"reviewer", []string{"reviewer"}, ""},
		{"salesreviewer", []string{"salesperson", "reviewer"}, "manager"},
		{"director", []string{"marketing_director"}, ""},
		{"dirapprover", []string{"marketing_director", "company_approver"}, ""},
		{"approver", []string{"company_approver"}, "manager2"},
		{"approver2", []string{"company_approver"}, "manager2"},
		{"salesapprover", []string{"salesperson", "company_approver"}, "manager"},
		{"frontdesk", []string{"front_desk"}, ""},
	}
	for _, p := range people {
		managerID := ""
		if p.manager != "" {
			managerID = e.users[p.manager].ID
		}
		u, err := newUser(ctx, e.Store, p.username, "测试 "+p.username, testPassword, p.roles, managerID, 10)
		if err != nil {
			return fmt.Errorf("seed %s: %w", p.username, err)
		}
		e.users[p.username] = u
	}
	for i, price := range []int64{100_000, 250_000} {
		p, err := e.service().CreateProduct(ctx, store.User{}, "", service.ProductInput{Code: fmt.Sprintf("P%d", i),
			Name: fmt.Sprintf("产品 %d", i), Unit: "月", ListPriceFen: price})
		if err != nil {
			return err
		}
		e.products = append(e.products, p)
	}
	return nil
}

// apiClient is a signed-in user talking JSON to the API.
type apiClient struct {
	t     testing.TB
	base  string
	token string
	http  *http.Client
	lang  string
}

// as signs in as username and returns a client holding the bearer token.
func (e *testEnv) as(t testing.TB, username string) *apiClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &apiClient{t: t, base: e.URL, http: &http.Client{Jar: jar}}
	res := c.do("POST", "/api/v1/session", map[string]string{"username": username, "password": testPassword}, nil)
	res.status(http.StatusOK)
	c.token = res.body["token"].(string)
	return c
}

// response is a decoded JSON answer.
type response struct {
	t      testing.TB
	code   int
	header http.Header
	body   map[string]any
	raw    []byte
}

func (r response) status(want int) response {
	r.t.Helper()
	if r.code != want {
		r.t.Fatalf("status %d, want %d: %s", r.code, want, r.raw)
	}
	return r
}

func (r response) str(key string) string {
	v, _ := r.body[key].(string)
	return v
}

func (c *apiClient) do(method, path string, body any, headers map[string]string) response {
	c.t.Helper()
	var b []byte
	if body != nil {
		var err error
		if b, err = json.Marshal(body); err != nil {
			c.t.Fatal(err)
		}
	}
	return c.send(method, path, b, headers)
}

// sendAs sends body as is, with its content type.
func (c *apiClient) sendAs(method, path, contentType string, body []byte, headers map[string]string) response {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{t: c.t, code: res.StatusCode, header: res.Header, raw: raw}
	if len(raw) > 0 && strings.Contains(res.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(raw, &out.body); err != nil {
			c.t.Fatalf("decode %s: %v", raw, err)
		}
	}
	return out
}

// discardLogger keeps the Temporal SDK quiet in tests.
type discardLogger struct{}

func (discardLogger) Debug(string, ...any) {}
func (discardLogger) Info(string, ...any)  {}
func (discardLogger) Warn(string, ...any)  {}
func (discardLogger) Error(string, ...any) {}
