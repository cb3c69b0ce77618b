#!/usr/bin/env python3
"""The browser bundle's budget, per page, on a release build made with `--split --precompress`.

For each page, asks a running Aula (whose AULA_SITE_ROOT is that build) for the page and reads
which WebAssembly files it has the browser preload: the shared core and the chunks of the page on
screen (the server lists them from the build's split manifest). Their brotli sizes (the `.br`
files the build wrote, which is what the server sends) are added up.

The target (issue 15): 250 KB for /talleres, /today and /login, 400 KB for any other page. The
public pages (/talleres, /talleres/{x}, /login) are served without WebAssembly and must list none.
Pages not there yet have a ceiling in bench/bundle-ceilings.json (measured, plus 3 %): a page
fails when it is over its ceiling, or over the target if it has none, so nothing grows, a new
page must meet the target, and a ceiling only ever comes down (`--update` rewrites the file from
this build; commit it when the figures went down). Prints a table (markdown); exits 1 on a
failure. The browser tests check that a page downloads exactly the files it lists
(end2end/tests/bundle.spec.ts).

    bench/bundle_budget.py --base http://127.0.0.1:3917 --site target/site-release \
        --password admin-e2e-password [--json out.json] [--update]
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
CEILINGS = Path(__file__).with_name("bundle-ceilings.json")
HEADROOM = 1.03

# Every page, as an example path; `{x}` is the first link like `link` on page `from` (itself one of
# these, resolved earlier in the list).
PAGES = [
    ("/talleres", None), ("/talleres/{x}", ("/talleres", r"/talleres/\d+")), ("/login", None),
    ("/", None), ("/today", None), ("/account", None),
    ("/clients", None), ("/clients/new", None), ("/clients/import", None),
    ("/clients/{x}", ("/clients", r"/clients/\d+")), ("/clients/{x}/edit", ("/clients", r"/clients/\d+")),
    ("/people", None), ("/people/new", None),
    ("/people/{x}", ("/people", r"/people/\d+")), ("/people/{x}/edit", ("/people", r"/people/\d+")),
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
    """The WebAssembly and JavaScript files a page has the browser preload, in page order."""
    wasm, js = [], []
    for tag in re.findall(r"<link\b[^>]*>", html):
        href = re.search(r'href="([^"]+)"', tag)
        if not href:
            continue
        href = href.group(1)
        if 'rel="preload"' in tag and href.endswith(".wasm"):
            wasm.append(href)
        elif 'rel="modulepreload"' in tag and href.endswith(".js"):
            js.append(href)
    return list(dict.fromkeys(wasm)), list(dict.fromkeys(js))


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
    p.add_argument("--update", action="store_true", help="rewrite the ceilings from this build")
    args = p.parse_args()
    base = args.base.rstrip("/")
    staff, _ = sign_in(base, args.email, args.password, follow_redirects=False)
    anonymous = opener(follow_redirects=False)
    ceilings = json.loads(CEILINGS.read_text()) if CEILINGS.is_file() else {}

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
        wasm, js = preloads(html)
        if pattern in PUBLIC:
            if wasm or js:
                sys.exit(f"{path}: a public page goes out as HTML alone, but it lists {wasm + js}")
        elif not any(h.rsplit("/", 1)[1].startswith("split_") for h in wasm):
            sys.exit(f"{path}: the page does not list its own chunk for preloading")
        raw = sum(size(args.site, h)[0] for h in wasm)
        br = sum(size(args.site, h)[1] for h in wasm)
        js_br = sum(size(args.site, h)[1] for h in js)
        target = FIRST_VISIT.get(pattern, OTHER)
        limit = ceilings.get(pattern, target)
        rows.append({"page": pattern, "files": len(wasm), "raw": raw, "brotli": br, "js_brotli": js_br,
                     "target": target, "limit": limit})
        if br > limit:
            failed.append(f"{pattern} ({br / KB:.0f} KB > {limit / KB:.0f} KB)")

    print("| page | wasm files | raw KB | brotli KB | target KB | ceiling KB | JS brotli KB |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        mark = " **over**" if r["brotli"] > r["limit"] else ""
        ceiling = f"{r['limit'] / KB:.0f}" if r["limit"] != r["target"] else "—"
        print(f"| `{r['page']}` | {r['files']} | {r['raw'] / KB:.0f} | {r['brotli'] / KB:.0f}{mark} | "
              f"{r['target'] / KB:.0f} | {ceiling} | {r['js_brotli'] / KB:.1f} |")
    met = sum(r["brotli"] <= r["target"] for r in rows)
    print(f"\n{met} of {len(rows)} pages within the target.")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    if args.update:
        new = {r["page"]: int(r["brotli"] * HEADROOM // KB + 1) * KB for r in rows if r["brotli"] > r["target"]}
        CEILINGS.write_text(json.dumps(new, indent=2) + "\n")
        print(f"wrote {CEILINGS}")
    elif failed:
        sys.exit("over budget: " + ", ".join(failed))


if __name__ == "__main__":
    main()
