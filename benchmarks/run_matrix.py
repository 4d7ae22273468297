"""Benchmark matrix: each kind of page and API answer, with the page cache on and off, against /healthz.

For each ``--projects`` count it recreates the database (migrate, the demo content, then
``generate_bulk_content`` up to that many projects), starts redis-server and gunicorn with the
production settings as ``benchmarks/load.py`` does, and for ``PAGE_CACHE=1`` and ``PAGE_CACHE=0`` drives
each endpoint with wrk for ``--duration`` seconds, interleaved with /healthz (the trivial view: what
the server, the middleware and the machine give right now, which on a shared machine moves). It
prints a markdown table of req/s, p50 and p99 and the ratio of req/s to the /healthz run just before.

    apt-get install wrk      # the load generator
    .venv/bin/python benchmarks/run_matrix.py --projects 100 10000
    .venv/bin/python benchmarks/run_matrix.py --projects 100 --duration 3 --connections 8   # a quick look

The issue's setup (one pinned core each for gunicorn and wrk, 2 sync workers, the demo content
alone on SQLite, the Finnish pages):

    .venv/bin/python benchmarks/run_matrix.py --database sqlite --projects 0 --worker-class sync \
        --workers 2 --pin --language fi --connections 16
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import BASE_DIR, HOST, PYTHON, free_port, prepare, run, wait_for  # noqa: E402

URLS_SNIPPET = r"""
import json
from django.urls import reverse
from django.utils import translation
from projects.models import Project

project = Project.objects.published().order_by("pk").first()
with translation.override(LANGUAGE):
    out = {
        "home": reverse("website:home"),
        "project list": reverse("projects:list"),
        "project list, page 2": reverse("projects:list") + "?page=2",
        "project detail": project.get_absolute_url(),
        "search": reverse("website:search") + "?q=data",
        "API list": "/api/v1/projects/",
        "API detail": f"/api/v1/projects/{project.pk}/",
    }
print(json.dumps(out))
"""

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
# With --pin: gunicorn (and its workers) on one core, wrk on the other.
SERVER_CORE, CLIENT_CORE = "1", "0"


def wrk(url: str, *, duration: int, connections: int, headers: dict | None = None, pin: str = "") -> dict:
    command = [*(["taskset", "-c", pin] if pin else [])]
    command += ["wrk", "-t1", f"-c{connections}", f"-d{max(int(duration), 1)}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    latency = {
        match.group(1): float(match.group(2)) * UNITS[match.group(3)]
        for match in re.finditer(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    }
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def prepare_sqlite(env: dict, path: Path) -> None:
    path.unlink(missing_ok=True)
    run(env, "migrate", "--noinput")
    run(env, "load_demo_content")
    run(env, "collectstatic", "--noinput")


def etag_of(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["ETag"]


def start_gunicorn(env: dict, port: int, args) -> subprocess.Popen:
    threads = ["--threads", str(args.threads)] if args.worker_class == "gthread" else []
    process = subprocess.Popen(
        [*(["taskset", "-c", SERVER_CORE] if args.pin else []),
         str(Path(PYTHON).parent / "gunicorn"), "finest.wsgi:application", "--bind", f"{HOST}:{port}",
         "--workers", str(args.workers), *threads, "--worker-class", args.worker_class,
         "--backlog", "2048", "--log-level", "warning"],
        cwd=BASE_DIR, env=env,
    )
    wait_for(port)
    return process


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def measure(env: dict, urls: dict, args) -> list[tuple[str, dict, dict]]:
    """(endpoint, its figures, the /healthz figures just before it)."""
    port = free_port()
    process = start_gunicorn(env, port, args)
    base = f"http://{HOST}:{port}"
    pin = CLIENT_CORE if args.pin else ""
    rows = []
    try:
        for path in urls.values():  # warm each process's first request and the caches
            wrk(base + path, duration=1, connections=2, pin=pin)
        endpoints = [(name, base + path, None) for name, path in urls.items()]
        endpoints.append(("API 304", base + urls["API list"], {"If-None-Match": etag_of(base + urls["API list"])}))
        if args.only:
            endpoints = [endpoint for endpoint in endpoints if endpoint[0] in args.only]
        for name, url, headers in endpoints:
            healthz = wrk(base + "/healthz", duration=args.duration, connections=args.connections, pin=pin)
            figures = wrk(url, duration=args.duration, connections=args.connections, headers=headers, pin=pin)
            rows.append((name, figures, healthz))
            print(f"  {name}: {figures['rps']:.0f} req/s (healthz {healthz['rps']:.0f})", flush=True)
    finally:
        stop(process)
    return rows


def table(results: list[tuple[int, str, list]]) -> str:
    lines = [
        "| projects | page cache | endpoint | req/s | p50 ms | p99 ms | ratio to /healthz |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for projects, mode, rows in results:
        for name, figures, healthz in rows:
            ratio = figures["rps"] / healthz["rps"] if healthz["rps"] else 0
            errors = f" ({figures['errors']} errors)" if figures["errors"] else ""
            lines.append(
                f"| {projects} | {mode} | {name}{errors} | {figures['rps']:.0f} | {figures['p50'] or 0:.1f} | "
                f"{figures['p99'] or 0:.1f} | {ratio:.2f} |"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--threads", type=int, default=4, help="per worker, for gthread")
    parser.add_argument("--worker-class", choices=("gthread", "sync"), default="gthread")
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--pin", action="store_true", help="gunicorn on core 1, wrk on core 0 (taskset)")
    parser.add_argument("--language", choices=("fi", "sv", "en"), default="en", help="of the pages measured")
    parser.add_argument("--modes", nargs="+", choices=("on", "off"), default=["on", "off"], help="page cache on/off")
    parser.add_argument("--only", nargs="+", metavar="ENDPOINT", help='endpoints by name, e.g. "home" "API 304"')
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2

    admin_url = os.environ.get("POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    database_url = os.environ.get("DATABASE_URL_MATRIX", "postgres://postgres@127.0.0.1:5432/finest_matrix")
    workdir = Path(tempfile.mkdtemp(prefix="finest-matrix-"))
    if args.database == "sqlite":
        database_url = f"sqlite:///{workdir / 'matrix.sqlite3'}"
    redis_port = free_port()
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST", "TESTING"))},
        "DEBUG": "",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://{HOST}:{redis_port}/0",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(workdir / "static"),
        "VAR_DIR": str(workdir / "var"),
        "LOG_LEVEL": "WARNING",
        "API_THROTTLE_ANONYMOUS": "10000000/minute",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    redis = subprocess.Popen(
        ["redis-server", "--bind", HOST, "--port", str(redis_port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    results = []
    try:
        for projects in args.projects:
            print(f"preparing {projects} projects...", flush=True)
            if args.database == "sqlite":
                prepare_sqlite(env, workdir / "matrix.sqlite3")
            else:
                prepare(env, database_url.rsplit("/", 1)[1], admin_url)
            if projects:  # 0: the demo content alone
                run(env, "generate_bulk_content", f"--projects={projects}", f"--partners={max(projects // 5, 10)}",
                    f"--events={max(projects // 2, 10)}", f"--news={max(projects // 2, 10)}",
                    f"--pilots={max(projects // 5, 10)}")
            urls = json.loads(subprocess.run(
                [PYTHON, "manage.py", "shell", "-c", f"LANGUAGE = {args.language!r}\n" + URLS_SNIPPET], cwd=BASE_DIR, env=env, check=True,
                capture_output=True, text=True,
            ).stdout.strip().splitlines()[-1])
            for mode in args.modes:
                flag = "1" if mode == "on" else "0"
                print(f"{projects} projects, page cache {mode}:", flush=True)
                results.append((projects, mode, measure({**env, "PAGE_CACHE": flag}, urls, args)))
    finally:
        stop(redis)
        shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
