"""The OpenAPI schema validates without warnings, and the interactive docs load
their assets from this site only (no CDN), so CSP script-src 'self' holds."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_spectacular_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    for path in ("/api/v1/projects/", "/api/v1/events/{id}/", "/api/v1/pilots/{id}/kpi-values/", "/api/v1/cities/"):
        assert path in text
    assert "TranslationsRequest" in text or "Translations" in text
    assert "modified_since" in text and "PartnerAPIKey" in text


def test_schema_endpoint_serves_json(anon):
    response = anon.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    operation = schema["paths"]["/api/v1/events/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"lang", "include", "format", "modified_since", "cursor", "when", "start_after", "q", "ordering"} <= names
    assert {"200", "400", "401", "404", "429"} <= set(operation["responses"])
    assert {"201", "400", "401", "403", "413", "415"} <= set(schema["paths"]["/api/v1/events/"]["post"]["responses"])


def test_docs_use_local_assets_only(anon):
    response = anon.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert references
    assert not [ref for ref in references if re.match(r"^(https?:)?//", ref) and "testserver" not in ref]
    assert "<script>" not in html.replace(" ", "")  # no inline script: CSP script-src 'self'
    for ref in references:
        if ref.endswith(".js") or "script" in ref:
            path = ref.replace("&amp;", "&")
            if path.startswith("/static/"):
                assert finders.find(path.removeprefix("/static/")), path
            else:
                assert anon.get(path).status_code == 200, path
