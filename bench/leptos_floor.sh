#!/usr/bin/env bash
# The floor of Leptos' browser runtime: builds bench/leptos-floor (one small staff page) as Aula
# builds its browser side (wasm-release profile, wasm-bindgen, wasm-opt -Oz) with full hydration
# and a router, then in islands mode, and prints each WebAssembly's size raw and brotli (quality 11).
# Usage: bench/leptos_floor.sh   (after ./scripts/test.sh or ./scripts/run.sh has installed the tools)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
ensure_build_tools
crate="$AULA_ROOT/bench/leptos-floor"
out="$AULA_CACHE/leptos-floor"
for variant in full islands; do
  target="$out/target-$variant"
  (cd "$crate" && cargo build --locked --lib --target wasm32-unknown-unknown --profile wasm-release \
    --features "$variant" --target-dir "$target")
  rm -rf "$out/$variant" && mkdir -p "$out/$variant"
  wasm-bindgen --target web --out-dir "$out/$variant" \
    "$target/wasm32-unknown-unknown/wasm-release/leptos_floor.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals -o "$out/$variant/leptos_floor.wasm" "$out/$variant/leptos_floor_bg.wasm"
  node -e '
    const fs = require("fs"), zlib = require("zlib");
    const [variant, file] = process.argv.slice(1);
    const raw = fs.readFileSync(file);
    const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
    console.log(`${variant}: ${(raw.length / 1000).toFixed(0)} KB raw, ${(br.length / 1000).toFixed(0)} KB brotli (KB = 1000 bytes, as bench/bundle_budget.py)`);
  ' "$variant" "$out/$variant/leptos_floor.wasm"
done
