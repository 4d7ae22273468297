"""CPU cost of one request in-process, through the whole WSGI stack (no server, no network):
the mean time per request of /healthz and of each page, and optionally a cProfile of a page.

    .venv/bin/python benchmarks/profile_request.py /fi/ /fi/projektit/            # cached and uncached
    .venv/bin/python benchmarks/profile_request.py /fi/ --cache off --profile 30  # the hot spots

Production settings (DEBUG off), the demo content on a SQLite file of its own (made on the first
run: migrate, load_demo_content, collectstatic), the local-memory cache. Steadier than wrk on a
shared machine, since it counts this process's CPU time only; never part of the test suite."""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WORKDIR = Path(tempfile.gettempdir()) / "finest-profile"


def environment(cache: str) -> dict:
    return {
        "DEBUG": "",
        "SECRET_KEY": os.environ.get("PROFILE_SECRET_KEY") or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{WORKDIR / 'profile.sqlite3'}",
        "REDIS_URL": "",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(WORKDIR / "static"),
        "VAR_DIR": str(WORKDIR / "var"),
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE": "1" if cache == "on" else "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def prepare(env: dict) -> None:
    if (WORKDIR / "profile.sqlite3").exists():
        return
    WORKDIR.mkdir(parents=True, exist_ok=True)
    child = {**os.environ, **env}
    for command in (["migrate", "--noinput"], ["load_demo_content"], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=BASE_DIR, env=child, check=True, stdout=subprocess.DEVNULL)


def wsgi_environ(path: str) -> dict:
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "HTTP_ACCEPT_LANGUAGE": "fi",
    }


def request(application, path: str) -> str:
    statuses = []
    body = application(wsgi_environ(path), lambda status, headers, exc_info=None: statuses.append(status))
    for _chunk in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return statuses[0]


def mean_ms(application, path: str, seconds: float) -> tuple[float, str]:
    status = request(application, path)  # warm
    count, started = 0, time.process_time()
    while time.process_time() - started < seconds:
        request(application, path)
        count += 1
    return (time.process_time() - started) * 1000 / count, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--cache", choices=("on", "off", "both"), default="both")
    parser.add_argument("--seconds", type=float, default=3.0, help="of CPU per path")
    parser.add_argument("--profile", type=int, metavar="N", help="print the N costliest functions of each path")
    args = parser.parse_args()
    if os.environ.get("_PROFILE_CHILD") is None:
        modes = ("on", "off") if args.cache == "both" else (args.cache,)
        env = environment("on")
        prepare(env)
        for mode in modes:
            child = {**os.environ, **environment(mode), "SECRET_KEY": env["SECRET_KEY"], "_PROFILE_CHILD": mode}
            subprocess.run([sys.executable, __file__, *sys.argv[1:]], env=child, check=True)
        return 0

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finest.settings")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    mode = os.environ["_PROFILE_CHILD"]
    healthz, _status = mean_ms(application, "/healthz", args.seconds)
    print(f"page cache {mode}: /healthz {healthz:.3f} ms")
    for path in args.paths:
        cost, status = mean_ms(application, path, args.seconds)
        print(f"page cache {mode}: {path} {cost:.3f} ms ({status}), {1000 / cost:.0f}/s of CPU, ratio to /healthz {healthz / cost:.2f}")
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _round in range(20):
                request(application, path)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(args.profile)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
