"""Schemathesis against the live schema with every check, as each kind of caller: anonymous
(reads are public), a read-scope key and a write-scope key. Generated requests must never get
a 5xx, the API must accept what the schema allows and refuse what it does not, and every response
must match the schema. schemathesis.toml (repo root) lets the write operations answer 400 to
bodies that break a rule between fields. Bounded (a few examples per operation, a fixed seed)
so each caller's run stays well under three minutes."""

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
CONFIG = Path(__file__).resolve().parents[2] / "schemathesis.toml"


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
        str(SCHEMATHESIS), "--config-file", str(CONFIG), "--no-color",
        "run", f"{url}/api/v1/schema/?format=json",
        "--url", url,
        "--checks", "all",
        "--max-examples", "10",
        # The coverage phase tries every boundary of every parameter (thousands of requests, several
        # minutes); run it by hand with --phases coverage after a change to the filters.
        "--phases", "examples,fuzzing,stateful",
        "--request-timeout", "20",
        "--seed", "4",
        *extra,
    ]
    env = {**os.environ, "SCHEMATHESIS_TELEMETRY": "false"}
    return subprocess.run(command, capture_output=True, text=True, timeout=175, env=env, check=False)


def _key_header(organisation, scope: str | None) -> tuple[str, ...]:
    if scope is None:
        return ()
    key, raw = api_key_create(organisation=organisation, name=f"schemathesis {scope}", scope=scope)
    # With the applications scope, so that its endpoints answer something other than 403.
    ApplicationsAPIGrant.objects.create(key=key)
    return ("--header", f"X-API-Key: {raw}")


@pytest.mark.schemathesis
@pytest.mark.parametrize("scope", [None, "read", "write"], ids=["anonymous", "read-key", "write-key"])
def test_live_schema_holds_for_generated_requests(live_server, demo_content, scope):
    result = _run(live_server.url, *_key_header(demo_content, scope))
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
