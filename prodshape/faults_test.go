package prodshape

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// fault is one thing the suite breaks during the run.
type fault struct {
	name   string
	inject func(ctx context.Context) (string, error) // returns what it did
	// async faults (the SMTP outage) run beside the next ones.
	async bool
}

// injection is what happened, for the closing figures.
type injection struct {
	name     string
	detail   string
	at, back time.Duration // since the run started
	err      error
}

// injector fires each fault once, when the number of finished flows
// crosses its threshold: tied to progress, not the clock, so every fault
// lands while flows are in flight whatever the machine's speed.
type injector struct {
	start    time.Time
	finished *atomic.Int64
	total    int

	mu  sync.Mutex
	log []injection
	wg  sync.WaitGroup
}

// thresholds spreads n faults over 5%–70% of the flows, shuffled by rng.
func thresholds(rng *rand.Rand, n, flows int) []int {
	out := make([]int, n)
	for i := range out {
		lo, hi := flows*(5+65*i/n)/100, flows*(5+65*(i+1)/n)/100
		out[i] = lo + rng.IntN(max(hi-lo, 1))
	}
	return out
}

func (in *injector) since() time.Duration { return time.Since(in.start).Round(100 * time.Millisecond) }

// run fires faults in order at their thresholds; it returns when all are
// injected (async ones may still be recovering: wait on in.wg).
func (in *injector) run(ctx context.Context, faults []fault, at []int) {
	for i, f := range faults {
		for in.finished.Load() < int64(at[i]) && ctx.Err() == nil {
			time.Sleep(100 * time.Millisecond)
		}
		if ctx.Err() != nil {
			return
		}
		in.wg.Add(1)
		do := func() {
			defer in.wg.Done()
			rec := injection{name: f.name, at: in.since()}
			rec.detail, rec.err = f.inject(ctx)
			rec.back = in.since()
			in.mu.Lock()
			in.log = append(in.log, rec)
			in.mu.Unlock()
		}
		if f.async {
			go do()
		} else {
			do()
		}
	}
}

func (in *injector) report() string {
	in.mu.Lock()
	defer in.mu.Unlock()
	sort.Slice(in.log, func(i, j int) bool { return in.log[i].at < in.log[j].at })
	var b strings.Builder
	for _, r := range in.log {
		status := "recovered"
		if r.err != nil {
			status = "FAILED: " + r.err.Error()
		}
		fmt.Fprintf(&b, "  +%-8s %-26s %s; %s at +%s\n", fmtDur(r.at), r.name, r.detail, status, fmtDur(r.back))
	}
	return b.String()
}

func fmtDur(d time.Duration) string {
	return fmt.Sprintf("%d:%04.1f", int(d.Minutes()), d.Seconds()-60*float64(int(d.Minutes())))
}

// faults builds the list the run injects, filtered by which (a comma list
// of worker, api, temporal, postgres, smtp; empty means all).
func (c *cluster) faults(rng *rand.Rand, which string, smtpOutage time.Duration) []fault {
	pause := 3 * time.Second // how long a killed process stays dead
	killRestart := func(p *proc) func(ctx context.Context) (string, error) {
		return func(ctx context.Context) (string, error) {
			pid := p.pid()
			p.kill()
			time.Sleep(pause)
			if err := c.restart(ctx, p); err != nil {
				return fmt.Sprintf("kill -9 pid %d", pid), err
			}
			return fmt.Sprintf("kill -9 pid %d, restarted as pid %d after %s", pid, p.pid(), pause), nil
		}
	}
	all := []struct {
		group string
		f     fault
	}{
		{"worker", fault{name: "kill -9 " + c.workers[0].name, inject: killRestart(c.workers[0])}},
		{"worker", fault{name: "kill -9 " + c.workers[1].name, inject: killRestart(c.workers[1])}},
		{"api", fault{name: "kill -9 " + c.apis[0].name, inject: killRestart(c.apis[0])}},
		{"api", fault{name: "kill -9 " + c.apis[1].name, inject: killRestart(c.apis[1])}},
		{"temporal", fault{name: "restart Temporal server", inject: func(context.Context) (string, error) {
			return "temporal-server.sh restart (SIGTERM, start on the same databases)", c.restartTemporal()
		}}},
		{"postgres", fault{name: "restart PostgreSQL", inject: func(context.Context) (string, error) {
			return "pg_ctlcluster restart (every connection dropped)", restartPostgres()
		}}},
		{"smtp", fault{name: "SMTP server down", async: true, inject: func(ctx context.Context) (string, error) {
			c.smtp.down()
			select {
			case <-time.After(smtpOutage):
			case <-ctx.Done():
			}
			return fmt.Sprintf("listener closed for %s", smtpOutage), c.smtp.up()
		}}},
	}
	var out []fault
	for _, a := range all {
		if which == "" || which == "all" || strings.Contains(","+which+",", ","+a.group+",") {
			out = append(out, a.f)
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
