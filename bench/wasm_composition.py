#!/usr/bin/env python3
"""What a WebAssembly module's code is made of, by crate (and by Aula component or page).

Reads the function bodies and the `name` section of a module that still has its names: the
split main module cargo-leptos leaves before wasm-bindgen and wasm-opt, e.g.
  python3 bench/wasm_composition.py \
    ~/.cache/aula/target/front/wasm32-unknown-unknown/wasm-release/frontend_split.wasm
Sizes are of code before wasm-opt (which shrinks it by about a third). See bench/README.md.
"""
import collections
import re
import sys


def leb(b, i):
    result = shift = 0
    while True:
        x = b[i]
        i += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return result, i


def sections(b):
    i = 8
    while i < len(b):
        sid = b[i]
        n, i = leb(b, i + 1)
        yield sid, i, n
        i += n


def imported_functions(b, st):
    j = st
    count, j = leb(b, j)
    functions = 0
    for _ in range(count):
        for _name in range(2):
            n, j = leb(b, j)
            j += n
        kind = b[j]
        j += 1
        if kind == 0:
            _, j = leb(b, j)
            functions += 1
        elif kind in (1, 2):
            if kind == 1:
                j += 1
            flags, j = leb(b, j)
            _, j = leb(b, j)
            if flags & 1:
                _, j = leb(b, j)
        elif kind == 3:
            j += 2
    return functions


def function_names(b, st, n):
    j = st
    n_len, j = leb(b, j)
    if b[j:j + n_len] != b"name":
        return {}
    j += n_len
    names = {}
    while j < st + n:
        sub = b[j]
        size, j = leb(b, j + 1)
        if sub == 1:
            k = j
            count, k = leb(b, k)
            for _ in range(count):
                idx, k = leb(b, k)
                length, k = leb(b, k)
                names[idx] = b[k:k + length].decode("utf8", "replace")
                k += length
        j += size
    return names


ESCAPES = [("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("$C$", ","),
           ("$u7b$", "{"), ("$u7d$", "}"), ("$LP$", "("), ("$RP$", ")"), ("$BP$", "*"),
           ("$u27$", "'"), ("$u5b$", "["), ("$u5d$", "]"), ("$u3b$", ";"), ("..", "::")]


def demangle(name):
    """Rust's legacy mangling (`_ZN…E`), enough to read crate paths; of v0 (`_R…`), the crate."""
    if name.startswith("_R"):
        m = re.search(r"C[sh]?[0-9a-zA-Z]*_(\d+)([A-Za-z_])", name)
        if m:
            start = m.start(2)
            return name[start:start + int(m.group(1))] + "::"
        return name
    if not name.startswith("_ZN"):
        return name
    j, parts = 3, []
    while j < len(name) and name[j].isdigit():
        k = j
        while name[k].isdigit():
            k += 1
        length = int(name[j:k])
        parts.append(name[k:k + length])
        j = k + length
    text = "::".join(p for p in parts if not re.fullmatch(r"h[0-9a-f]{16}", p))
    for escaped, plain in ESCAPES:
        text = text.replace(escaped, plain)
    return text


def group(name):
    """Aula's own code by component or page, anything else by the first crate named."""
    crates = re.findall(r"\b([a-z_][a-z0-9_]*)::", name)
    m = re.search(r"app::(components|pages|serverfns)::([a-z_]+)", name)
    if m:
        return f"app::{m.group(1)}::{m.group(2)}"
    for c in crates:
        if c in ("app", "types", "frontend"):
            return c
    if name.startswith("__wbindgen_describe"):
        return "wasm-bindgen descriptors (removed by wasm-bindgen)"
    return crates[0] if crates else "(other)"


def main():
    b = open(sys.argv[1], "rb").read()
    imports, names, bodies = 0, {}, []
    for sid, st, n in sections(b):
        if sid == 2:
            imports = imported_functions(b, st)
        elif sid == 10:
            j = st
            count, j = leb(b, j)
            for _ in range(count):
                size, j = leb(b, j)
                bodies.append(size)
                j += size
        elif sid == 0:
            names.update(function_names(b, st, n))
    if not names:
        sys.exit("this module has no function names (built with them stripped?)")
    by_group = collections.Counter()
    for index, size in enumerate(bodies):
        by_group[group(demangle(names.get(index + imports, "?")))] += size
    total = sum(bodies)
    print(f"{len(bodies)} functions, {total / 1000:.0f} KB of code")
    for name, size in by_group.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 30):
        print(f"{size / 1000:>8.1f} KB {100 * size / total:>5.1f} %  {name}")


if __name__ == "__main__":
    main()
