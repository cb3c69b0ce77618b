#!/usr/bin/env bash
# Lighthouse (mobile, the default emulation: a mid-range phone on slow 4G) on a running Aula, in
# Debian's Chromium. Prints performance, total blocking time, largest contentful paint and bytes
# transferred per page; the JSON reports go to $OUT (default /tmp/aula-lighthouse).
#   bench/lighthouse.sh http://127.0.0.1:3000 admin-password /talleres /today /clients
# Staff pages are opened signed in as admin@aula.local (the session cookie is passed to Lighthouse).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
LIGHTHOUSE_VERSION=12.8.2   # 13 needs Node 22
base="${1:?base URL}"; password="${2:?admin password}"; shift 2
out="${OUT:-/tmp/aula-lighthouse}"; mkdir -p "$out"
if [ "$(lighthouse --version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
  npm install --silent --no-audit --no-fund --prefix "$AULA_CACHE/tools" "lighthouse@$LIGHTHOUSE_VERSION"
fi
cookie="$(python3 "$(dirname "${BASH_SOURCE[0]}")/aula_session.py" "$base" admin@aula.local "$password")"
echo "| page | performance | TBT ms | LCP ms | transferred KB |"
echo "|---|---|---|---|---|"
for path in "$@"; do
  name="$(echo "$path" | tr '/' '_')"
  headers="{}"
  case "$path" in /talleres*|/login*) ;; *) headers="{\"Cookie\": \"$cookie\"}" ;; esac
  CHROME_PATH=/usr/bin/chromium lighthouse "$base$path" --quiet --only-categories=performance \
    --chrome-flags="--headless=new --no-sandbox" --extra-headers="$headers" \
    --output=json --output-path="$out/$name.json" >/dev/null
  python3 - "$out/$name.json" "$path" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); a = r["audits"]
print(f"| `{sys.argv[2]}` | {round(r['categories']['performance']['score'] * 100)} | "
      f"{a['total-blocking-time']['numericValue']:.0f} | {a['largest-contentful-paint']['numericValue']:.0f} | "
      f"{a['total-byte-weight']['numericValue'] / 1000:.0f} |")
PY
done
