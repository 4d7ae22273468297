"""Benchmark: send one newsletter issue to many subscribers and report messages per
second per worker process and each worker's peak RSS. Not part of the test suite.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/finest_bench \\
        .venv/bin/python benchmarks/newsletter_send.py --subscribers 100000 --workers 1 2

    .venv/bin/python benchmarks/newsletter_send.py --subscribers 1000 100000 --workers 1 2 --backend smtp

Each worker process runs the same loop a Celery worker runs for ``send_issue_batch``
(claim a batch under a lease, then per group of up to five messages: lock, render, send, mark
sent, commit). ``--backend memory`` (the default) builds the full MIME message and throws it
away, so SMTP latency is excluded; ``--backend smtp`` sends through the portal's SMTP backend to
a real SMTP server on loopback (aiosmtpd offering PIPELINING, in a process of its own, counting
what it accepts), one session per batch. The global send rate limit is off. Subscribers have
mixed languages and topics and the issue has a digest, so rendering is realistic.

Besides messages per second it reports, per message, the CPU time of each worker, of its
PostgreSQL backend and of the SMTP server: with one worker the three take turns, so where
CPUs are to spare the wall-clock rate is about one over their sum. ``--profile PREFIX`` writes
each worker's cProfile (CPU time) to ``PREFIX.<pid>``."""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def smtp_server() -> None:
    """The loopback SMTP server, in a process of its own so that it does not take CPU time from the
    worker processes' interpreter: prints its port, counts what it accepts until stdin closes, prints
    the count."""
    from tests.newsletter.smtp_sink import SmtpSink

    sink = SmtpSink(keep_messages=False)
    sink.start()
    cpu_before = time.process_time()
    print(sink.port, flush=True)
    sys.stdin.read()
    print(json.dumps({"accepted": sink.total(), "cpu_seconds": time.process_time() - cpu_before}), flush=True)
    sink.stop()


if __name__ == "__main__" and sys.argv[1:] == ["--smtp-server"]:
    smtp_server()
    sys.exit()

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finest.settings")
os.environ.setdefault("TESTING", "1")  # the development secret key without DEBUG's query log
os.environ.setdefault("EMAIL_BACKEND", "__main__.SerializingNullBackend")
os.environ["NEWSLETTER_SEND_RATE"] = "0"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.mail.backends.base import BaseEmailBackend  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from events.models import Event  # noqa: E402
from finest.core.models import FocusArea  # noqa: E402
from news.models import Article  # noqa: E402
from newsletter import services  # noqa: E402
from newsletter.models import Delivery, NewsletterIssue, Subscriber  # noqa: E402


class SerializingNullBackend(BaseEmailBackend):
    """Does everything an SMTP backend does before the network: builds the MIME bytes."""

    def send_messages(self, email_messages):
        for message in email_messages:
            message.message().as_bytes()
        return len(email_messages)


def peak_rss_mb() -> float:
    """This process's own peak RSS. ru_maxrss would also count the parent's pages at fork time
    (Linux carries the high-water mark across fork and exec), so read VmHWM where there is one."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def ensure_database() -> None:
    if not settings.IS_POSTGRES:
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/finest_bench")
    db = connection.settings_dict
    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"] or None,
                         dbname="postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{db["NAME"]}"')
    call_command("migrate", verbosity=0)


def ensure_focus_areas() -> None:
    for n in range(FocusArea.objects.count(), 5):
        FocusArea.objects.create(name_fi=f"Painopiste {n}", name_sv=f"Fokus {n}", name_en=f"Focus {n}", order=n)


def ensure_subscribers(count: int) -> None:
    areas = list(FocusArea.objects.order_by("pk").values_list("pk", flat=True))
    have = Subscriber.objects.filter(email__startswith="bench").count()
    if have == count:
        return
    Subscriber.objects.filter(email__startswith="bench").delete()
    through = Subscriber.focus_areas.through
    now = timezone.now()
    languages = ("fi", "sv", "en")
    chunk = 5000
    for start in range(0, count, chunk):
        created = Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=f"bench{n}@example.org", language=languages[n % 3], status="confirmed",
                    wants_events=bool(n % 2), confirmed_at=now, consent_at=now, consent_version="bench",
                )
                for n in range(start, min(start + chunk, count))
            ]
        )
        through.objects.bulk_create(
            [
                through(subscriber_id=subscriber.pk, focusarea_id=areas[(subscriber.pk + offset) % len(areas)])
                for subscriber in created
                for offset in range(subscriber.pk % 3)
            ]
        )


def ensure_content() -> None:
    Article.objects.filter(title_en__startswith="Bench").delete()
    Event.objects.filter(title_en__startswith="Bench").delete()
    areas = list(FocusArea.objects.all())
    published = timezone.now() - timedelta(days=1)
    for n in range(8):
        article = Article.objects.create(
            title_fi=f"Bench uutinen {n}", title_sv=f"Bench nyhet {n}", title_en=f"Bench news {n}",
            lead_fi="Ingressi " * 20, lead_en="Lead " * 20, state="published", published_at=published,
        )
        article.focus_areas.set([areas[n % len(areas)]])
    for n in range(3):
        start = timezone.now() + timedelta(days=10 + n)
        Event.objects.create(
            title_fi=f"Bench tapahtuma {n}", title_sv=f"Bench evenemang {n}", title_en=f"Bench event {n}",
            summary_fi="Kuvaus " * 20, kind="seminar", start=start, end=start + timedelta(hours=2),
            state="published", published_at=published,
        )


def new_issue() -> int:
    NewsletterIssue.objects.filter(subject_en__startswith="Benchmark").delete()
    issue = NewsletterIssue.objects.create(
        subject_fi="Benchmark FI", subject_sv="Benchmark SV", subject_en="Benchmark EN",
        body_fi="Tervetuloa.\n\n" + "Kappale. " * 40, body_sv="Välkommen.", body_en="Welcome.\n\n" + "Paragraph. " * 40,
    )
    return issue.pk


def prepare(issue_id: int) -> float:
    # The worker processes below do the sending; without REDIS_URL the start would run it in-process.
    services.issues.tasks.prepare_issue.delay_on_commit = lambda issue_id: None
    started = time.perf_counter()
    assert services.newsletter_issue_start(issue_id=issue_id, actor=None)
    while not services.newsletter_issue_prepare_chunk(issue_id=issue_id):
        pass
    return time.perf_counter() - started


def database_backend_cpu() -> float:
    """CPU seconds used so far by this worker's PostgreSQL backend process (it runs on this machine)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def worker(issue_id: int, profile: str | None = None) -> None:
    """One worker process: the loop of send_issue_batch until nothing is left to claim."""
    sent = 0
    backend_cpu_before = database_backend_cpu()
    profiler = None
    if profile:
        import cProfile

        # CPU time, not wall time: on a shared machine waiting for a CPU would drown everything else.
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
    cpu_before = time.process_time()
    started = time.perf_counter()
    while True:
        result = services.delivery_send_batch(issue_id=issue_id)
        sent += result.sent
        if not result.claimed:
            break
    elapsed = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(f"{profile}.{os.getpid()}")
    cpu = time.process_time() - cpu_before
    backend_cpu = database_backend_cpu() - backend_cpu_before
    report = {"sent": sent, "seconds": elapsed, "cpu_seconds": cpu, "database_cpu_seconds": backend_cpu}
    print(json.dumps({**report, "peak_rss_mb": round(peak_rss_mb(), 1)}))


def run(subscribers: int, workers: int, backend: str, profile: str | None = None) -> dict:
    ensure_subscribers(subscribers)
    issue_id = new_issue()
    prepare_seconds = prepare(issue_id)
    env = dict(os.environ)
    server = None
    if backend == "smtp":
        server = subprocess.Popen(
            [sys.executable, __file__, "--smtp-server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        port = server.stdout.readline().strip()
        env.update(EMAIL_BACKEND="finest.core.email.SMTPBackend", EMAIL_HOST="127.0.0.1", EMAIL_PORT=port)
    command = [sys.executable, __file__, "--worker", str(issue_id)] + (["--profile", profile] if profile else [])
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) for _n in range(workers)]
    results = [json.loads(proc.communicate()[0].strip().splitlines()[-1]) for proc in procs]
    accepted = server_cpu = None
    if server is not None:
        report = json.loads(server.communicate("")[0].strip().splitlines()[-1])
        accepted, server_cpu = report["accepted"], report["cpu_seconds"]
    issue = NewsletterIssue.objects.get(pk=issue_id)
    sent_rows = Delivery.objects.filter(issue_id=issue_id, status="sent").count()
    total = sum(r["sent"] for r in results)
    wall = max(r["seconds"] for r in results)
    return {
        "subscribers": subscribers,
        "workers": workers,
        "backend": backend,
        "smtp_accepted": accepted,
        "issue_status": issue.status,
        "sent": total,
        "sent_rows": sent_rows,
        "prepare_seconds": round(prepare_seconds, 1),
        "wall_seconds": round(wall, 1),
        "total_per_second": round(total / wall),
        "per_worker_per_second": [round(r["sent"] / r["seconds"]) for r in results],
        # Messages per second of the worker's own CPU time: what one worker does when it has a core to itself.
        "per_worker_per_cpu_second": [round(r["sent"] / r["cpu_seconds"]) for r in results],
        # The worker's PostgreSQL backend and the SMTP server (all workers') per message. With one worker
        # the three take turns (each waits for the others' answers), so on a machine with CPUs to spare
        # the wall-clock rate is about 1 / (the three per-message CPU times together).
        "database_cpu_ms_per_message": [round(1000 * r["database_cpu_seconds"] / r["sent"], 3) for r in results],
        "smtp_server_cpu_ms_per_message": round(1000 * server_cpu / total, 3) if server_cpu is not None else None,
        "worker_cpu_ms_per_message": [round(1000 * r["cpu_seconds"] / r["sent"], 3) for r in results],
        "load_average_after": round(os.getloadavg()[0], 1),
        "peak_rss_mb_per_worker": [r["peak_rss_mb"] for r in results],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, nargs="+", default=[100_000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument("--backend", choices=["memory", "smtp"], nargs="+", default=["memory"])
    parser.add_argument("--profile", metavar="PREFIX", help="write each worker's cProfile stats to PREFIX.<pid>")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.profile)
        return
    ensure_database()
    ensure_focus_areas()
    ensure_content()
    results = []
    for subscribers in args.subscribers:
        for backend in args.backend:
            for workers in args.workers:
                results.append(run(subscribers, workers, backend, args.profile))
            print(json.dumps(results[-1]), flush=True)
    out = BASE_DIR / "benchmarks" / "results" / f"newsletter-send-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"cpus": os.cpu_count(), "runs": results}, indent=2) + "\n")
    print(f"wrote {out.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
