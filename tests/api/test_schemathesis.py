"""Schemathesis against the live schema: generated requests to every operation must
never get a 5xx, and every response must match the schema. Bounded (a few examples
per operation) so it stays well under three minutes."""

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
        "--checks", "not_a_server_error,response_schema_conformance,content_type_conformance",
        "--max-examples", "10",
        "--phases", "examples,fuzzing",
        "--request-timeout", "20",
        "--seed", "4",
        "--no-color",
        *extra,
    ]
    env = {**os.environ, "SCHEMATHESIS_TELEMETRY": "false"}
    return subprocess.run(command, capture_output=True, text=True, timeout=170, env=env, check=False)


@pytest.mark.schemathesis
def test_live_schema_holds_for_generated_requests(live_server, demo_content):
    key, raw = api_key_create(organisation=demo_content, name="schemathesis", scope="write")
    # With the applications scope, so that its endpoints answer something other than 403.
    ApplicationsAPIGrant.objects.create(key=key)
    result = _run(live_server.url, "--header", f"X-API-Key: {raw}")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
