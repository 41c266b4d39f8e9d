#!/usr/bin/env bash
# Vendor YASGUI (npm package @zazuko/yasgui) into api/static/yasgui/ so the SPARQL page works
# offline: the server serves these two files itself, no CDN at run time. Idempotent.
set -euo pipefail
VERSION=4.6.2
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/yasgui"
if [ -f "$dest/yasgui.min.js" ] && [ -f "$dest/yasgui.min.css" ] \
   && grep -qx "$VERSION" "$dest/VERSION" 2>/dev/null; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "vendor-yasgui: npm not found; the SPARQL page will offer a plain form instead" >&2
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@zazuko/yasgui@$VERSION" >/dev/null)
tar -xzf "$tmp"/zazuko-yasgui-*.tgz -C "$tmp" package/build/yasgui.min.js package/build/yasgui.min.css
mkdir -p "$dest"
cp "$tmp/package/build/yasgui.min.js" "$tmp/package/build/yasgui.min.css" "$dest/"
echo "$VERSION" > "$dest/VERSION"
