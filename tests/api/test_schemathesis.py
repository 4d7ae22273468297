"""Schemathesis against the live schema with all its checks, anonymously, with a
partner's read key and with a write key: generated requests to every operation must
never get a 5xx, every response must match the schema, and what the schema says is
invalid must be rejected. Bounded (a few examples per operation) so the three runs
stay under three minutes together."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from applications.models import ApplicationsAPIGrant
from partners.services import api_key_create
from tests.factories import (
    ArticleFactory,
    EventFactory,
    KPIValueFactory,
    OpenCallFactory,
    ParticipationFactory,
    PilotFactory,
    SessionFactory,
)

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.fixture
def demo_content(transactional_db):
    participation = ParticipationFactory()
    event = EventFactory(organisers=[participation.partner])
    SessionFactory(event=event)
    pilot = PilotFactory(host=participation.partner)
    KPIValueFactory(kpi__pilot=pilot)
    OpenCallFactory()
    ArticleFactory()
    return participation.partner


def _run(url: str, *extra: str) -> subprocess.CompletedProcess:
    command = [
        str(SCHEMATHESIS), "run", f"{url}/api/v1/schema/?format=json",
        "--url", url,
        "--checks", "all",
        "--max-examples", "5",
        "--phases", "examples,fuzzing",
        "--request-timeout", "20",
        "--seed", "4",
        "--no-color",
        *extra,
    ]
    env = {**os.environ, "SCHEMATHESIS_TELEMETRY": "false"}
    return subprocess.run(command, capture_output=True, text=True, timeout=100, env=env, check=False)


@pytest.mark.schemathesis
@pytest.mark.parametrize("scope", [None, "read", "write"], ids=["anonymous", "read-key", "write-key"])
def test_live_schema_holds_for_generated_requests(live_server, demo_content, scope):
    extra = []
    if scope:
        key, raw = api_key_create(organisation=demo_content, name="schemathesis", scope=scope)
        if scope == "write":
            # With the applications scope, so that its endpoints answer something other than 403.
            ApplicationsAPIGrant.objects.create(key=key)
        extra = ["--header", f"X-API-Key: {raw}"]
    result = _run(live_server.url, *extra)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
