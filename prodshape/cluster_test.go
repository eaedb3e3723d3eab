package prodshape

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"salesflow/signing"
)

// The API processes hold only the worker key's public half
// (SALESFLOW_SIGNING_PUBLIC_KEYS), as in production: every signature the
// suite checks was sealed in a worker and verified in an API process.

// proc is one salesflow process the suite runs (an API or a worker), with
// the environment to start it again after a kill.
type proc struct {
	name    string
	args    []string
	env     []string
	log     string
	addr    string // the API's listen address ("" for a worker)
	metrics string // its admin listener (SALESFLOW_METRICS_ADDR)

	mu  sync.Mutex
	cmd *exec.Cmd
}

// cluster is everything the suite started: the salesflow binary, the
// Temporal server, the database, the SMTP recorder and the four processes.
type cluster struct {
	t          *testing.T
	repo       string
	dir        string // logs and the binary
	bin        string
	dbURL      string // the owner's: migrations and the suite's own checks
	runtimeURL string // the running system's role (insert-only audit)
	temporal   string // host:port of the real Temporal server
	taskQueue  string
	key        ed25519.PrivateKey
	smtp       *recorder
	tc         client.Client
	apis       []*proc
	workers    []*proc
}

// repoRoot is the repository holding this package.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// missing ends the test for want of a service: a skip on a developer's
// machine, a failure in CI (CI=true), where a skip would pass silently.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("production-shape suite: "+format, args...)
	}
	t.Skipf("production-shape suite: "+format, args...)
}

// buildSalesflow compiles cmd/salesflow once into dir.
func buildSalesflow(t *testing.T, repo, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "salesflow")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/salesflow")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build salesflow: %v\n%s", err, out)
	}
	return bin
}

// script runs one of the repo's scripts, its progress into the suite's log.
func (c *cluster) script(env []string, name string, args ...string) (string, error) {
	cmd := exec.Command("bash", append([]string{filepath.Join(c.repo, "scripts", name)}, args...)...)
	cmd.Dir = c.repo
	cmd.Env = append(os.Environ(), env...)
	logf, err := os.OpenFile(filepath.Join(c.dir, "scripts.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return "", err
	}
	defer logf.Close()
	cmd.Stderr = logf
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s %v: %w (see %s)", name, args, err, logf.Name())
	}
	return strings.TrimSpace(string(out)), nil
}

// temporalEnv is the environment of every temporal-server.sh call: its own
// port, so it runs beside the dev server on 7233.
func (c *cluster) temporalEnv() []string {
	_, port, _ := net.SplitHostPort(c.temporal)
	return []string{"TEMPORAL_SERVER_PORT=" + port}
}

func (c *cluster) startTemporal() error {
	_, err := c.script(append(c.temporalEnv(), "TEMPORAL_SERVER_FRESH=1"), "temporal-server.sh", "start")
	return err
}

func (c *cluster) restartTemporal() error {
	_, err := c.script(c.temporalEnv(), "temporal-server.sh", "restart")
	return err
}

func (c *cluster) stopTemporal() {
	if _, err := c.script(c.temporalEnv(), "temporal-server.sh", "stop"); err != nil {
		c.t.Logf("stopping the Temporal server: %v", err)
	}
}

// restartPostgres restarts the local cluster serving 127.0.0.1:5432 the way
// scripts/postgres.sh finds it (pg_lsclusters, Debian layout).
func restartPostgres() error {
	out, err := exec.Command("pg_lsclusters", "-h").Output()
	if err != nil {
		return fmt.Errorf("pg_lsclusters: %w", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && f[2] == "5432" {
			if b, err := exec.Command("pg_ctlcluster", f[0], f[1], "restart").CombinedOutput(); err != nil {
				return fmt.Errorf("pg_ctlcluster %s %s restart: %v: %s", f[0], f[1], err, b)
			}
			return nil
		}
	}
	return fmt.Errorf("no PostgreSQL cluster on port 5432 in pg_lsclusters")
}

// commonEnv is what every salesflow process of the suite reads: the
// production configuration, with R2.5's week shortened so its reminders
// and overdue tasks happen within the run.
func (c *cluster) commonEnv(contactDeadline, reminderBefore time.Duration) []string {
	return []string{"DATABASE_URL=" + c.runtimeURL, "TEMPORAL_ADDRESS=" + c.temporal, "TEMPORAL_NAMESPACE=default",
		"SALESFLOW_TASK_QUEUE=" + c.taskQueue, "SALESFLOW_LOG_LEVEL=warn",
		"SALESFLOW_CONTACT_DEADLINE=" + contactDeadline.String(),
		"SALESFLOW_CONTACT_REMINDER_BEFORE=" + reminderBefore.String(),
		// Nothing of the developer's machine leaks in.
		"SALESFLOW_WEBHOOK_URL=", "SALESFLOW_SMTP_ADDR=", "SALESFLOW_SIGNING_KEY="}
}

func seedOf(k ed25519.PrivateKey) string { return base64.StdEncoding.EncodeToString(k.Seed()) }

// workerEnv: mail through the recorder, no webhook, the private key.
func (c *cluster) workerEnv(i int, common []string, metrics string) []string {
	return append(common, "SALESFLOW_SMTP_ADDR="+c.smtp.addr, "SALESFLOW_SMTP_TLS=none",
		"SALESFLOW_SMTP_FROM=salesflow@prodshape.test", "SALESFLOW_SIGNING_KEY="+seedOf(c.key),
		"SALESFLOW_SIGNING_KEY_FILE="+filepath.Join(c.dir, fmt.Sprintf("worker%d-missing.key", i)),
		"SALESFLOW_METRICS_ADDR="+metrics)
}

// apiEnv: the listen address and only the public key. The key file points
// into a directory of its own, so a process that would generate a key is
// seen.
func (c *cluster) apiEnv(i int, common []string, addr, metrics string) []string {
	env := append(common, "SALESFLOW_HTTP_ADDR="+addr, "SALESFLOW_METRICS_ADDR="+metrics,
		"SALESFLOW_SIGNING_KEY_FILE="+filepath.Join(c.dir, fmt.Sprintf("api%d-generated.key", i)))
	return append(env, "SALESFLOW_SIGNING_PUBLIC_KEYS="+signing.PublicEntry(c.key.Public().(ed25519.PublicKey)))
}

func newKey() ed25519.PrivateKey {
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	return k
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// run executes a one-off salesflow command (migrate, seed, user add).
func (c *cluster) run(env []string, args ...string) error {
	cmd := exec.Command(c.bin, args...)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("salesflow %v: %v\n%s", args, err, out)
	}
	return nil
}

func (p *proc) start() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	logf, err := os.OpenFile(p.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	fmt.Fprintf(logf, "\n--- %s start %s\n", p.name, time.Now().Format(time.RFC3339))
	cmd := exec.Command(p.args[0], p.args[1:]...)
	cmd.Env = append(os.Environ(), p.env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	// A test binary killed by its timeout runs no cleanup; take the
	// processes it started with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return err
	}
	go func() { _ = cmd.Wait(); logf.Close() }()
	p.cmd = cmd
	return nil
}

// kill sends SIGKILL: no shutdown code runs, as when a machine dies.
func (p *proc) kill() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd != nil && p.cmd.Process != nil {
		_ = p.cmd.Process.Signal(syscall.SIGKILL)
		for p.cmd.ProcessState == nil && processAlive(p.cmd.Process.Pid) {
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// stop is the orderly end of the run: SIGTERM, then SIGKILL after 20 s.
func (p *proc) stop() {
	p.mu.Lock()
	cmd := p.cmd
	p.mu.Unlock()
	if cmd == nil || cmd.Process == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	for i := 0; i < 200 && processAlive(cmd.Process.Pid); i++ {
		time.Sleep(100 * time.Millisecond)
	}
	p.kill()
}

func (p *proc) pid() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil || p.cmd.Process == nil {
		return 0
	}
	return p.cmd.Process.Pid
}

func processAlive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// Field 3 is the state; a zombie (Z) has exited.
	f := strings.Fields(string(b))
	return len(f) > 2 && f[2] != "Z"
}

// ready waits until the API answers /readyz (PostgreSQL and Temporal both
// reachable) or, for a worker, until it polls the task queue.
func (c *cluster) ready(ctx context.Context, p *proc) error {
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if !processAlive(p.pid()) {
			return fmt.Errorf("%s exited; see %s", p.name, p.log)
		}
		if p.addr != "" {
			if res, err := http.Get("http://" + p.addr + "/readyz"); err == nil {
				res.Body.Close()
				if res.StatusCode == http.StatusOK {
					return nil
				}
			}
		} else if c.polling(ctx, p.pid()) {
			return nil
		}
		time.Sleep(250 * time.Millisecond)
	}
	return fmt.Errorf("%s not ready after 90s; see %s", p.name, p.log)
}

// polling reports whether the worker process pid polls the suite's task
// queue (the SDK's default identity is "pid@host").
func (c *cluster) polling(ctx context.Context, pid int) bool {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	desc, err := c.tc.DescribeTaskQueue(ctx, c.taskQueue, 1) // 1: workflow task queue
	if err != nil {
		return false
	}
	for _, p := range desc.GetPollers() {
		if strings.HasPrefix(p.GetIdentity(), strconv.Itoa(pid)+"@") {
			return true
		}
	}
	return false
}

// restart starts p again after a kill and waits until it serves.
func (c *cluster) restart(ctx context.Context, p *proc) error {
	if err := p.start(); err != nil {
		return err
	}
	return c.ready(ctx, p)
}
