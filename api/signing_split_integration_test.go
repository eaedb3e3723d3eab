package api

import (
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"syscall"
	"testing"

	"salesflow/service"
	"salesflow/signing"
)

// The split deployment of issue 9: a `salesflow worker` process seals the
// signatures with its private key; an API process that holds only public
// keys verifies them.

// newSigningKey is a fresh Ed25519 key, as an operator would generate one.
func newSigningKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func publicOf(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }

// startSigningWorker hands the test's task queue to a `salesflow worker`
// process given key through the environment, as production does; it stops
// the process (SIGTERM) when the test ends or when the returned func runs.
func (e *testEnv) startSigningWorker(t *testing.T, bin string, key ed25519.PrivateKey) func() {
	t.Helper()
	cmd := e.startWorkerProcessWithKey(t, bin, envOr("TEMPORAL_ADDRESS", "127.0.0.1:7233"), key)
	var once sync.Once
	stop := func() { once.Do(func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() }) }
	t.Cleanup(stop)
	return stop
}

// apiTrusting serves a second API over the same database and Temporal that
// holds only the public keys given, and returns a client of it signed in as
// the same user as c.
func (e *testEnv) apiTrusting(t *testing.T, c *apiClient, pubs ...ed25519.PublicKey) *apiClient {
	t.Helper()
	cfg := Config{PDFFont: e.Font}
	sc := service.Config{TaskQueue: e.TaskQueue, SigningKeys: signing.NewKeyring(pubs...)}
	srv := httptest.NewServer(testHandler(e.Store, e.Temporal, slog.New(slog.NewTextHandler(io.Discard, nil)), sc, cfg))
	t.Cleanup(srv.Close)
	other := *c
	other.base = srv.URL
	return &other
}

// submittedContract walks a new contract of c at price to its approval
// step and returns its id.
func (e *testEnv) submittedContract(c *apiClient, price int64) string {
	c.t.Helper()
	id := e.acceptedContract(c, price)
	e.withTerms(c, id, 1, price).status(http.StatusOK)
	c.post("/api/v1/contracts/"+id+"/submit", nil, "").status(http.StatusOK)
	return id
}

// signedContract walks a new contract to both signatures through the
// shared API and returns its id.
func (e *testEnv) signedContract(t *testing.T) string {
	t.Helper()
	sales, approver := e.as(t, "sales1"), e.as(t, "approver")
	id := e.submittedContract(sales, 98_000)
	approveAll(t, id, approver)
	approver.sign(id, "company", "", "").status(http.StatusOK)
	wantContract(t, sales.sign(id, "customer", "赵经理", "").status(http.StatusOK), "signed")
	return id
}

func verification(c *apiClient, id string) response {
	c.t.Helper()
	return c.do("GET", "/api/v1/contracts/"+id+"/verification", nil, nil).status(http.StatusOK)
}

// wantVerdict checks the verification's overall answer and, for each
// signature, whether its key is trusted and its seal holds.
func wantVerdict(t *testing.T, v response, valid bool, problem string) {
	t.Helper()
	if v.body["valid"] != valid {
		t.Fatalf("valid = %v, want %v: %s", v.body["valid"], valid, v.raw)
	}
	for _, s := range v.body["signatures"].([]any) {
		ch := s.(map[string]any)
		if ch["signature_valid"] != valid || ch["problem"] != nilIfEmpty(problem) {
			t.Fatalf("signature %v: want valid %v, problem %q: %s", ch["signer_role"], valid, problem, v.raw)
		}
	}
}

// storedKeyIDs are the key ids the contract's signatures were sealed with.
func (e *testEnv) storedKeyIDs(t *testing.T, id string) []string {
	t.Helper()
	var ids []string
	err := e.Store.DB().Select(&ids, `SELECT coalesce(signing_key_id, '') FROM signatures WHERE contract_id = $1 ORDER BY signer_role`, id)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// splitEnv hands the task queue from the in-process worker (given back
// when the test ends) to worker processes the test starts, with two fresh
// keys for them.
func splitEnv(t *testing.T) (e *testEnv, bin string, keyA, keyB ed25519.PrivateKey) {
	t.Helper()
	e = newTestEnv(t)
	bin = buildBinary(t)
	e.Worker.Stop()
	t.Cleanup(func() { e.restartInProcessWorker(t) })
	return e, bin, newSigningKey(t), newSigningKey(t)
}

// TestSplitSigningVerifiesWithPublicKeyOnly: a worker process signs with key
// A; an API that holds only A's public key verifies both signatures, and an
// API that trusts another key reports them invalid with an unknown key.
func TestSplitSigningVerifiesWithPublicKeyOnly(t *testing.T) {
	e, bin, keyA, keyB := splitEnv(t)
	e.startSigningWorker(t, bin, keyA)

	id := e.signedContract(t)
	sales := e.as(t, "sales1")
	wantVerdict(t, verification(e.apiTrusting(t, sales, publicOf(keyA)), id), true, "")
	wantVerdict(t, verification(e.apiTrusting(t, sales, publicOf(keyB)), id), false, "unknown_key")
	if ids := e.storedKeyIDs(t, id); len(ids) != 2 || ids[0] != signing.KeyID(publicOf(keyA)) || ids[1] != ids[0] {
		t.Fatalf("each signature stores the id of the key it was sealed with (%s): %v", signing.KeyID(publicOf(keyA)), ids)
	}
}

// TestSigningKeyRotation: contracts signed before and after the worker's
// key is rotated from A to B both verify through an API trusting A and B;
// once A is no longer trusted, its signatures are invalid, not an error.
func TestSigningKeyRotation(t *testing.T) {
	e, bin, keyA, keyB := splitEnv(t)
	stopA := e.startSigningWorker(t, bin, keyA)
	before := e.signedContract(t)
	stopA()
	e.startSigningWorker(t, bin, keyB)
	after := e.signedContract(t)

	sales := e.as(t, "sales1")
	both := e.apiTrusting(t, sales, publicOf(keyA), publicOf(keyB))
	wantVerdict(t, verification(both, before), true, "")
	wantVerdict(t, verification(both, after), true, "")
	onlyB := e.apiTrusting(t, sales, publicOf(keyB))
	wantVerdict(t, verification(onlyB, before), false, "unknown_key")
	wantVerdict(t, verification(onlyB, after), true, "")
	if a, b := e.storedKeyIDs(t, before), e.storedKeyIDs(t, after); a[0] != signing.KeyID(publicOf(keyA)) || b[0] != signing.KeyID(publicOf(keyB)) {
		t.Fatalf("key ids: before %v, after %v", a, b)
	}
}
