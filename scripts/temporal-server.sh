#!/usr/bin/env bash
# A real Temporal server (not the CLI's dev server) on the project's local
# PostgreSQL: the shape production runs, used by the production-shape suite
# (prodshape/) and by anyone who wants to try it by hand.
#
#   scripts/temporal-server.sh build    build .tools/temporal-server and
#                                       .tools/temporal-sql-tool (cached)
#   scripts/temporal-server.sh setup    create the role and databases, set
#                                       up / update both schemas (idempotent)
#   scripts/temporal-server.sh start    build, setup, start the server in the
#                                       background, create the namespace and
#                                       our search attributes; prints the PID
#                                       file on stdout
#   scripts/temporal-server.sh stop     stop the server this script started
#   scripts/temporal-server.sh restart  stop, then start the process again
#                                       on the same databases
#
# Environment (all optional):
#   TEMPORAL_SERVER_PORT       frontend gRPC port, default 7433 (the other
#                              services' ports derive from it, see
#                              deploy/temporal/salesflow.yaml)
#   TEMPORAL_SERVER_DB         default store database, default temporal
#   TEMPORAL_SERVER_VISIBILITY_DB   visibility database, default temporal_visibility
#   TEMPORAL_SERVER_DB_USER / TEMPORAL_SERVER_DB_PASSWORD   default temporal/temporal
#   TEMPORAL_SERVER_FRESH=1    drop both databases first (a clean cluster:
#                              the suite uses it so no earlier run's
#                              workflows or schedules are left)
#   TEMPORAL_NAMESPACE         default "default"
#
# The binaries come from the module tools/temporal-server (go.temporal.io/
# server v1.29.1, the server the pinned CLI v1.5.1 embeds, so a warm Go
# build cache serves both). The schemas are the ones embedded in that
# temporal-sql-tool (`--schema-name postgresql/v12/...`), so binary and
# schema always come from the same release.
#
# Progress goes to stderr; `start` prints only the PID file on stdout.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${TEMPORAL_SERVER_PORT:-7433}
ADDRESS="127.0.0.1:$PORT"
DB=${TEMPORAL_SERVER_DB:-temporal}
VIS_DB=${TEMPORAL_SERVER_VISIBILITY_DB:-temporal_visibility}
DB_USER=${TEMPORAL_SERVER_DB_USER:-temporal}
DB_PASSWORD=${TEMPORAL_SERVER_DB_PASSWORD:-temporal}
NAMESPACE=${TEMPORAL_NAMESPACE:-default}
WAIT_SECONDS=${TEMPORAL_SERVER_WAIT_SECONDS:-120}
SERVER_BIN="$TOOLS_DIR/temporal-server"
SQL_TOOL="$TOOLS_DIR/temporal-sql-tool"
MODULE_DIR="$REPO/tools/temporal-server"
PID_FILE="$DATA_DIR/temporal-server-$PORT.pid"
LOG_FILE="$DATA_DIR/temporal-server-$PORT.log"
export TEMPORAL_SERVER_PORT=$PORT TEMPORAL_SERVER_DB=$DB TEMPORAL_SERVER_VISIBILITY_DB=$VIS_DB \
	TEMPORAL_SERVER_DB_USER=$DB_USER TEMPORAL_SERVER_DB_PASSWORD=$DB_PASSWORD
export TEMPORAL_SERVER_DYNAMIC_CONFIG="$REPO/deploy/temporal/dynamicconfig.yaml"

# build_one NAME PACKAGE: builds PACKAGE of the tools module into
# .tools/NAME unless a binary built from the pinned server version is there.
build_one() {
	local name=$1 pkg=$2 bin="$TOOLS_DIR/$1" want have_dep
	want=$(awk '$1 == "go.temporal.io/server" { print $2; exit }' "$MODULE_DIR/go.mod")
	if [[ -x "$bin" ]]; then
		have_dep=$(go version -m "$bin" 2>/dev/null | awk '$1 == "dep" && $2 == "go.temporal.io/server" { print $3; exit }')
		# A binary built from the server's own module reports it as "mod".
		[[ -n "$have_dep" ]] || have_dep=$(go_bin_version "$bin")
		if [[ "$have_dep" == "$want" ]]; then
			return 0
		fi
		log "$name in .tools is from server ${have_dep:-unknown}, want $want; rebuilding"
	fi
	have go || die "go is not on PATH; cannot build $name"
	mkdir -p "$TOOLS_DIR"
	log "building $name (go.temporal.io/server $want) into .tools; the first build takes several minutes"
	local start=$SECONDS
	# GOFLAGS from the environment (e.g. -mod=vendor) is for the main
	# module; GOWORK=off keeps a go.work from pulling this module in.
	(cd "$MODULE_DIR" && GOFLAGS="" GOWORK=off go build -buildvcs=false -o "$bin" "$pkg") >&2 ||
		die "go build $pkg failed"
	log "built $name in $((SECONDS - start))s"
}

build() {
	build_one temporal-server go.temporal.io/server/cmd/server
	build_one temporal-sql-tool go.temporal.io/server/cmd/tools/sql
}

pg_admin_psql() {
	(cd / && run_as_postgres psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@")
}

# sql_tool ARGS: the schema tool logs every statement at debug level; keep
# that in a file and show its tail only when it fails.
sql_tool() {
	local out="$DATA_DIR/temporal-sql-tool.log"
	mkdir -p "$DATA_DIR"
	# The password through the environment, not the command line (ps).
	SQL_PASSWORD="$DB_PASSWORD" "$SQL_TOOL" --plugin postgres12 --endpoint 127.0.0.1 --port 5432 \
		--user "$DB_USER" "$@" >>"$out" 2>&1 || {
		tail -n 20 "$out" >&2
		die "temporal-sql-tool $* failed (full log: $out)"
	}
}

# setup: the role, both databases, and their schemas at the version this
# server release ships. Safe to run again: setup-schema leaves an existing
# schema alone (-v 0.0 only creates the version table), update-schema only
# applies what is missing.
setup() {
	bash "$REPO/scripts/postgres.sh"
	if [[ "${TEMPORAL_SERVER_FRESH:-}" == 1 ]]; then
		log "TEMPORAL_SERVER_FRESH=1: dropping $DB and $VIS_DB"
		pg_admin_psql -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS $VIS_DB WITH (FORCE)"
	fi
	pg_admin_psql -v pw="$DB_PASSWORD" <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', '$DB_USER', :'pw')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER')
\gexec
SELECT format('CREATE DATABASE %I OWNER %I', d, '$DB_USER')
FROM unnest(ARRAY['$DB', '$VIS_DB']) AS d
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = d)
\gexec
SQL
	local db schema
	for db in "$DB" "$VIS_DB"; do
		schema=postgresql/v12/temporal
		[[ "$db" == "$VIS_DB" ]] && schema=postgresql/v12/visibility
		log "schema $schema on database $db"
		sql_tool --db "$db" setup-schema -v 0.0
		sql_tool --db "$db" update-schema --schema-name "$schema"
	done
}

tcli() { "$(temporal_bin)" "$@" --address "$ADDRESS"; }

healthy() { tcli operator cluster health 2>/dev/null | grep -q SERVING; }

# namespace_and_search_attributes: the real server creates no namespace on
# its own (the dev server and auto-setup did); retention one day is plenty
# for tests and the documented default for a small installation.
namespace_and_search_attributes() {
	if ! tcli operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
		log "creating namespace $NAMESPACE"
		tcli operator namespace create --namespace "$NAMESPACE" --retention 24h >&2 ||
			die "could not create namespace $NAMESPACE"
	fi
	local sa out=""
	for _ in $(seq 1 30); do
		out=$(tcli operator search-attribute list --namespace "$NAMESPACE" -o json 2>/dev/null) && break
		out=""
		sleep 1
	done
	[[ -n "$out" ]] || die "cannot list search attributes of $NAMESPACE at $ADDRESS"
	for sa in "${SEARCH_ATTRIBUTES[@]}"; do
		grep -q "\"$sa\"" <<<"$out" && continue
		log "creating search attribute $sa (Keyword)"
		tcli operator search-attribute create --namespace "$NAMESPACE" --name "$sa" --type Keyword >&2 ||
			die "could not create search attribute $sa"
	done
}

start() {
	build
	if [[ -s "$PID_FILE" ]] && pid_alive "$(<"$PID_FILE")"; then
		die "a Temporal server started by this script already runs (pid $(<"$PID_FILE")); stop it first"
	fi
	port_open 127.0.0.1 "$PORT" && die "127.0.0.1:$PORT is taken; set TEMPORAL_SERVER_PORT"
	setup
	launch
	namespace_and_search_attributes
	printf '%s\n' "$PID_FILE"
}

# launch starts the server process on the databases as they are and waits
# until the frontend answers SERVING.
launch() {
	mkdir -p "$DATA_DIR"
	log "starting temporal-server on $ADDRESS (log: $LOG_FILE)"
	(cd "$REPO" && exec "$SERVER_BIN" --root "$REPO/deploy" --config temporal --env salesflow \
		--allow-no-auth start) </dev/null >>"$LOG_FILE" 2>&1 &
	local pid=$! waited=0
	printf '%s\n' "$pid" >"$PID_FILE"
	until healthy; do
		pid_alive "$pid" || die "temporal-server exited during start-up; see $LOG_FILE"
		((waited < WAIT_SECONDS)) || die "temporal-server not SERVING after ${WAIT_SECONDS}s; see $LOG_FILE"
		sleep 1
		waited=$((waited + 1))
	done
	log "Temporal server (PostgreSQL) SERVING at $ADDRESS, pid $pid (${waited}s)"
}

stop() {
	if [[ -s "$PID_FILE" ]]; then
		stop_pid "$(<"$PID_FILE")" "temporal-server" 30
		rm -f "$PID_FILE"
	fi
}

case "${1:-}" in
build) build ;;
setup)
	build
	setup
	;;
start) start ;;
stop) stop ;;
restart)
	# The same databases, no setup: what an operator's restart does.
	stop
	launch
	printf '%s\n' "$PID_FILE"
	;;
*) die "usage: $0 build|setup|start|stop|restart" ;;
esac
