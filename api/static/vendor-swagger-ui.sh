#!/usr/bin/env bash
# Vendor Swagger UI (npm package swagger-ui-dist) into api/static/swagger-ui/ so /docs works
# offline: the server serves these files itself, no CDN at run time. Idempotent.
set -euo pipefail
VERSION=5.36.0
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/swagger-ui"
if [ -f "$dest/swagger-ui-bundle.js" ] && [ -f "$dest/swagger-ui.css" ] \
   && grep -qx "$VERSION" "$dest/VERSION" 2>/dev/null; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "vendor-swagger-ui: npm not found; /docs will point to /openapi.json instead" >&2
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "swagger-ui-dist@$VERSION" >/dev/null)
tar -xzf "$tmp"/swagger-ui-dist-*.tgz -C "$tmp" package/swagger-ui-bundle.js package/swagger-ui.css
mkdir -p "$dest"
cp "$tmp/package/swagger-ui-bundle.js" "$tmp/package/swagger-ui.css" "$dest/"
echo "$VERSION" > "$dest/VERSION"
