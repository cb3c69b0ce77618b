#!/usr/bin/env bash
# Fuzzes the REST API against its own OpenAPI document with Schemathesis (from PyPI): starts a
# debug server on a throwaway SQLite database (or on AULA_DATABASE_URL), signs in as the demo
# manager, creates an API token and runs Schemathesis' checks for server errors, undocumented
# status codes and responses that do not match the schema. Not part of test.sh: generated cases
# vary from run to run. Usage: ./scripts/fuzz-api.sh [max examples per operation, default 100]
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$AULA_ROOT"
ensure_build_tools
command -v st >/dev/null || python3 -m pip install --quiet schemathesis
cargo build -p server --bin aula
DIR="$(mktemp -d)"
PORT="${AULA_FUZZ_PORT:-3961}"
AULA_ADDR="127.0.0.1:$PORT" AULA_DATA_DIR="$DIR" AULA_SITE_ROOT="$AULA_ROOT/target/site" \
  AULA_ADMIN_PASSWORD=fuzz-admin-password AULA_DEMO_DATA=true AULA_DEMO_PASSWORD=fuzz-demo-password \
  AULA_LOG_LEVEL=warn "$CARGO_TARGET_DIR/debug/aula" >"$DIR/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; wait $SERVER_PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
TOKEN="$(python3 - "$PORT" <<'PY'
import http.cookiejar, json, sys, urllib.parse, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
form = urllib.parse.urlencode({"email": "marta.iglesias@aula.example", "password": "fuzz-demo-password"}).encode()
op.open(urllib.request.Request(base + "/auth/login", data=form, method="POST")).read()
req = urllib.request.Request(base + "/api/fn/account/tokens/create", data=b"name=fuzz", headers={"accept": "application/json"}, method="POST")
print(json.load(op.open(req))["secret"])
PY
)"
st run "http://127.0.0.1:$PORT/api/v1/openapi.json" --url "http://127.0.0.1:$PORT/api/v1" \
  -H "Authorization: Bearer $TOKEN" --max-examples "${1:-100}" \
  --checks not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance
