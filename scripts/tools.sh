#!/usr/bin/env bash
# `make tools`: build the pinned developer tools into .tools/ (git-ignored).
#   .tools/temporal       Temporal CLI + dev server (several minutes the first time)
#   .tools/workflowcheck  determinism checker for workflow code
# Already-present binaries of the right version are kept. Prints their paths.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ ! -x "$TOOLS_DIR/temporal" ]]; then
	log "building the Temporal CLI; the first build takes several minutes"
fi
ensure_go_tool temporal github.com/temporalio/cli/cmd/temporal "$TEMPORAL_CLI_VERSION"
workflowcheck_bin
