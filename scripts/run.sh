#!/usr/bin/env bash
# Builds Aula (release) and serves it on http://127.0.0.1:3000 with a SQLite database under ./data.
# Arguments go to the server: ./scripts/run.sh --demo fills demo data; --help lists the settings.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$AULA_ROOT"
ensure_build_tools
say "building Aula (release)"
build_site release
export AULA_SITE_ROOT="${AULA_SITE_ROOT:-$AULA_ROOT/target/site}"
export AULA_DATA_DIR="${AULA_DATA_DIR:-$AULA_ROOT/data}"
say "serving on http://${AULA_ADDR:-127.0.0.1:3000} (data in $AULA_DATA_DIR)"
exec "$CARGO_TARGET_DIR/release/aula" "$@"
