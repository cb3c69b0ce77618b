#!/usr/bin/env bash
# Every check and test: formatting, clippy (ssr and hydrate), unit and integration tests on SQLite
# and on PostgreSQL, the domain and HTTP tests again under fixed dates (scripts/test-dates.sh),
# the bundle budget on a release build, then the browser tests in Chromium. Exits non-zero on the
# first failure.
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

say "building the site for the browser tests (islands: a main module and a chunk per lazy island)"
build_site
E2E_DIR="$(mktemp -d)"
SERVER_PIDS=()
trap 'for p in "${SERVER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$E2E_DIR"' EXIT
export AULA_E2E_ADMIN_PASSWORD="admin-e2e-password"
export AULA_E2E_DEMO_PASSWORD="demo-e2e-password"

# Starts the debug server with demo data on port $1, serving the site in $2; waits until it answers.
serve() {
  local port="$1" site="$2" dir="$E2E_DIR/$1"
  mkdir -p "$dir"
  AULA_ADDR="127.0.0.1:$port" AULA_DATA_DIR="$dir" AULA_SITE_ROOT="$site" \
    AULA_ADMIN_EMAIL=admin@aula.local AULA_ADMIN_PASSWORD="$AULA_E2E_ADMIN_PASSWORD" \
    AULA_DEMO_DATA=true AULA_DEMO_PASSWORD="$AULA_E2E_DEMO_PASSWORD" AULA_LOG_LEVEL=warn AULA_REMINDER_INTERVAL_SECS=2 \
    "$CARGO_TARGET_DIR/debug/aula" >"$dir/server.log" 2>&1 &
  SERVER_PIDS+=($!)
  local pid=$!
  for _ in $(seq 1 150); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "http://127.0.0.1:$port/readyz" 2>/dev/null; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "the server did not become ready:"; cat "$dir/server.log"; return 1
}

# The budget: the release build's WebAssembly each page has the browser download (brotli), as the
# server lists it for that page (bench/bundle_budget.py; figures in bench/README.md).
say "bundle budget (release build, islands split out, brotli)"
LEPTOS_SITE_ROOT=target/site-release build_site release --frontend-only
BUDGET_PORT="${AULA_BUDGET_PORT:-3918}"
serve "$BUDGET_PORT" "$AULA_ROOT/target/site-release"
python3 "$AULA_ROOT/bench/bundle_budget.py" --base "http://127.0.0.1:$BUDGET_PORT" \
  --site "$AULA_ROOT/target/site-release" --password "$AULA_E2E_ADMIN_PASSWORD"

E2E_PORT="${AULA_E2E_PORT:-3917}"
export AULA_E2E_BASE_URL="http://127.0.0.1:$E2E_PORT"
serve "$E2E_PORT" "$AULA_ROOT/target/site"
say "browser tests (Chromium, JavaScript on and off)"
(cd end2end && npx playwright test) || { echo "--- server log"; tail -n 50 "$E2E_DIR/$E2E_PORT/server.log"; exit 1; }
python3 - "$AULA_ROOT/end2end/test-results/results.json" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))["stats"]
print(f"browser: {stats['expected']} passed, {stats['unexpected'] + stats['flaky']} failed, {stats['skipped']} skipped")
PY
say "all checks passed in ${SECONDS}s"
