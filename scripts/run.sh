#!/usr/bin/env bash
# `make run`: build salesflow, make sure PostgreSQL and Temporal are up,
# migrate, load demo data and run API + web + worker in one process until
# Ctrl-C.
#
# On exit (Ctrl-C, TERM, or salesflow dying) it stops, by PID, exactly what
# it started itself: salesflow always; the Temporal dev server and the
# PostgreSQL cluster only if they were not already running before.
#
# Environment (all optional):
#   DATABASE_URL         default postgres://salesflow:salesflow@127.0.0.1:5432/salesflow?sslmode=disable
#   TEMPORAL_ADDRESS     default 127.0.0.1:7233 (the local dev server)
#   SALESFLOW_HTTP_ADDR  default 127.0.0.1:8080
#   SALESFLOW_LOG_FORMAT default text here (json when salesflow runs alone)
#   SALESFLOW_SIGNING_KEY  default: a development key generated once in
#                        .data/signing.key (this script sets
#                        SALESFLOW_SIGNING_KEY_GENERATE=true; production
#                        workers refuse to start without a configured key)
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

app_pid=""
temporal_pid_file=""
pg_started=""  # "<version> <cluster>" when we started the cluster
pg_marker=$(mktemp)

# shellcheck disable=SC2317 # only ever invoked via trap
cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	# Stop in reverse order of start: the app first, so it doesn't log a
	# storm of connection errors while its dependencies go away.
	if [[ -n "$app_pid" ]]; then
		stop_pid "$app_pid" salesflow 20
	fi
	if [[ -n "$temporal_pid_file" && -s "$temporal_pid_file" ]]; then
		stop_pid "$(<"$temporal_pid_file")" "Temporal dev server" 30
		rm -f "$temporal_pid_file"
	fi
	if [[ -z "$pg_started" && -s "$pg_marker" ]]; then
		pg_started=$(<"$pg_marker")
	fi
	if [[ -n "$pg_started" ]]; then
		log "stopping PostgreSQL cluster $pg_started (this script started it)"
		# shellcheck disable=SC2086 # "<version> <cluster>" -> two arguments
		pg_ctlcluster $pg_started stop >&2 || warn "pg_ctlcluster $pg_started stop failed"
	fi
	rm -f "$pg_marker"
	exit "$rc"
}
trap cleanup EXIT
# An interrupted run is a normal way to stop `make run`: exit 0 on Ctrl-C,
# 143 on TERM, after cleaning up.
trap 'exit 0' INT
trap 'exit 143' TERM

log "building bin/salesflow"
go build -o bin/salesflow ./cmd/salesflow

bash "$REPO/scripts/system-packages.sh"
PG_STARTED_FILE="$pg_marker" bash "$REPO/scripts/postgres.sh"
pg_started=$(<"$pg_marker")
temporal_pid_file=$(bash "$REPO/scripts/temporal.sh")

export DATABASE_URL="${DATABASE_URL:-$DEFAULT_DATABASE_URL}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-$DEFAULT_TEMPORAL_ADDRESS}"
# A development machine may sign with a key generated on first run (R5.5);
# `salesflow all` trusts the key it signs with.
export SALESFLOW_SIGNING_KEY_GENERATE="${SALESFLOW_SIGNING_KEY_GENERATE:-true}"

log "applying migrations (as the owner role) and granting the runtime role"
SALESFLOW_DB_RUNTIME_ROLE="${SALESFLOW_DB_RUNTIME_ROLE:-salesflow_app}" bin/salesflow migrate
# From here on the system runs as the role that owns nothing, unless the
# caller gave its own DATABASE_URL.
if [[ "$DATABASE_URL" == "$DEFAULT_DATABASE_URL" ]]; then
	export DATABASE_URL="$DEFAULT_RUNTIME_DATABASE_URL"
fi
log "loading demo data"
bin/salesflow seed --demo

# Text logs read better in a terminal; deployments keep the JSON default.
SALESFLOW_LOG_FORMAT="${SALESFLOW_LOG_FORMAT:-text}" bin/salesflow all &
app_pid=$!

# URLs for humans. A wildcard listen address is reachable on loopback.
http_addr=${SALESFLOW_HTTP_ADDR:-127.0.0.1:8080}
split_hostport "$http_addr"
case "$HP_HOST" in 0.0.0.0 | :: | "") HP_HOST=127.0.0.1 ;; esac
[[ "$HP_HOST" == *:* ]] && HP_HOST="[$HP_HOST]" # IPv6 literal in a URL
base_url="http://$HP_HOST:$HP_PORT"

# Print the banner once the HTTP port answers, so the URLs work when read.
if wait_for_port "${HP_HOST//[\[\]]/}" "$HP_PORT" 30 && pid_alive "$app_pid"; then
	cat >&2 <<EOF

==> salesflow is running (pid $app_pid). Ctrl-C stops it.
    Web + API:    $base_url
    OpenAPI:      $base_url/api/openapi.json
    Metrics:      http://${SALESFLOW_METRICS_ADDR:-127.0.0.1:9090}/metrics
EOF
	case "$TEMPORAL_ADDRESS" in
	127.0.0.1:7233 | localhost:7233) echo "    Temporal UI:  http://127.0.0.1:8233" >&2 ;;
	*) echo "    Temporal:     $TEMPORAL_ADDRESS" >&2 ;;
	esac
	echo >&2
else
	warn "salesflow did not open $http_addr within 30s; see its output above"
fi

# Wait for the app. `wait` returns early when a trapped signal arrives, and
# then the trap runs cleanup; if the app exits by itself we exit with its
# status (cleanup still stops the services we started).
set +e
wait "$app_pid"
rc=$?
set -e
app_pid=""
if ((rc != 0)); then
	warn "salesflow exited with status $rc"
fi
exit "$rc"
