#!/usr/bin/env bash
# `make test` (and CI via .ci/run): static checks, then the whole Go test
# suite including the integration tests against a real PostgreSQL and a
# real Temporal server.
#
# Starts PostgreSQL and the Temporal dev server when they are not running,
# and stops again (by PID / pg_ctlcluster) only what it started, at exit.
# Fails on the first failing step:
#   1. gofmt -l prints nothing
#   2. go vet ./...
#   3. workflowcheck ./workflows/...   (determinism of workflow code)
#   4. go test -count=1 -p 1 -timeout 30m ./...   (all but prodshape/)
#   5. the production-shape suite (prodshape/): two API and two worker
#      processes on a real Temporal server on PostgreSQL, under faults;
#      its figures are printed from .data/prodshape-report.txt.
#      SALESFLOW_PRODSHAPE_FLOWS sizes it (default 100); SKIP_PRODSHAPE=1
#      leaves it out.
#   6. a short fuzz run of each fuzz target (FUZZTIME per target, 5s)
#
# -p 1: integration tests share one PostgreSQL server and one Temporal
# namespace; running packages one at a time keeps them from stepping on each
# other and keeps a 2-core machine responsive.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

temporal_pid_file=""
pg_marker=$(mktemp)

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	# The production-shape suite stops its Temporal server itself; this is
	# for a suite killed by its timeout (the script stops only a server
	# whose PID file it wrote).
	if [[ "${SKIP_PRODSHAPE:-}" != 1 ]]; then
		TEMPORAL_SERVER_PORT="${SALESFLOW_PRODSHAPE_TEMPORAL_PORT:-7433}" \
			bash "$REPO/scripts/temporal-server.sh" stop || true
	fi
	if [[ -n "$temporal_pid_file" && -s "$temporal_pid_file" ]]; then
		stop_pid "$(<"$temporal_pid_file")" "Temporal dev server" 30
		rm -f "$temporal_pid_file"
	fi
	if [[ -s "$pg_marker" ]]; then
		local pg_started
		pg_started=$(<"$pg_marker")
		log "stopping PostgreSQL cluster $pg_started (this script started it)"
		# shellcheck disable=SC2086 # "<version> <cluster>" -> two arguments
		pg_ctlcluster $pg_started stop >&2 || warn "pg_ctlcluster $pg_started stop failed"
	fi
	rm -f "$pg_marker"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() { printf '\n==> [%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Fail fast on a tool chain problem before spending time on services.
have go || die "go is not on PATH"
log "$(go version)"

# --- 1. formatting ---------------------------------------------------------
# Only our own sources: skip tool/data/dependency directories and testdata
# (which may hold deliberately odd Go files).
step "gofmt -l"
mapfile -t go_files < <(find . \
	\( -path ./.git -o -path ./.tools -o -path ./.data -o -path ./bin \
	-o -name node_modules -o -name vendor -o -name testdata \) -prune \
	-o -type f -name '*.go' -print)
if ((${#go_files[@]} > 0)); then
	unformatted=$(gofmt -l "${go_files[@]}") || die "gofmt failed (syntax errors above?)"
	if [[ -n "$unformatted" ]]; then
		printf '%s\n' "$unformatted" >&2
		die "gofmt: the files above are not formatted (run: make fmt)"
	fi
fi

# --- 2. vet ----------------------------------------------------------------
step "go vet ./..."
go vet ./...

# --- 3. workflow determinism -----------------------------------------------
step "workflowcheck ./workflows/..."
if [[ -d workflows ]]; then
	wfc=$(workflowcheck_bin)
	# It prints one line per non-deterministic call path; any output fails.
	if ! wfc_out=$("$wfc" ./workflows/... 2>&1) || [[ -n "$wfc_out" ]]; then
		printf '%s\n' "$wfc_out" >&2
		die "workflowcheck found non-deterministic workflow code (or failed)"
	fi
else
	warn "no workflows/ directory; skipping workflowcheck"
fi

# --- services ----------------------------------------------------------------
step "services: PostgreSQL and Temporal"
bash "$REPO/scripts/system-packages.sh"
PG_STARTED_FILE="$pg_marker" bash "$REPO/scripts/postgres.sh"
temporal_pid_file=$(bash "$REPO/scripts/temporal.sh")
if [[ "${SKIP_PRODSHAPE:-}" != 1 ]]; then
	# Built here, not inside the suite's timeout: the first build of the
	# Temporal server takes minutes on a cold cache (cached in .tools/).
	step "Temporal server for the production-shape suite (build once into .tools/)"
	bash "$REPO/scripts/temporal-server.sh" build
fi

export DATABASE_URL="${DATABASE_URL:-$DEFAULT_DATABASE_URL}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-$DEFAULT_TEMPORAL_ADDRESS}"
export SALESFLOW_TEST_INTEGRATION=1

# --- 4. tests ----------------------------------------------------------------
# Plain `go test` output: one ok/FAIL line per package, which is also what CI
# reads to count the run.
step "go test -count=1 -p 1 -timeout 30m ./... (all but prodshape/)"
mapfile -t packages < <(go list ./... | grep -v '/prodshape$')
go test -count=1 -p 1 -timeout 30m "${packages[@]}"

# --- 5. production shape --------------------------------------------------------
# The suite starts and stops its own Temporal server (scripts/temporal-
# server.sh, port 7433), salesflow processes and SMTP recorder.
if [[ "${SKIP_PRODSHAPE:-}" != 1 ]]; then
	step "production-shape suite (SALESFLOW_PRODSHAPE_FLOWS=${SALESFLOW_PRODSHAPE_FLOWS:-100})"
	report="$DATA_DIR/prodshape-report.txt"
	rm -f "$report"
	rc=0
	SALESFLOW_PRODSHAPE_REPORT="$report" go test -count=1 -timeout 40m ./prodshape/ || rc=$?
	[[ -s "$report" ]] && cat "$report" >&2
	((rc == 0)) || die "production-shape suite failed (figures above)"
fi

# --- 6. fuzz -------------------------------------------------------------------
# The test run above replays each fuzz target's committed corpus
# (testdata/fuzz); this explores a little beyond it: the strict JSON
# decoder, the CSV import's parsing and encoding, and R2.2's name key.
# One worker each (-parallel 1) keeps a 2-core machine responsive; about
# 40 s in all. A failure writes its input to testdata/fuzz to commit.
fuzztime="${FUZZTIME:-5s}"
step "fuzz ($fuzztime per target)"
for target in api:FuzzDecodeJSON service:FuzzParseCustomerFile service:FuzzDecodeCSVText policy:FuzzNormaliseCompanyName; do
	go test -run '^$' -fuzz "^${target#*:}\$" -fuzztime "$fuzztime" -parallel 1 "./${target%%:*}"
done

step "all checks passed"
