"""Load test: the production settings under gunicorn against PostgreSQL, driven over loopback.

    .venv/bin/python benchmarks/load.py [--duration 60] [--concurrency 50] [--workers N]

What it does, all on 127.0.0.1:
1. (re)creates the PostgreSQL database `finest_load` (DATABASE_URL_LOAD overrides), migrates it,
   loads the demo content and collects static files with the production (hashed, compressed) storage;
2. starts its own redis-server on a spare port (cache and broker, as in production) and gunicorn with
   DEBUG off and a throwaway SECRET_KEY;
3. drives a mix of home, lists, details, search and API requests for --duration seconds with
   --concurrency connections at once (an asyncio client, one connection per request as browsers
   behind a proxy see gunicorn), and records requests per second, p50/p90/p99 latency and errors;
4. writes benchmarks/results/load-<time>.json and prints a summary. The exit status is 1 on any error.

It is never part of the test suite."""

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"

# Weights of the request mix: what visitors and partner systems do most.
MIX = {"home": 15, "list": 25, "detail": 30, "search": 10, "api_list": 12, "api_detail": 8}

URLS_SNIPPET = r"""
import json
from django.urls import reverse
from django.utils import translation
from projects.models import Project
from partners.models import Partner
from events.models import Event
from news.models import Article
from living_lab.models import Pilot

out = {"home": [], "list": [], "detail": [], "search": [], "api_list": [], "api_detail": []}
for language in ("fi", "sv", "en"):
    with translation.override(language):
        out["home"].append(reverse("website:home"))
        for name in ("projects:list", "partners:list", "events:list", "news:list", "living_lab:pilot-list"):
            try:
                out["list"].append(reverse(name))
            except Exception:
                pass
        for model in (Project, Partner, Event, Article, Pilot):
            for obj in model.objects.published()[:15]:
                out["detail"].append(obj.get_absolute_url())
        search = reverse("website:search")
        for term in ("data", "smart city", "Tallinn", "mobility", "energia", "digital twin"):
            out["search"].append(search + "?q=" + term.replace(" ", "+"))
for resource in ("projects", "partners", "events", "news", "pilots", "focus-areas", "cities"):
    out["api_list"].append(f"/api/v1/{resource}/")
out["api_list"] += ["/api/v1/projects/?q=data", "/api/v1/events/?page_size=50", "/api/v1/news/?language=en"]
for resource, model in (("projects", Project), ("events", Event), ("news", Article), ("partners", Partner)):
    for obj in model.objects.published()[:10]:
        out["api_detail"].append(f"/api/v1/{resource}/{obj.pk}/")
print(json.dumps(out))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def run(env, *args, quiet=True):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def prepare(env, database: str, admin_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    run(env, "migrate", "--noinput")
    run(env, "load_demo_content")
    run(env, "collectstatic", "--noinput")


def wait_for(port: int, path: str = "/healthz", timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port}")


async def fetch(port: int, path: str) -> int:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept-Language: fi\r\nAccept-Encoding: gzip\r\n"
            "User-Agent: finest-load\r\nConnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        status_line = await reader.readline()
        while await reader.read(65536):
            pass
        return int(status_line.split()[1])
    finally:
        writer.close()


async def drive(port: int, urls: dict, duration: float, concurrency: int) -> dict:
    kinds = [kind for kind in MIX if urls.get(kind)]
    weights = [MIX[kind] for kind in kinds]
    samples: dict[str, list[float]] = {kind: [] for kind in kinds}
    errors: list[dict] = []
    rng = random.Random(6)
    stop_at = time.monotonic() + duration

    async def user():
        while time.monotonic() < stop_at:
            kind = rng.choices(kinds, weights)[0]
            path = rng.choice(urls[kind])
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(fetch(port, path), timeout=30)
            except (OSError, TimeoutError, ValueError, IndexError) as error:
                errors.append({"path": path, "error": type(error).__name__})
                continue
            elapsed = time.perf_counter() - started
            if status >= 400:
                errors.append({"path": path, "status": status})
            else:
                samples[kind].append(elapsed)

    started = time.monotonic()
    await asyncio.gather(*(user() for _ in range(concurrency)))
    wall = time.monotonic() - started
    return {"wall": wall, "samples": samples, "errors": errors}


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summarise(result: dict, args, workers: int) -> dict:
    all_samples = [value for values in result["samples"].values() for value in values]
    total = len(all_samples) + len(result["errors"])
    ms = lambda seconds: round(seconds * 1000, 1)  # noqa: E731
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_s": round(result["wall"], 1),
        "concurrency": args.concurrency,
        "gunicorn": {"workers": workers, "threads": args.threads, "worker_class": "gthread"},
        "cpus": os.cpu_count(),
        # The machine's load during the run: on a shared machine other work competes for the same CPUs.
        "load_average_1m": round(os.getloadavg()[0], 1),
        "requests": total,
        "errors": len(result["errors"]),
        "error_examples": result["errors"][:10],
        "requests_per_second": round(total / result["wall"], 1),
        "latency_ms": {
            "p50": ms(percentile(all_samples, 0.50)),
            "p90": ms(percentile(all_samples, 0.90)),
            "p99": ms(percentile(all_samples, 0.99)),
            "mean": ms(statistics.fmean(all_samples)) if all_samples else 0,
        },
        "by_kind": {
            kind: {"requests": len(values), "p50_ms": ms(percentile(values, 0.5)), "p99_ms": ms(percentile(values, 0.99))}
            for kind, values in result["samples"].items()
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--skip-prepare", action="store_true", help="reuse the database from the previous run")
    args = parser.parse_args()

    admin_url = os.environ.get("POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    database_url = os.environ.get("DATABASE_URL_LOAD", "postgres://postgres@127.0.0.1:5432/finest_load")
    database = database_url.rsplit("/", 1)[1]
    workdir = Path(tempfile.mkdtemp(prefix="finest-load-"))
    redis_port, web_port = free_port(), free_port()
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST", "TESTING"))},
        "DEBUG": "",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://{HOST}:{redis_port}/0",
        # Plain HTTP on loopback: the TLS redirect belongs to the proxy in front.
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(workdir / "static"),
        "VAR_DIR": str(workdir / "var"),
        "LOG_LEVEL": "WARNING",
        # All load comes from one address; the API's per-client throttle would answer 429.
        "API_THROTTLE_ANONYMOUS": "10000000/minute",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    processes: list[subprocess.Popen] = []
    try:
        processes.append(subprocess.Popen(
            ["redis-server", "--bind", HOST, "--port", str(redis_port), "--save", "", "--appendonly", "no",
             "--maxmemory-policy", "noeviction"],
            stdout=subprocess.DEVNULL,
        ))
        if args.skip_prepare:
            run(env, "collectstatic", "--noinput")
        else:
            print(f"preparing {database} (migrate, demo content, collectstatic)...", flush=True)
            prepare(env, database, admin_url)
        urls = json.loads(subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", URLS_SNIPPET], cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1])
        processes.append(subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "finest.wsgi:application", "--bind", f"{HOST}:{web_port}",
             "--workers", str(args.workers), "--threads", str(args.threads), "--worker-class", "gthread",
             "--backlog", "2048", "--log-level", "warning"],
            cwd=BASE_DIR, env=env,
        ))
        wait_for(web_port)
        print(f"gunicorn on {HOST}:{web_port}, {args.workers} workers x {args.threads} threads; "
              f"{sum(len(v) for v in urls.values())} URLs; warming up...", flush=True)
        asyncio.run(drive(web_port, urls, duration=5, concurrency=args.concurrency))
        print(f"driving for {args.duration:.0f} s at concurrency {args.concurrency}...", flush=True)
        result = asyncio.run(drive(web_port, urls, duration=args.duration, concurrency=args.concurrency))
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(workdir, ignore_errors=True)

    summary = summarise(result, args, args.workers)
    results_dir = BASE_DIR / "benchmarks" / "results"
    results_dir.mkdir(exist_ok=True)
    out = results_dir / f"load-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    out.write_text(json.dumps(summary, indent=1))
    print(json.dumps({key: summary[key] for key in ("requests", "errors", "requests_per_second", "latency_ms")}, indent=1))
    print(f"written to {out.relative_to(BASE_DIR)}")
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
