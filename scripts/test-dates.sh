#!/usr/bin/env bash
# The domain and HTTP tests again under fixed calendar dates, to prove that no test depends on the
# day it runs. Each test binary runs with AULA_CLOCK_START: Aula's one clock (domain::clock, which
# nothing bypasses: a test checks) starts at the given instant and moves on from there; the
# monotonic clock (timeouts, tokio) is left alone. The ordinary pass starts it at
# domain::testing::TEST_CLOCK_START.
#
#   ./scripts/test-dates.sh                          # every date below, SQLite
#   ./scripts/test-dates.sh "2028-02-29 10:00:00"    # one instant (UTC)
#   AULA_TEST_DATABASE=postgres ./scripts/test-dates.sh
#
# The test command runs it after the ordinary tests.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$AULA_ROOT"

# Instants in UTC, chosen for what breaks date-bound tests:
DATES=(
  "2026-11-30 12:00:00" # the last day of a month whose date holds the numbers the tests assert on (11, 30)
  "2026-12-10 09:00:00" # a date made of the seat counts the assistant tests assert (10 of 12)
  "2027-01-31 23:30:00" # the last day of a month, already the next day in Madrid (00:30, 1 February)
  "2028-02-29 10:00:00" # a leap day
  "2027-03-28 00:30:00" # the spring DST change in Madrid, an hour before the clocks jump (01:30 CET)
  "2027-10-31 00:30:00" # the autumn DST change, inside the hour that repeats (02:30 CEST)
)
[ "$#" -gt 0 ] && DATES=("$@")

ensure_python_test_env

say "building the domain and HTTP test binaries"
ARTIFACTS="$(mktemp)"
trap 'rm -f "$ARTIFACTS"' EXIT
cargo test -p domain -p server --no-run --message-format=json-render-diagnostics >"$ARTIFACTS"
mapfile -t BINARIES < <(python3 -c '
import json, os, sys
for line in open(sys.argv[1]):
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]:
        print(os.path.dirname(m["manifest_path"]) + "\t" + m["executable"])
' "$ARTIFACTS")
[ "${#BINARIES[@]}" -gt 0 ] || { echo "no test binaries were built"; exit 1; }

for at in "${DATES[@]}"; do
  say "tests on ${AULA_TEST_DATABASE:-sqlite} as if it were $at UTC"
  for entry in "${BINARIES[@]}"; do
    dir="${entry%%$'\t'*}" bin="${entry#*$'\t'}"
    # The real model test measures a model, not dates; it runs in the ordinary pass.
    case "$(basename "$bin")" in real_model-*) continue ;; esac
    (cd "$dir" && AULA_CLOCK_START="$at" "$bin" -q) \
      || { echo "failed as if it were $at UTC: $bin"; exit 1; }
  done
done
say "every fixed date passed"
