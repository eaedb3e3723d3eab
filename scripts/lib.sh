# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are used by the sourcing scripts
# Shared helpers for the scripts in this directory. Source it, don't run it:
#
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Everything here logs to stderr so that scripts can keep stdout for
# machine-readable output (e.g. temporal.sh prints the PID file it created).

# Repository root, whatever the caller's working directory is.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO

# Pinned tool versions. Bump them here only.
#   - temporal CLI v1.5.1 bundles Temporal Server 1.29.1 and the dev server.
#   - workflowcheck v0.6.0 is the newest tag on the module proxy and builds
#     and runs fine with Go 1.26.
TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
WORKFLOWCHECK_VERSION="${WORKFLOWCHECK_VERSION:-v0.6.0}"
TOOLS_DIR="$REPO/.tools"
DATA_DIR="$REPO/.data"

# The one connection string everything defaults to (role/db created by
# scripts/postgres.sh).
DEFAULT_DATABASE_URL="postgres://salesflow:salesflow@127.0.0.1:5432/salesflow?sslmode=disable"
# The running system's own role (no owner rights; see scripts/postgres.sh).
DEFAULT_RUNTIME_DATABASE_URL="postgres://salesflow_app:salesflow_app@127.0.0.1:5432/salesflow?sslmode=disable"
DEFAULT_TEMPORAL_ADDRESS="127.0.0.1:7233"

# Search attributes the workflows upsert; the server rejects unknown ones.
SEARCH_ATTRIBUTES=(CustomerID OwnerID Stage)

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf '==> WARNING: %s\n' "$*" >&2; }
die() {
	printf '==> ERROR: %s\n' "$*" >&2
	exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# port_open HOST PORT: true when something accepts TCP connections there.
# Uses bash's /dev/tcp so it needs neither nc nor curl.
port_open() {
	(exec 3<>"/dev/tcp/$1/$2") >/dev/null 2>&1
}

# wait_for_port HOST PORT TIMEOUT_SECONDS
wait_for_port() {
	local host=$1 port=$2 timeout=${3:-60} waited=0
	until port_open "$host" "$port"; do
		if ((waited >= timeout)); then
			warn "timed out after ${timeout}s waiting for $host:$port"
			return 1
		fi
		if ((waited > 0 && waited % 10 == 0)); then
			log "still waiting for $host:$port (${waited}s)"
		fi
		sleep 1
		waited=$((waited + 1))
	done
}

# wait_until TIMEOUT_SECONDS DESCRIPTION CMD [ARGS...]
# Re-runs CMD (output discarded) once a second until it succeeds.
wait_until() {
	local timeout=$1 what=$2 waited=0
	shift 2
	until "$@" >/dev/null 2>&1; do
		if ((waited >= timeout)); then
			warn "timed out after ${timeout}s waiting for $what"
			return 1
		fi
		if ((waited > 0 && waited % 10 == 0)); then
			log "still waiting for $what (${waited}s)"
		fi
		sleep 1
		waited=$((waited + 1))
	done
}

# pid_alive PID: true when the process exists (and is not a zombie).
pid_alive() {
	local pid=$1
	[[ -n "$pid" ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	# A zombie still answers kill -0; it is as good as dead.
	[[ "$(ps -o stat= -p "$pid" 2>/dev/null)" != Z* ]]
}

# stop_pid PID [NAME] [TIMEOUT]: SIGTERM, wait, then SIGKILL. Only ever
# called with PIDs that our own scripts started and recorded.
stop_pid() {
	local pid=$1 name=${2:-process} timeout=${3:-20} waited=0
	pid_alive "$pid" || return 0
	log "stopping $name (pid $pid)"
	kill -TERM "$pid" 2>/dev/null || return 0
	while pid_alive "$pid"; do
		if ((waited >= timeout)); then
			warn "$name (pid $pid) ignored SIGTERM for ${timeout}s; sending SIGKILL"
			kill -KILL "$pid" 2>/dev/null || true
			break
		fi
		sleep 1
		waited=$((waited + 1))
	done
	# Reap it if it is our child; harmless otherwise.
	wait "$pid" 2>/dev/null || true
}

# split_hostport ADDR -> sets HP_HOST and HP_PORT. Accepts host:port and
# [v6]:port.
split_hostport() {
	local addr=$1
	HP_PORT=${addr##*:}
	HP_HOST=${addr%:*}
	HP_HOST=${HP_HOST#[}
	HP_HOST=${HP_HOST%]}
	[[ -n "$HP_HOST" ]] || HP_HOST=127.0.0.1
}

# go_bin_version BINARY: prints the main module version a Go binary was
# built from (empty if unknown), e.g. "v0.6.0".
go_bin_version() {
	go version -m "$1" 2>/dev/null | awk '$1 == "mod" { print $3; exit }'
}

# ensure_go_tool NAME PACKAGE VERSION: makes sure $TOOLS_DIR/NAME exists and
# was built from PACKAGE@VERSION; installs it with GOBIN otherwise. Prints
# the binary path on stdout.
ensure_go_tool() {
	local name=$1 pkg=$2 version=$3 bin="$TOOLS_DIR/$1"
	if [[ -x "$bin" ]]; then
		local have_version
		have_version=$(go_bin_version "$bin")
		# A CLI built from a local checkout reports "(devel)"; accept a
		# binary whose version we cannot read rather than rebuild forever.
		if [[ "$have_version" == "$version" || -z "$have_version" || "$have_version" == "(devel)" ]]; then
			printf '%s\n' "$bin"
			return 0
		fi
		log "$name in .tools is $have_version, want $version; reinstalling"
	fi
	have go || die "go is not on PATH; cannot build $name"
	mkdir -p "$TOOLS_DIR"
	log "building $name $version into .tools (go install $pkg@$version)"
	# GOFLAGS from the environment (e.g. -mod=vendor) must not leak into a
	# 'go install pkg@version', which always runs in module-aware mode on
	# its own module.
	GOBIN="$TOOLS_DIR" GOFLAGS="" go install "$pkg@$version" >&2 ||
		die "go install $pkg@$version failed"
	printf '%s\n' "$bin"
}

# temporal_bin: prints the temporal CLI to use: the one on PATH, else
# .tools/temporal, else builds .tools/temporal (slow the first time).
temporal_bin() {
	if have temporal; then
		command -v temporal
		return 0
	fi
	if [[ ! -x "$TOOLS_DIR/temporal" ]]; then
		log "temporal CLI not found; building $TEMPORAL_CLI_VERSION from source."
		log "The first build takes several minutes (it compiles the whole Temporal server)."
	fi
	ensure_go_tool temporal github.com/temporalio/cli/cmd/temporal "$TEMPORAL_CLI_VERSION"
}

# workflowcheck_bin: prints .tools/workflowcheck, installing it if needed.
workflowcheck_bin() {
	ensure_go_tool workflowcheck go.temporal.io/sdk/contrib/tools/workflowcheck "$WORKFLOWCHECK_VERSION"
}

# run_as_postgres CMD [ARGS...]: runs a command as the postgres OS user
# (peer authentication on the local socket makes that the superuser).
run_as_postgres() {
	if [[ "$(id -un)" == postgres ]]; then
		"$@"
	elif have runuser; then
		runuser -u postgres -- "$@"
	elif have su; then
		# su needs one command string; quote every argument.
		su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
	elif have sudo; then
		sudo -u postgres -- "$@"
	else
		die "need runuser, su or sudo to run commands as the postgres user"
	fi
}

# pg_major_version: the newest PostgreSQL major version with a server binary
# installed under /usr/lib/postgresql (Debian layout). Empty if none.
pg_major_version() {
	local f
	for f in /usr/lib/postgresql/*/bin/postgres; do
		[[ -x "$f" ]] || continue
		f=${f#/usr/lib/postgresql/}
		printf '%s\n' "${f%%/*}"
	done | sort -V | tail -n 1
}
