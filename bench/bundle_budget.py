#!/usr/bin/env python3
"""The browser bundle's budget, per page, on a release build made with `--split --precompress`.

Pages are rendered on the server; the browser hydrates only their islands (islands mode). For
each page, asks a running Aula (whose AULA_SITE_ROOT is that build) for the page and works out
what a browser downloads to show and hydrate it: the main module (`aula.<hash>.wasm`, named on the
loader's `<script id="aula-hydrate">`), plus, for each lazy island on the page (`<leptos-island
data-component="BoardView_…">`), the chunks the build's split manifest lists for it. Their brotli
sizes (the `.br` files the build wrote, which is what the server sends) are added up. Every one of
those files must also be preloaded by the page, or the page pays a round trip for it.

The budget (issue 15): 250 KB for /talleres, /today and /login, 400 KB for any other page; a new
page must meet it too (add it to PAGES). The public pages (/talleres, /talleres/{x}, /login) are
served without WebAssembly and must name none. Prints a table (markdown); exits 1 when a page is
over its budget or downloads a file it does not preload. The browser tests check that a page
downloads exactly these files (end2end/tests/bundle.spec.ts).

    bench/bundle_budget.py --base http://127.0.0.1:3917 --site target/site-release \
        --password admin-e2e-password [--json out.json]
"""
import argparse
import json
import re
import sys
import urllib.request
from pathlib import Path

from aula_session import opener, sign_in

KB = 1000
FIRST_VISIT = {"/talleres": 250 * KB, "/today": 250 * KB, "/login": 250 * KB}
OTHER = 400 * KB

# Every page, as an example path; `{x}` is the first link like `link` on page `from` (itself one of
# these, resolved earlier in the list).
PAGES = [
    ("/talleres", None), ("/talleres/{x}", ("/talleres", r"/talleres/\d+")), ("/login", None),
    ("/", None), ("/today", None), ("/account", None),
    ("/clients", None), ("/clients/new", None), ("/clients/import", None),
    ("/clients/{x}", ("/clients", r"/clients/\d+")), ("/clients/{x}/edit", ("/clients", r"/clients/\d+")),
    ("/people", None), ("/people/new", None),
    ("/people/{x}", ("/people", r"/people/\d+")), ("/people/{x}/edit", ("/people", r"/people/\d+")),
    ("/people/{x}/data", ("/people", r"/people/\d+")),
    ("/workshops", None), ("/workshops/new", None),
    ("/workshops/{x}", ("/workshops", r"/workshops/\d+")), ("/workshops/{x}/edit", ("/workshops", r"/workshops/\d+")),
    ("/courses", None), ("/contracts", None), ("/contracts/new", None),
    ("/contracts/{x}", ("/contracts", r"/contracts/\d+")), ("/contracts/{x}/edit", ("/contracts", r"/contracts/\d+")),
    ("/sessions/{x}", ("/contracts/{x}", r"/sessions/\d+")),
    ("/pipeline", None), ("/pipeline/metrics", None), ("/pipeline/stages", None), ("/pipeline/templates", None),
    ("/opportunities/{x}", ("/pipeline", r"/opportunities/\d+")),
    ("/opportunities/{x}/edit", ("/pipeline", r"/opportunities/\d+")),
    ("/opportunities/{x}/proposals/new", ("/pipeline", r"/opportunities/\d+")),
    ("/notifications", None), ("/calendar", None),
    ("/admin/email", None), ("/admin/assistant", None), ("/admin/users", None),
    ("/invoices", None), ("/invoices/new", None), ("/billing/issuers", None),
    ("/invoices/{x}", ("/invoices", r"/invoices/\d+")), ("/invoices/{x}/edit", ("/invoices", r"/invoices/\d+")),
    ("/products", None), ("/products/new", None),
    ("/products/{x}", ("/products", r"/products/\d+")), ("/products/{x}/edit", ("/products", r"/products/\d+")),
    ("/sales", None),
]
# The public pages go out as HTML alone, without WebAssembly (app/src/routes.rs): 0 KB.
PUBLIC = {"/talleres", "/talleres/{x}", "/login"}


def get(o, url):
    try:
        with o.open(url, timeout=30) as res:
            return res.status, res.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def preloads(html):
    """The files a page has the browser preload, in page order."""
    found = []
    for tag in re.findall(r"<link\b[^>]*>", html):
        href = re.search(r'href="([^"]+)"', tag)
        if href and ('rel="preload"' in tag or 'rel="modulepreload"' in tag):
            found.append(href.group(1))
    return list(dict.fromkeys(found))


def snake(name):
    """`BoardView` → `board_view`, as the lazy islands' loaders are named in the split manifest."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def downloads(html, manifest, pkg):
    """The WebAssembly a page downloads: the main module and the chunks of its lazy islands."""
    loader = re.search(r'<script id="aula-hydrate"[^>]*>', html)
    if not loader:
        return None
    wasm = [re.search(r'data-wasm="([^"]+)"', loader.group(0)).group(1)]
    for component in dict.fromkeys(re.findall(r'<leptos-island[^>]*data-component="([^"]+)"', html)):
        # `BoardView_<hash>`: its loader is `board_view_loader_<another hash>`; an island that is
        # not lazy has none (its code is in the main module).
        prefix = snake(component.rpartition("_")[0]) + "_loader_"
        for loader, chunks in manifest.items():
            if loader.startswith(prefix):
                wasm.extend(f"{pkg}/{chunk}.wasm" for chunk in chunks)
    return list(dict.fromkeys(wasm))


def size(site, href):
    path = site / href.lstrip("/")
    br = Path(str(path) + ".br")
    if not path.is_file() or not br.is_file():
        sys.exit(f"{href}: not in {site} with its .br (build with --release --split --precompress)")
    return path.stat().st_size, br.stat().st_size


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--site", required=True, type=Path)
    p.add_argument("--email", default="admin@aula.local")
    p.add_argument("--password", required=True)
    p.add_argument("--json")
    args = p.parse_args()
    base = args.base.rstrip("/")
    staff, _ = sign_in(base, args.email, args.password, follow_redirects=False)
    anonymous = opener(follow_redirects=False)
    manifests = list((args.site / "pkg").glob("__wasm_split_manifest*.json"))
    manifest = json.loads(manifests[0].read_text()) if manifests else {}

    rows, failed, pages = [], [], {}
    for pattern, source in PAGES:
        path = pattern
        if source:
            from_page, link = source
            m = re.search(f'href="({link})"', pages[from_page])
            if not m:
                sys.exit(f"no link like {link} on {from_page}")
            path = pattern.replace("{x}", m.group(1).rsplit("/", 1)[1])
        status, html = get(anonymous if pattern in PUBLIC else staff, base + path)
        if status != 200:
            sys.exit(f"{path}: HTTP {status}")
        pages[pattern] = html
        wasm = downloads(html, manifest, "/pkg")
        preloaded = preloads(html)
        if pattern in PUBLIC:
            if wasm is not None or any(h.startswith("/pkg/") and h.endswith((".js", ".wasm")) for h in preloaded):
                sys.exit(f"{path}: a public page goes out as HTML alone, but it names code")
            wasm = []
        elif wasm is None:
            sys.exit(f"{path}: the page has no loader")
        missing = [h for h in wasm if h not in preloaded]
        if missing:
            failed.append(f"{pattern} downloads without preloading {missing}")
        raw = sum(size(args.site, h)[0] for h in wasm)
        br = sum(size(args.site, h)[1] for h in wasm)
        js = [h for h in preloaded if h.endswith(".js")]
        js_br = sum(size(args.site, h)[1] for h in js)
        budget = FIRST_VISIT.get(pattern, OTHER)
        rows.append({"page": pattern, "files": len(wasm), "raw": raw, "brotli": br, "js_brotli": js_br,
                     "budget": budget})
        if br > budget:
            failed.append(f"{pattern} ({br / KB:.0f} KB > {budget / KB:.0f} KB)")

    print("| page | wasm files | raw KB | brotli KB | budget KB | JS brotli KB |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        mark = " **over**" if r["brotli"] > r["budget"] else ""
        print(f"| `{r['page']}` | {r['files']} | {r['raw'] / KB:.0f} | {r['brotli'] / KB:.0f}{mark} | "
              f"{r['budget'] / KB:.0f} | {r['js_brotli'] / KB:.1f} |")
    met = sum(r["brotli"] <= r["budget"] for r in rows)
    print(f"\n{met} of {len(rows)} pages within the budget.")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    if failed:
        sys.exit("over budget: " + ", ".join(failed))


if __name__ == "__main__":
    main()
