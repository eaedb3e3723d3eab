#!/usr/bin/env bash
# Ensure the Debian packages the application itself needs at run and test
# time are installed (PostgreSQL is handled by postgres.sh):
#   fonts-lxgw-wenkai  the CJK TrueType font the contract PDF is set in
#   poppler-utils      pdftotext/pdftoppm, used by the PDF tests
#   chromium           headless browser the browser tests drive (api/browser_test.go)
# Idempotent: does nothing when all are present.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

packages=(fonts-lxgw-wenkai poppler-utils chromium)
missing=()
for p in "${packages[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
	log "system packages present: ${packages[*]}"
	exit 0
fi
have apt-get || die "missing Debian packages (${missing[*]}) and apt-get is not available"
log "installing ${missing[*]} with apt-get (one-off)"
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
