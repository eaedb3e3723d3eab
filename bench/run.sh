#!/usr/bin/env bash
# `make bench`: the customer-registry benchmark of issue 4 (bench/registry).
# It needs PostgreSQL (started like `make test` does) and a Temporal server:
# a throw-away in-memory dev server on port 7299, so the benchmark's
# 100,000 contact-deadline workflows never land in the .data/ server that
# `make run` uses. Arguments go to the benchmark (e.g. -rows 10000).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$REPO"

pg_marker=$(mktemp)
temporal_pid=""
cleanup() {
	trap - EXIT INT TERM
	[[ -n "$temporal_pid" ]] && stop_pid "$temporal_pid" "benchmark Temporal server" 20
	if [[ -s "$pg_marker" ]]; then
		# shellcheck disable=SC2046 # "<version> <cluster>" -> two arguments
		pg_ctlcluster $(<"$pg_marker") stop >&2 || true
	fi
	rm -f "$pg_marker" "${out:-}"
}
trap cleanup EXIT INT TERM

PG_STARTED_FILE="$pg_marker" bash "$REPO/scripts/postgres.sh"
TEMPORAL=$(temporal_bin)
port=7299
log "starting an in-memory Temporal dev server on 127.0.0.1:$port for the benchmark"
"$TEMPORAL" server start-dev --headless --ip 127.0.0.1 --port "$port" --log-level error \
	--search-attribute CustomerID=Keyword --search-attribute OwnerID=Keyword --search-attribute Stage=Keyword \
	>/dev/null 2>&1 &
temporal_pid=$!
wait_for_port 127.0.0.1 "$port" 60 || die "benchmark Temporal server did not start"
sleep 2 # the frontend answers a moment before the namespace is ready

export DATABASE_URL="${DATABASE_URL:-$DEFAULT_DATABASE_URL}"
# The decision round trip next to a bare Update (issue 12), then the
# registry. `small` (make bench SIZE=small) runs every part at a size that
# finishes in a few minutes; otherwise the full size, or the registry flags
# given (e.g. -rows 10000).
# 1,000 decisions: their p99 is the 10th slowest; of 200 it was the 2nd,
# and its ratio to the bare Update's moved from 1.9× to 3.3× between runs.
decisions=${BENCH_DECISIONS:-1000}
workflows=${BENCH_WORKFLOWS:-10000}
lists=${BENCH_LISTS:-50}
writes=${BENCH_WRITES:-4000}
if [[ "${1:-}" == small ]]; then
	shift
	decisions=${BENCH_DECISIONS:-100}
	workflows=${BENCH_WORKFLOWS:-500}
	lists=${BENCH_LISTS:-10}
	writes=${BENCH_WRITES:-1000}
	set -- -rows 2000 -customers 50000 -probes 300 "$@"
fi
# Every part's output goes to the terminal and to $out, whose key lines
# are printed again at the end as the run's one table.
out=$(mktemp)
{
	TEMPORAL_ADDRESS="127.0.0.1:$port" go run ./bench/decision -decisions "$decisions"
	TEMPORAL_ADDRESS="127.0.0.1:$port" go run ./bench/registry "$@"
	# The lists at 100,000 open tasks and 200,000 proposals, and audited
	# writes per second with 1 and with 16 writers on different subjects
	# (issue 12): the store's own benchmarks, each on a fresh database.
	SALESFLOW_TEST_INTEGRATION=1 go test -run '^$' -bench '^BenchmarkLists$' -benchtime "${lists}x" ./store/ | grep -v '^PASS'
	SALESFLOW_TEST_INTEGRATION=1 go test -run '^$' -bench '^BenchmarkAuditedWrites$' -benchtime "${writes}x" ./store/ | grep -v '^PASS'
	# A worker's memory with many open workflows (issue 12).
	TEMPORAL_ADDRESS="127.0.0.1:$port" go run ./bench/worker -workflows "$workflows"
} 2>&1 | tee "$out"
echo
echo "== make bench $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg): the figures of issue 12 =="
grep -E '^(bare Temporal Update|Update \+ empty|POST /api/v1/tasks|decision / bare|COPY into a table of|import through|the import is|duplicate check|successful create|search \(GET|customer list|Benchmark(Lists|AuditedWrites)/|worker VmRSS|worker VmHWM|open contact-deadline)' "$out" || true
rm -f "$out"
