"""Every query a request runs, with PostgreSQL's EXPLAIN ANALYZE, and the request's time at concurrency 1.

Run it against a database with content (the demo content and ``generate_bulk_content``) to see
what grows with the rows: each query's plan is searched for sequential scans, sorts and
``COUNT(*)``, and the request's median time over ``--repeat`` runs in this process is printed
with its query count. The page cache is off, so every request renders.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/finest_x .venv/bin/python benchmarks/explain_requests.py
    … benchmarks/explain_requests.py --plans /fi/projektit/?page=400       # the whole plans of one URL
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finest.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["PAGE_CACHE"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from finest.core.models import FocusArea  # noqa: E402


def default_urls() -> list[str]:
    area = FocusArea.objects.order_by("pk").values_list("pk", flat=True).first()
    return [
        "/fi/projektit/",
        "/fi/projektit/?page=400",
        f"/fi/projektit/?area={area}",
        "/fi/projektit/?status=ongoing&page=100",
        "/fi/projektit/?q=energia",
        "/fi/haku/?q=energia",
        "/fi/haku/?q=liikkuminen+alusta",
        "/api/v1/projects/",
        "/api/v1/projects/?lang=fi&include=partners,focus_areas,cities",
        "/api/v1/projects/?ordering=title&page=200",
        "/api/v1/projects/?q=energy",
        "/api/v1/projects/?modified_since=2000-01-01T00:00:00Z",
        "/fi/tapahtumat/",
        "/fi/tapahtumat/?page=300",
        "/fi/uutiset/",
        "/fi/uutiset/?page=2000",
    ]


def flags(plan: str) -> list[str]:
    found = []
    for line in plan.splitlines():
        text = line.strip().lstrip("-> ")
        if text.startswith("Seq Scan on"):
            found.append("seq " + text.split()[3])
        elif text.startswith(("Sort ", "Incremental Sort")) and "rows=" in text:
            rows = text.split("rows=")[-1].split()[0]
            found.append(f"sort({rows})")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--plans", action="store_true", help="print every plan in full")
    args = parser.parse_args()
    client = Client()
    with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False):
        for url in args.urls or default_urls():
            client.get(url)  # warm
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            total_sql, notes = 0.0, []
            plans = []
            for query in captured.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, TIMING ON) " + sql)
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                took = float(plan.rsplit("Execution Time: ", 1)[-1].split()[0])
                total_sql += took
                found = flags(plan)
                if found:
                    notes.append(f"{took:.1f}ms " + ",".join(found))
                plans.append((took, sql, plan))
            print(f"{url}  {response.status_code}  median {statistics.median(times):.1f} ms  "
                  f"{len(captured.captured_queries)} queries, SQL {total_sql:.1f} ms")
            for note in notes:
                print("    " + note)
            if args.plans:
                for took, sql, plan in plans:
                    print(f"\n--- {took:.2f} ms\n{sql[:600]}\n{plan}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
