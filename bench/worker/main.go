// Command worker measures a worker's memory with many open workflows
// (issue 12): it starts N contact-deadline workflows on a task queue of its
// own, served by a real `salesflow worker` in a child process, waits until
// the worker has run every one's first workflow task (each then sleeps
// towards its deadline, cached or evicted by the sticky cache), and reads
// the child's resident set (VmRSS, and its peak VmHWM) from
// /proc/PID/status. At the end it terminates the workflows, deletes the
// worker's schedules and stops the child.
//
// It makes its own database (dropped at the end) and needs PostgreSQL
// (DATABASE_URL) and a Temporal server (TEMPORAL_ADDRESS). Run:
//
//	go run ./bench/worker -workflows 10000 [-cache 2000]
package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"

	"salesflow/store"
	"salesflow/store/storetest"
	"salesflow/worker"
	"salesflow/workflows"
)

func main() {
	n := flag.Int("workflows", 10_000, "contact-deadline workflows to keep open")
	cache := flag.Int("cache", 0, "SALESFLOW_WORKER_STICKY_CACHE of the worker (0: its default)")
	par := flag.Int("concurrency", 32, "client calls in flight")
	flag.Parse()
	if err := run(*n, *cache, *par); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(n, cache, par int) error {
	ctx := context.Background()
	dbURL, drop, err := storetest.NewDatabase(ctx)
	if err != nil {
		return err
	}
	defer drop()
	if err := migrate(ctx, dbURL); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "bench-worker-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	queue := "bench-worker-" + hex.EncodeToString(b)
	addr := envOr("TEMPORAL_ADDRESS", "127.0.0.1:7233")
	child, err := startWorker(dir, dbURL, addr, queue, cache)
	if err != nil {
		return err
	}
	defer stopWorker(child)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	tc, err := client.Dial(client.Options{HostPort: addr, Logger: sdklog.NewStructuredLogger(quiet)})
	if err != nil {
		return fmt.Errorf("temporal: %w", err)
	}
	defer tc.Close()
	defer deleteSchedules(ctx, tc, queue)
	time.Sleep(3 * time.Second) // the worker connects and starts polling
	idle, _, err := rss(child.Process.Pid)
	if err != nil {
		return err
	}

	ids := make([]string, n)
	begin := time.Now()
	err = each(par, ids, func(i int, _ string) error {
		in := workflows.ContactDeadlineInput{CustomerID: fmt.Sprintf("%s-%d", queue, i), Generation: 1,
			OwnerID: "bench", Deadline: 30 * 24 * time.Hour}
		ids[i] = workflows.ContactDeadlineWorkflowID(in.CustomerID, in.Generation)
		_, err := tc.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: ids[i], TaskQueue: queue},
			workflows.ContactDeadlineWorkflow, in)
		return err
	})
	defer terminate(ctx, tc, par, ids)
	if err != nil {
		return fmt.Errorf("start: %w", err)
	}
	started := time.Since(begin)
	if err := awaitProcessed(ctx, tc, par, ids, child.Process.Pid); err != nil {
		return err
	}
	processed := time.Since(begin)
	now, peak, err := rss(child.Process.Pid)
	if err != nil {
		return err
	}
	cacheText := "default"
	if cache > 0 {
		cacheText = fmt.Sprint(cache)
	}
	fmt.Printf("\n%-52s %12s\n", "what", "value")
	fmt.Printf("%-52s %12s\n", "sticky cache (SALESFLOW_WORKER_STICKY_CACHE)", cacheText)
	fmt.Printf("%-52s %12d\n", "open contact-deadline workflows", n)
	fmt.Printf("%-52s %12s\n", "all started", started.Round(time.Millisecond))
	fmt.Printf("%-52s %12s\n", "all first workflow tasks done", processed.Round(time.Millisecond))
	fmt.Printf("%-52s %9d MB\n", "worker VmRSS idle", idle/1024)
	fmt.Printf("%-52s %9d MB\n", "worker VmRSS with every workflow open", now/1024)
	fmt.Printf("%-52s %9d MB\n", "worker VmHWM (peak)", peak/1024)
	return nil
}

func migrate(ctx context.Context, dbURL string) error {
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Migrate(ctx)
}

// startWorker builds salesflow and runs `salesflow worker` on queue.
func startWorker(dir, dbURL, addr, queue string, cache int) (*exec.Cmd, error) {
	bin := filepath.Join(dir, "salesflow")
	build := exec.Command("go", "build", "-o", bin, "./cmd/salesflow")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("build salesflow: %w", err)
	}
	logFile, err := os.Create(filepath.Join(dir, "worker.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "worker")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "TEMPORAL_ADDRESS="+addr,
		"SALESFLOW_TASK_QUEUE="+queue, "SALESFLOW_LOG_LEVEL=warn",
		"SALESFLOW_SIGNING_KEY_FILE="+filepath.Join(dir, "signing.key"), "SALESFLOW_SIGNING_KEY_GENERATE=true")
	if cache > 0 {
		cmd.Env = append(cmd.Env, fmt.Sprintf("SALESFLOW_WORKER_STICKY_CACHE=%d", cache))
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd, nil
}

func stopWorker(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(40 * time.Second):
		_ = cmd.Process.Kill()
	}
}

// rss reads VmRSS and VmHWM (kB) of pid.
func rss(pid int) (now, peak int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("worker process: %w", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "VmRSS:" {
			_, _ = fmt.Sscan(f[1], &now)
		}
		if len(f) >= 2 && f[0] == "VmHWM:" {
			_, _ = fmt.Sscan(f[1], &peak)
		}
	}
	return now, peak, nil
}

// awaitProcessed waits until every workflow's first task has completed:
// no workflow task pending and the deadline's timer in its history.
func awaitProcessed(ctx context.Context, tc client.Client, par int, ids []string, pid int) error {
	left := ids
	deadline := time.Now().Add(time.Duration(len(ids))*100*time.Millisecond + 2*time.Minute)
	for len(left) > 0 {
		if time.Now().After(deadline) {
			return fmt.Errorf("%d workflows still wait for their first task", len(left))
		}
		var mu sync.Mutex
		var next []string
		err := each(par, left, func(_ int, id string) error {
			d, err := tc.DescribeWorkflowExecution(ctx, id, "")
			if err != nil {
				return err
			}
			if d.PendingWorkflowTask != nil || d.WorkflowExecutionInfo.GetHistoryLength() < 5 {
				mu.Lock()
				next = append(next, id)
				mu.Unlock()
			}
			return nil
		})
		if err != nil {
			return err
		}
		if _, _, err := rss(pid); err != nil {
			return err // the worker died
		}
		left = next
		if len(left) > 0 {
			time.Sleep(time.Second)
		}
	}
	return nil
}

func terminate(ctx context.Context, tc client.Client, par int, ids []string) {
	var failed atomic.Int64
	_ = each(par, ids, func(_ int, id string) error {
		if id != "" && tc.TerminateWorkflow(ctx, id, "", "benchmark over") != nil {
			failed.Add(1)
		}
		return nil
	})
	if failed.Load() > 0 {
		fmt.Fprintf(os.Stderr, "bench: %d workflows not terminated\n", failed.Load())
	}
}

func deleteSchedules(ctx context.Context, tc client.Client, queue string) {
	for _, id := range []string{worker.DigestScheduleID(queue), worker.DeliveryScheduleID(queue),
		workflows.WeeklyCheckScheduleID(queue), worker.AuditCheckpointScheduleID(queue)} {
		_ = tc.ScheduleClient().GetHandle(ctx, id).Delete(ctx)
	}
}

// each runs f for every element of items, par at a time, and returns the
// first error.
func each(par int, items []string, f func(int, string) error) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	failed := func() bool { mu.Lock(); defer mu.Unlock(); return first != nil }
	sem := make(chan struct{}, max(1, par))
	for i, it := range items {
		if failed() {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := f(i, it); err != nil {
				mu.Lock()
				first = cmp.Or(first, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
