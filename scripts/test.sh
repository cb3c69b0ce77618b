#!/usr/bin/env bash
# Every check and test: formatting, clippy (ssr and hydrate), unit and integration tests on SQLite
# and on PostgreSQL, the domain and HTTP tests again under fixed dates (scripts/test-dates.sh),
# then the browser tests in Chromium. Exits non-zero on the first failure.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$AULA_ROOT"
ensure_build_tools
ensure_test_tools
ensure_python_test_env
ensure_model_env
SECONDS=0

say "formatting"
cargo fmt --all -- --check

say "clippy (server side)"
cargo clippy -p types -p domain -p app -p server --features app/ssr --all-targets -- -D warnings
say "clippy (browser side)"
cargo clippy -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown -- -D warnings

# Both passes need PostgreSQL: the schema tests compare the two backends whichever runs.
AULA_TEST_POSTGRES_URL="$(ensure_postgres)"
export AULA_TEST_POSTGRES_URL
say "unit and integration tests on SQLite"
AULA_TEST_DATABASE=sqlite cargo test -p types -p domain -p app -p server --features app/ssr

say "integration tests on PostgreSQL ($AULA_TEST_POSTGRES_URL)"
AULA_TEST_DATABASE=postgres cargo test -p domain -p server

# The same tests as if it were other days: month ends, a leap day, both DST changes.
AULA_TEST_DATABASE=sqlite AULA_STALL_RENDERS=200 "$AULA_ROOT/scripts/test-dates.sh"

say "building the site for the browser tests"
cargo leptos build
E2E_DIR="$(mktemp -d)"
E2E_PORT="${AULA_E2E_PORT:-3917}"
export AULA_E2E_BASE_URL="http://127.0.0.1:$E2E_PORT"
export AULA_E2E_ADMIN_PASSWORD="admin-e2e-password"
export AULA_E2E_DEMO_PASSWORD="demo-e2e-password"
AULA_ADDR="127.0.0.1:$E2E_PORT" AULA_DATA_DIR="$E2E_DIR" AULA_SITE_ROOT="$AULA_ROOT/target/site" \
  AULA_ADMIN_EMAIL=admin@aula.local AULA_ADMIN_PASSWORD="$AULA_E2E_ADMIN_PASSWORD" \
  AULA_DEMO_DATA=true AULA_DEMO_PASSWORD="$AULA_E2E_DEMO_PASSWORD" AULA_LOG_LEVEL=warn AULA_REMINDER_INTERVAL_SECS=2 \
  "$CARGO_TARGET_DIR/debug/aula" >"$E2E_DIR/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; wait $SERVER_PID 2>/dev/null || true; rm -rf "$E2E_DIR"' EXIT
ready=""
for _ in $(seq 1 150); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "$AULA_E2E_BASE_URL/readyz" 2>/dev/null; then
    ready=1; break
  fi
  kill -0 $SERVER_PID 2>/dev/null || break
  sleep 0.2
done
[ -n "$ready" ] || { echo "the server did not become ready:"; cat "$E2E_DIR/server.log"; exit 1; }
say "browser tests (Chromium, JavaScript on and off)"
(cd end2end && npx playwright test) || { echo "--- server log"; tail -n 50 "$E2E_DIR/server.log"; exit 1; }
python3 - "$AULA_ROOT/end2end/test-results/results.json" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))["stats"]
print(f"browser: {stats['expected']} passed, {stats['unexpected'] + stats['flaky']} failed, {stats['skipped']} skipped")
PY
say "all checks passed in ${SECONDS}s"
