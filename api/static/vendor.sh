#!/usr/bin/env bash
# Vendor browser assets from the npm registry into api/static/DEST/ so the pages work offline:
# the server serves these files itself, no CDN at run time. Idempotent.
# usage: vendor.sh DEST PACKAGE@VERSION FILE_IN_PACKAGE...
#   YASGUI for the SPARQL page, Swagger UI for /docs (see the Makefile); without npm the SPARQL
#   page offers a plain form and /docs points to /openapi.json.
set -euo pipefail
dest="$(cd "$(dirname "$0")" && pwd)/$1"
spec=$2
shift 2
have=1
for f in "$@"; do [ -f "$dest/$(basename "$f")" ] || have=0; done
if [ "$have" = 1 ] && grep -qxF "$spec" "$dest/VERSION" 2>/dev/null; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "vendor: npm not found; $spec not vendored (its page falls back)" >&2
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$spec" >/dev/null)
tar -xzf "$tmp"/*.tgz -C "$tmp" "${@/#/package/}"
mkdir -p "$dest"
for f in "$@"; do cp "$tmp/package/$f" "$dest/"; done
echo "$spec" > "$dest/VERSION"
