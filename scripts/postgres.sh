#!/usr/bin/env bash
# Ensure a PostgreSQL server is running and usable by the app, idempotently.
#
#   scripts/postgres.sh
#
# * DATABASE_URL set (and not the default local URL): only wait until that
#   server answers; we don't manage someone else's database.
# * Otherwise manage the local Debian cluster: install PostgreSQL if missing,
#   create the cluster if missing, start it if it is down, then create the
#   `salesflow` role (LOGIN, CREATEDB: tests create a throw-away database
#   each), which owns the `salesflow` database and runs the migrations, and
#   the `salesflow_app` role (LOGIN, nothing else) the running system
#   connects as — `salesflow migrate` with SALESFLOW_DB_RUNTIME_ROLE grants
#   it what it needs, and it may only append to the audit trail (issue 11)
#   — and check that password login over TCP on 127.0.0.1 works, which is
#   what the app and the tests use.
#
# Progress goes to stderr; stdout stays empty. Callers that need to know
# whether THIS run started the cluster (to stop it again later) set
# PG_STARTED_FILE to a path: we write "<version> <cluster>" into it when we
# started the cluster, and leave it untouched otherwise.
#
# Works as root without systemd (containers, CI) and when the cluster is
# already running (then it is a no-op apart from the checks).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APP_ROLE=salesflow
APP_PASSWORD=salesflow
APP_DB=salesflow
RUNTIME_ROLE=salesflow_app
RUNTIME_PASSWORD=salesflow_app
PG_HOST=127.0.0.1
PG_PORT=5432
CLUSTER=main
WAIT_SECONDS=${PG_WAIT_SECONDS:-60}

# ---------------------------------------------------------------------------
# External database: wait for it and stop there.
# ---------------------------------------------------------------------------
if [[ -n "${DATABASE_URL:-}" && "$DATABASE_URL" != "$DEFAULT_DATABASE_URL" ]]; then
	log "DATABASE_URL is set; waiting for that server (not managing a local cluster)"
	# pg_isready exits 3 when it cannot even parse the URL (e.g. driver
	# specific query parameters such as pool_max_conns); then, or without
	# client tools installed, fall back to a TCP check on host:port.
	use_pg_isready=0
	if have pg_isready; then
		rc=0
		pg_isready -q -d "$DATABASE_URL" >/dev/null 2>&1 || rc=$?
		[[ $rc == 3 ]] || use_pg_isready=1 # 3 = "no attempt made"
	fi
	if [[ $use_pg_isready == 1 ]]; then
		wait_until "$WAIT_SECONDS" "PostgreSQL at DATABASE_URL" pg_isready -q -d "$DATABASE_URL" ||
			die "PostgreSQL at DATABASE_URL did not answer within ${WAIT_SECONDS}s"
	else
		# Host and port out of postgres://user:pass@host:port/db?params.
		hostport=${DATABASE_URL#*://}
		hostport=${hostport##*@}
		hostport=${hostport%%/*}
		hostport=${hostport%%\?*}
		[[ "$hostport" == *:* ]] || hostport="$hostport:5432"
		split_hostport "$hostport"
		wait_for_port "$HP_HOST" "$HP_PORT" "$WAIT_SECONDS" ||
			die "PostgreSQL at $HP_HOST:$HP_PORT did not answer within ${WAIT_SECONDS}s"
	fi
	log "PostgreSQL at DATABASE_URL is accepting connections"
	exit 0
fi

[[ $EUID -eq 0 ]] || have sudo || die "managing the local PostgreSQL needs root (or sudo)"

# Run psql as the postgres superuser over the local socket (peer auth). cd /
# first: runuser keeps our cwd, and psql warns when postgres can't read it.
pg_admin_psql() {
	(cd / && run_as_postgres psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@")
}

# ---------------------------------------------------------------------------
# 1. Install the server packages when no server binary exists.
# ---------------------------------------------------------------------------
installed_now=0
ver=$(pg_major_version)
if [[ -z "$ver" ]]; then
	have apt-get || die "PostgreSQL is not installed and apt-get is not available; set DATABASE_URL instead"
	log "PostgreSQL is not installed; installing it with apt-get (one-off, takes a minute)"
	apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >&2
	installed_now=1
	ver=$(pg_major_version)
	[[ -n "$ver" ]] || die "installed postgresql but found no /usr/lib/postgresql/*/bin/postgres"
fi
have pg_lsclusters || die "pg_lsclusters missing (package postgresql-common); cannot manage the cluster"
log "PostgreSQL $ver installed"

# ---------------------------------------------------------------------------
# 2. Make sure the cluster exists. The package's postinst normally creates
#    <ver>/main, but not when it was removed or a policy prevented it.
# ---------------------------------------------------------------------------
# pg_lsclusters -h prints: Ver Cluster Port Status Owner Data-dir Log-file
cluster_line() { pg_lsclusters -h 2>/dev/null | awk -v v="$ver" -v c="$CLUSTER" '$1 == v && $2 == c'; }

if [[ -z "$(cluster_line)" ]]; then
	log "creating cluster $ver/$CLUSTER on port $PG_PORT"
	pg_createcluster --port "$PG_PORT" "$ver" "$CLUSTER" >&2
fi

read -r _ _ port status _ < <(cluster_line)
if [[ "$port" != "$PG_PORT" ]]; then
	die "cluster $ver/$CLUSTER listens on port $port, expected $PG_PORT (another cluster owns $PG_PORT?); fix it or set DATABASE_URL"
fi

# ---------------------------------------------------------------------------
# 3. Start it when it is down. pg_ctlcluster, run as root, switches to the
#    cluster owner itself and (only when systemd is PID 1) goes through
#    systemctl; without systemd it starts the postmaster directly.
# ---------------------------------------------------------------------------
if [[ "$status" == down* ]]; then
	# /run may be a fresh tmpfs (container restart): the socket directory
	# has to exist before the postmaster starts.
	install -d -o postgres -g postgres -m 2775 /var/run/postgresql
	log "starting PostgreSQL cluster $ver/$CLUSTER"
	# pg_ctlcluster removes a stale postmaster.pid (e.g. after the server
	# was killed) by itself, and exits 2 when the cluster turns out to be
	# running already (a concurrent start): then it isn't ours to stop.
	rc=0
	pg_ctlcluster "$ver" "$CLUSTER" start >&2 || rc=$?
	case $rc in
	0) started_now=1 ;;
	2) started_now=0 ;;
	*) die "pg_ctlcluster $ver $CLUSTER start failed ($rc); see /var/log/postgresql/postgresql-$ver-$CLUSTER.log" ;;
	esac
else
	log "PostgreSQL cluster $ver/$CLUSTER already running ($status)"
	# The package's postinst may have started the cluster it created: that
	# start is ours too, as far as our caller's cleanup is concerned.
	started_now=$installed_now
fi
if [[ $started_now == 1 && -n "${PG_STARTED_FILE:-}" ]]; then
	printf '%s %s\n' "$ver" "$CLUSTER" >"$PG_STARTED_FILE"
fi

if have pg_isready; then
	wait_until "$WAIT_SECONDS" "PostgreSQL on $PG_HOST:$PG_PORT" pg_isready -q -h "$PG_HOST" -p "$PG_PORT" ||
		die "PostgreSQL did not accept connections on $PG_HOST:$PG_PORT within ${WAIT_SECONDS}s"
else
	wait_for_port "$PG_HOST" "$PG_PORT" "$WAIT_SECONDS" ||
		die "PostgreSQL did not open $PG_HOST:$PG_PORT within ${WAIT_SECONDS}s"
fi

# ---------------------------------------------------------------------------
# 4. Role and database. The password is only set when the role is created,
#    so a changed password survives; step 5 resets it if login fails.
# ---------------------------------------------------------------------------
pg_admin_psql <<SQL
DO \$\$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
		CREATE ROLE $APP_ROLE LOGIN CREATEDB PASSWORD '$APP_PASSWORD';
		RAISE NOTICE 'created role $APP_ROLE';
	ELSE
		ALTER ROLE $APP_ROLE LOGIN CREATEDB;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$RUNTIME_ROLE') THEN
		CREATE ROLE $RUNTIME_ROLE LOGIN NOCREATEDB NOCREATEROLE PASSWORD '$RUNTIME_PASSWORD';
		RAISE NOTICE 'created role $RUNTIME_ROLE';
	END IF;
END
\$\$;
SELECT format('CREATE DATABASE %I OWNER %I', '$APP_DB', '$APP_ROLE')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$APP_DB')
\gexec
SQL

# ---------------------------------------------------------------------------
# 5. Password login over TCP on 127.0.0.1 (what DATABASE_URL uses). Debian's
#    default pg_hba.conf has `host all all 127.0.0.1/32 scram-sha-256`; if
#    someone removed it, or the password differs, repair both and retry.
# ---------------------------------------------------------------------------
tcp_login() {
	PGPASSWORD="$APP_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -w -q -At \
		-h "$PG_HOST" -p "$PG_PORT" -U "$APP_ROLE" -d "$APP_DB" -c 'SELECT 1' >/dev/null 2>&1
}

if ! tcp_login; then
	warn "password login as $APP_ROLE over TCP failed; repairing password and pg_hba.conf"
	pg_admin_psql -c "ALTER ROLE $APP_ROLE PASSWORD '$APP_PASSWORD'" >/dev/null
	hba_file=$(pg_admin_psql -At -c 'SHOW hba_file')
	if ! grep -Eq '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+(scram-sha-256|md5|password|trust)' "$hba_file"; then
		log "adding a 127.0.0.1/32 scram-sha-256 line to $hba_file"
		# pg_hba.conf is first-match: put our line first.
		tmp=$(mktemp)
		{
			echo "# added by salesflow scripts/postgres.sh: password login over TCP on loopback"
			echo "host    all             all             127.0.0.1/32            scram-sha-256"
			cat "$hba_file"
		} >"$tmp"
		cat "$tmp" >"$hba_file" # keep owner and mode of the original
		rm -f "$tmp"
	fi
	pg_admin_psql -At -c 'SELECT pg_reload_conf()' >/dev/null
	sleep 1
	tcp_login || die "still cannot log in as $APP_ROLE on $PG_HOST:$PG_PORT; check $hba_file and /var/log/postgresql/"
fi

log "PostgreSQL ready: $DEFAULT_DATABASE_URL"
