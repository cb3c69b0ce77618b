"""Signing in to a running Aula for the benchmark scripts (crm_bench.py, bundle_budget.py,
lighthouse.sh): the login form, as a browser posts it."""
import http.cookiejar
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Keeps redirects as answers (a page that sends its visitor elsewhere is not a 200)."""

    def redirect_request(self, *args, **kwargs):
        return None


def opener(jar=None, follow_redirects=True):
    handlers = [] if follow_redirects else [NoRedirect()]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    return urllib.request.build_opener(*handlers)


def sign_in(base, email, password, follow_redirects=True):
    """An opener carrying the session of `email`, and its cookie jar; exits if sign-in fails."""
    jar = http.cookiejar.CookieJar()
    data = urllib.parse.urlencode({"email": email, "password": password, "next": "/"}).encode()
    req = urllib.request.Request(base + "/auth/login", data=data, headers={"Origin": base}, method="POST")
    try:
        opener(jar, follow_redirects=False).open(req, timeout=30).read()
    except urllib.error.HTTPError as e:
        if e.code != 303:
            raise SystemExit(f"sign-in failed: HTTP {e.code}")
    if not any(c.name == "aula_session" for c in jar):
        raise SystemExit("sign-in failed")
    return opener(jar, follow_redirects), jar


if __name__ == "__main__":
    # `python3 bench/aula_session.py BASE EMAIL PASSWORD`: prints a Cookie header for that session.
    import sys

    _, jar = sign_in(*sys.argv[1:4])
    print("; ".join(f"{c.name}={c.value}" for c in jar))
