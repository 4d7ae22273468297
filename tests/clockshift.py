"""Runs a Python module as ``__main__`` with the test session's clock: ``python -m tests.clockshift celery -A finest worker``.

The session's clock is moved with ``--clock-shift-days`` (tests/conftest.py), which patches only the
test processes; a Celery worker or a server that a test starts must see the same "now"."""

import os
import runpy
import sys
from datetime import UTC, datetime, timedelta

import time_machine


def main() -> None:
    days = int(os.environ.get("FINEST_TEST_CLOCK_SHIFT_DAYS") or 0)
    if days:
        time_machine.travel(datetime.now(UTC) + timedelta(days=days), tick=True).start()
    module, sys.argv = sys.argv[1], sys.argv[1:]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
