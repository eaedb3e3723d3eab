#!/usr/bin/env bash
# Ensure a Temporal server is reachable and has our search attributes,
# idempotently.
#
#   pidfile=$(scripts/temporal.sh)
#
# * TEMPORAL_ADDRESS unset or 127.0.0.1:7233 / localhost:7233: use the local
#   dev server (`temporal server start-dev`, SQLite file in .data/). If it
#   already answers, leave it alone; otherwise start it in the background.
# * TEMPORAL_ADDRESS pointing anywhere else: only wait for that server.
# In both cases make sure the Keyword search attributes CustomerID, OwnerID
# and Stage exist in the namespace (TEMPORAL_NAMESPACE, default "default").
#
# stdout: the PID file path (.data/temporal.pid) when THIS run started the
# server, so the caller can stop it later; empty otherwise. Progress goes to
# stderr. Server log: .data/temporal.log. UI: http://127.0.0.1:8233.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ADDRESS=${TEMPORAL_ADDRESS:-$DEFAULT_TEMPORAL_ADDRESS}
NAMESPACE=${TEMPORAL_NAMESPACE:-default}
WAIT_SECONDS=${TEMPORAL_WAIT_SECONDS:-90}
UI_PORT=8233
PID_FILE="$DATA_DIR/temporal.pid"
LOG_FILE="$DATA_DIR/temporal.log"
DB_FILE="$DATA_DIR/temporal.db"

TEMPORAL=$(temporal_bin)

# Every CLI call gets an explicit address/namespace (the CLI would otherwise
# also read TEMPORAL_* from the environment or a profile file) and a timeout,
# so that a half-up server cannot hang us.
tcli() {
	"$TEMPORAL" "$@" --address "$ADDRESS" --command-timeout 10s
}

healthy() {
	tcli operator cluster health 2>/dev/null | grep -q SERVING
}

# wait_healthy [PID]: wait for SERVING; if PID is given and that process
# dies meanwhile, fail at once and show the end of its log.
wait_healthy() {
	local pid=${1:-} waited=0
	until healthy; do
		if [[ -n "$pid" ]] && ! pid_alive "$pid"; then
			warn "Temporal dev server (pid $pid) exited; last lines of $LOG_FILE:"
			tail -n 30 "$LOG_FILE" >&2 || true
			rm -f "$PID_FILE"
			exit 1
		fi
		if ((waited >= WAIT_SECONDS)); then
			die "Temporal at $ADDRESS not SERVING after ${WAIT_SECONDS}s (log: $LOG_FILE)"
		fi
		if ((waited > 0 && waited % 10 == 0)); then
			log "waiting for Temporal at $ADDRESS to report SERVING (${waited}s)"
		fi
		sleep 1
		waited=$((waited + 1))
	done
}

# The PID recorded in .data/temporal.pid, if that process is still a
# running temporal server (PIDs get reused, so check the command line).
recorded_pid() {
	local pid
	[[ -s "$PID_FILE" ]] || return 1
	pid=$(<"$PID_FILE")
	pid_alive "$pid" || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'server start-dev' || return 1
	printf '%s' "$pid"
}

started_pid_file=""

case "$ADDRESS" in
127.0.0.1:7233 | localhost:7233)
	if healthy; then
		log "Temporal already running at $ADDRESS"
	elif pid=$(recorded_pid); then
		# Started earlier (by us or a concurrent run) and still booting.
		log "Temporal dev server (pid $pid) is starting; waiting for it"
		wait_healthy "$pid"
	elif port_open 127.0.0.1 7233; then
		# Something else owns the port; it may just be slow to come up.
		log "something listens on 127.0.0.1:7233; waiting for it to report SERVING"
		wait_healthy
	else
		mkdir -p "$DATA_DIR"
		log "starting Temporal dev server ($("$TEMPORAL" --version 2>/dev/null | head -n 1))"
		log "  data: $DB_FILE, log: $LOG_FILE"
		args=(
			server start-dev
			--ip 127.0.0.1 --port 7233
			--ui-ip 127.0.0.1 --ui-port "$UI_PORT"
			--db-filename "$DB_FILE"
			--namespace "$NAMESPACE" # "default" always exists; harmless
			--log-level warn
			# One node: one partition per task queue. With the default
			# four a task can sit on a partition no poll is waiting on
			# until a long poll ends (60 s; temporalio/temporal#881).
			--dynamic-config-value matching.numTaskqueueReadPartitions=1
			--dynamic-config-value matching.numTaskqueueWritePartitions=1
		)
		for sa in "${SEARCH_ATTRIBUTES[@]}"; do
			args+=(--search-attribute "$sa=Keyword")
		done
		printf '\n==== %s: temporal %s\n' "$(date -Is)" "${args[*]}" >>"$LOG_FILE"
		# setsid + nohup: detach from our terminal and process group so a
		# Ctrl-C aimed at the caller (or the caller exiting) doesn't take the
		# server down behind the caller's back; the caller stops it by PID.
		# Neither setsid (we are not a group leader) nor nohup forks, so $!
		# is the server's own PID.
		launcher=(nohup)
		if have setsid; then launcher=(setsid nohup); fi
		"${launcher[@]}" "$TEMPORAL" "${args[@]}" </dev/null >>"$LOG_FILE" 2>&1 &
		pid=$!
		printf '%s\n' "$pid" >"$PID_FILE"
		started_pid_file=$PID_FILE
		log "Temporal dev server started (pid $pid); waiting up to ${WAIT_SECONDS}s for it"
		wait_healthy "$pid"
	fi
	;;
*)
	log "TEMPORAL_ADDRESS=$ADDRESS: using that server (not starting a local one)"
	wait_healthy
	;;
esac
log "Temporal at $ADDRESS is SERVING"

# ---------------------------------------------------------------------------
# Search attributes. start-dev registers them when it creates a new server,
# but a server that was already running (or an external one) may lack them.
# Right after start-up the namespace can take a moment to become visible, so
# retry the listing.
# ---------------------------------------------------------------------------
list_search_attributes() {
	tcli operator search-attribute list --namespace "$NAMESPACE" -o json
}
sa_json=""
for _ in $(seq 1 30); do
	if sa_json=$(list_search_attributes 2>/dev/null); then break; fi
	sa_json=""
	sleep 1
done
[[ -n "$sa_json" ]] || die "cannot list search attributes of namespace $NAMESPACE at $ADDRESS"

# has_all_search_attributes JSON: true when every wanted name is a key in
# the `search-attribute list -o json` output.
has_search_attribute() { grep -q "\"$1\"" <<<"$2"; }
has_all_search_attributes() {
	local out sa
	out=$(list_search_attributes) || return 1
	for sa in "${SEARCH_ATTRIBUTES[@]}"; do
		has_search_attribute "$sa" "$out" || return 1
	done
}

for sa in "${SEARCH_ATTRIBUTES[@]}"; do
	if has_search_attribute "$sa" "$sa_json"; then
		continue
	fi
	log "creating search attribute $sa (Keyword) in namespace $NAMESPACE"
	tcli operator search-attribute create --namespace "$NAMESPACE" --name "$sa" --type Keyword >&2 ||
		die "could not create search attribute $sa"
done

# Creation is asynchronous on some servers; confirm before callers rely on it.
wait_until 30 "search attributes ${SEARCH_ATTRIBUTES[*]}" has_all_search_attributes ||
	die "search attributes ${SEARCH_ATTRIBUTES[*]} missing in namespace $NAMESPACE"
log "search attributes present: ${SEARCH_ATTRIBUTES[*]}"

case "$ADDRESS" in
127.0.0.1:7233 | localhost:7233) log "Temporal UI: http://127.0.0.1:$UI_PORT" ;;
esac

if [[ -n "$started_pid_file" ]]; then
	printf '%s\n' "$started_pid_file"
fi
