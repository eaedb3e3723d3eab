package api

import (
	"bufio"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"salesflow/observability/obstest"
	"salesflow/signing"
)

// process is a salesflow subcommand run as production runs it, its stderr
// (the log) kept line by line.
type process struct {
	t     *testing.T
	cmd   *exec.Cmd
	mu    sync.Mutex
	lines []string
	eof   chan struct{}
}

// startProcess runs `salesflow role` on the test database and task queue,
// with JSON logs at info and both listeners on ports of the system's
// choosing (read back from the log), plus env.
func (e *testEnv) startProcess(t *testing.T, bin, role string, env ...string) *process {
	t.Helper()
	cmd := exec.Command(bin, role)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+e.DBURL, "SALESFLOW_TASK_QUEUE="+e.TaskQueue,
		"SALESFLOW_LOG_LEVEL=info", "SALESFLOW_LOG_FORMAT=json", "SALESFLOW_HTTP_ADDR=127.0.0.1:0",
		"SALESFLOW_METRICS_ADDR=127.0.0.1:0")
	if role == "worker" {
		cmd.Env = append(cmd.Env, "SALESFLOW_SIGNING_KEY="+base64.StdEncoding.EncodeToString(e.Key.Seed()))
	} else {
		cmd.Env = append(cmd.Env, "SALESFLOW_SIGNING_PUBLIC_KEYS="+signing.PublicEntry(e.Key.Public().(ed25519.PublicKey)))
	}
	cmd.Env = append(cmd.Env, env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{t: t, cmd: cmd, eof: make(chan struct{})}
	go func() {
		defer close(p.eof)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			p.mu.Lock()
			p.lines = append(p.lines, sc.Text())
			p.mu.Unlock()
		}
	}()
	t.Cleanup(p.stop)
	return p
}

// stop ends the process as an orchestrator does (SIGTERM) and waits for
// its last line.
func (p *process) stop() {
	if p.cmd.ProcessState != nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	<-p.eof
	_ = p.cmd.Wait()
}

// logLines decodes every line logged so far, failing on one that is not a
// JSON object: a log collector would have to guess at it.
func (p *process) logLines() []map[string]any {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]map[string]any, 0, len(p.lines))
	for _, l := range p.lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			p.t.Fatalf("log line is not JSON: %q", l)
		}
		out = append(out, m)
	}
	return out
}

// text is the log so far.
func (p *process) text() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.lines, "\n")
}

// waitLine waits up to 30 s for a line that match accepts.
func (p *process) waitLine(what string, match func(map[string]any) bool) map[string]any {
	p.t.Helper()
	for stop := time.Now().Add(30 * time.Second); time.Now().Before(stop); time.Sleep(50 * time.Millisecond) {
		for _, l := range p.logLines() {
			if match(l) {
				return l
			}
		}
		select {
		case <-p.eof:
			p.t.Fatalf("process ended before logging %s:\n%s", what, p.text())
		default:
		}
	}
	p.t.Fatalf("no log line %s in:\n%s", what, p.text())
	return nil
}

// listening returns the address the process logged for msg ("http
// listening", "metrics listening") as a URL.
func (p *process) listening(msg string) string {
	p.t.Helper()
	l := p.waitLine(msg, func(l map[string]any) bool { return l["msg"] == msg })
	addr, _ := l["addr"].(string)
	if !strings.HasPrefix(addr, "http://") {
		addr = "http://" + addr
	}
	return addr
}

// scrape reads base's /metrics, which must parse as the Prometheus text
// format.
func scrape(t *testing.T, base string) obstest.Families {
	t.Helper()
	res, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	families, err := obstest.ParseText(res.Body)
	if err != nil {
		t.Fatalf("/metrics is not the Prometheus text format: %v", err)
	}
	return families
}

// wantMetric fails unless the series exists and check accepts its value.
func wantMetric(t *testing.T, families obstest.Families, name string, labels map[string]string,
	what string, check func(float64) bool) {
	t.Helper()
	v, ok := families.Value(name, labels)
	if !ok {
		t.Errorf("no series %s%v", name, labels)
		return
	}
	if !check(v) {
		t.Errorf("%s%v = %v, want %s", name, labels, v, what)
	}
}

// wantPoolsOf fails t unless the store's two connection pools (main and
// prepared statements) are served and their sizes add up to size.
func wantPoolsOf(t *testing.T, families obstest.Families, size float64) {
	t.Helper()
	main, ok1 := families.Value("go_sql_max_open_connections", map[string]string{"db_name": "salesflow"})
	byKey, ok2 := families.Value("go_sql_max_open_connections", map[string]string{"db_name": "salesflow_by_key"})
	if !ok1 || !ok2 || main+byKey != size || byKey < 1 {
		t.Errorf("pools: salesflow %v (%v) + salesflow_by_key %v (%v), want both, adding up to %v", main, ok1, byKey, ok2, size)
	}
}
