#!/usr/bin/env python3
"""Latency of the CRM pages on a large data set, one client, sequential requests.

Measures the server-rendered list page (plain, filtered and sorted), search, and the
organization page with its overview and its timeline, and prints p50/p95/p99/max per scenario.
See bench/README.md for how to prepare the data set and run it.
"""
import argparse
import json
import random
import statistics
import time
import urllib.parse
import urllib.request

from aula_session import sign_in


def timed(op, url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    t = time.perf_counter()
    with op.open(req) as res:
        body = res.read()
        status = res.status
    ms = (time.perf_counter() - t) * 1000
    if status != 200:
        raise SystemExit(f"{url}: {status}")
    return ms, body


def pct(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="http://127.0.0.1:3000")
    ap.add_argument("--email", default="marta.iglesias@aula.example")
    ap.add_argument("--password", required=True)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--organizations", type=int, default=100_000, help="ids to pick from")
    args = ap.parse_args()
    op, _ = sign_in(args.base, args.email, args.password)
    rnd = random.Random(7)
    places = ["urola", "bidasoa", "deba", "oria", "zadorra", "nervion", "ebro", "aralar", "gorbea", "baztan"]
    prefixes = ["talleres", "graficas", "clinica", "hotel", "libreria", "cooperativa", "academia"]

    def search_term():
        kind = rnd.randrange(5)
        if kind == 0:
            return f"{rnd.choice(prefixes)} {rnd.choice(places)}"
        if kind == 1:
            return str(rnd.randrange(args.organizations))
        if kind == 2:
            return f"info{rnd.randrange(1, args.organizations)}@"
        if kind == 3:
            return f"9{rnd.randrange(10**7, 10**8)}"[:6]
        return rnd.choice(places).upper()

    scenarios = {
        "list page (SSR), name order": lambda: f"/clients?page={rnd.randrange(1, 200)}",
        "list page (SSR), status filter, newest first": lambda: f"/clients?status=client&sort=-created&page={rnd.randrange(1, 100)}",
        "search (SSR list page)": lambda: "/clients?q=" + urllib.parse.quote(search_term()),
        "organization page (overview)": lambda: f"/clients/{rnd.randrange(2, args.organizations)}",
        "organization page (timeline)": lambda: f"/clients/{rnd.randrange(2, args.organizations)}?tab=timeline",
        "organization with 100k interactions (timeline)": lambda: "/clients/1?tab=timeline",
    }
    print(f"| scenario | n | p50 ms | p95 ms | p99 ms | max ms |")
    print(f"|---|---|---|---|---|---|")
    for name, path in scenarios.items():
        for _ in range(5):
            timed(op, args.base + path())
        times = [timed(op, args.base + path())[0] for _ in range(args.requests)]
        print(f"| {name} | {len(times)} | {statistics.median(times):.1f} | {pct(times, 95):.1f} | {pct(times, 99):.1f} | {max(times):.1f} |")


if __name__ == "__main__":
    main()
