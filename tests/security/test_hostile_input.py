"""Hostile input never gives a 5xx: NUL, bad UTF-8, huge numbers, extreme time-zone offsets and
deep nesting in every public query parameter and form field.

The API's parameters come from its OpenAPI schema; the site's from the forms and links of every
page the URLconf serves. Each test collects every 5xx it meets and reports them all at once."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

from tests.factories import StaffUserFactory

# Raw (already percent-encoded) query values: the bytes reach Django exactly as a client sends them.
RAW_PAYLOADS = {
    "nul": "a%00b",
    "bad-utf8": "%C3%28%FF%FE",
    "huge": "9" * 20,
    "huge-negative": "-" + "9" * 20,
    "huge-float": "1e309",
    "offset-high": quote("2026-06-01T12:00:00+23:59"),
    "offset-low": quote("2026-06-01T12:00:00-23:59"),
    "calendar-edge": quote("0001-01-01T00:00:00+23:59"),
    "deep": "%5B" * 3000,
    "long": "x" * 5000,
}
FORM_PAYLOADS = {
    "nul": "a\x00b",
    "huge": "9" * 20,
    "long": "x" * 5000,
}
# The site's parameters are filters, pages and search terms; a page costs more than an API answer.
SITE_PAYLOADS = ("nul", "bad-utf8", "huge")


def server_errors(responses) -> list[str]:
    return [f"{label} -> {status}" for label, status in responses if status >= 500]


# --- the API -------------------------------------------------------------------------
UNIVERSAL = ("nul", "bad-utf8")
BY_TYPE = {
    "integer": ("huge", "huge-negative", "huge-float"),
    "boolean": ("huge",),
    "date-time": ("offset-high", "offset-low", "calendar-edge", "huge"),
    "date": ("calendar-edge", "huge"),
    "string": ("long", "huge", "calendar-edge"),
}


@functools.cache
def api_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def payloads_for(parameter: dict) -> tuple[str, ...]:
    schema = parameter.get("schema", {})
    kind = schema.get("format") if schema.get("format") in BY_TYPE else schema.get("type", "string")
    return UNIVERSAL + BY_TYPE.get(kind, BY_TYPE["string"])


@functools.cache
def api_operations() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """{path template: ((query parameter, its payloads), ...)} for every GET operation in the schema.
    A detail path's parameters (lang, include, format) are the same base code on every resource,
    so they are fuzzed on one detail path per resource family only once."""
    operations, seen_detail = {}, set()
    for path, item in api_schema()["paths"].items():
        if "get" not in item:
            continue
        parameters = [parameter for parameter in item["get"].get("parameters", []) if parameter["in"] == "query"]
        if "{" in path:
            parameters = [parameter for parameter in parameters if parameter["name"] not in seen_detail]
            seen_detail |= {parameter["name"] for parameter in parameters}
        operations[path] = tuple((parameter["name"], payloads_for(parameter)) for parameter in parameters)
    return operations


def concrete(path: str, value: str = "1") -> str:
    return re.sub(r"\{[^}]+\}", value, path)


def api_paths() -> list[str]:
    return sorted(api_operations())


@pytest.mark.django_db
@pytest.mark.parametrize("path", api_paths())
def test_every_api_query_parameter_survives_hostile_values(content, path):
    client = Client(raise_request_exception=False)
    responses = []
    for name, labels in api_operations()[path]:
        for label in labels:
            url = f"{concrete(path)}?{name}={RAW_PAYLOADS[label]}"
            responses.append((f"{name}={label}", client.get(url, HTTP_ACCEPT="application/json").status_code))
    assert server_errors(responses) == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", [path for path in api_paths() if "{" in path])
def test_every_api_path_parameter_survives_hostile_values(content, path):
    client = Client(raise_request_exception=False)
    responses = [(label, client.get(concrete(path, value)).status_code) for label, value in RAW_PAYLOADS.items()]
    assert server_errors(responses) == []


def writable_api_paths() -> list[str]:
    return sorted(path for path, item in api_schema()["paths"].items() if "post" in item or "patch" in item)


JSON_BODIES = {
    "deep-array": "[" * 100_000 + "]" * 100_000,
    "deep-object": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "nul-in-title": '{"title": {"fi": "a\\u0000b", "en": "a"}, "start": "2026-06-01T12:00:00Z"}',
    "nul-in-key": '{"ti\\u0000tle": "x"}',
    "offsets": '{"title": {"fi": "a"}, "start": "2026-06-01T12:00:00+23:59", "end": "0001-01-01T00:00:00+23:59"}',
    "huge-numbers": '{"title": {"fi": "a"}, "city": 99999999999999999999, "organisers": [1e309, -99999999999999999999]}',
    "bad-utf8": b'{"title": {"fi": "\xc3\x28\xff"}}',
    "not-json": "{'title':",
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", writable_api_paths())
def test_every_api_write_survives_hostile_bodies(writer, path):
    responses = []
    for label, body in JSON_BODIES.items():
        for method in ("post", "patch"):
            response = getattr(writer, method)(concrete(path), body, content_type="application/json")
            responses.append((f"{method} {label}", response.status_code))
            if response.status_code < 500 and response.status_code >= 400:
                assert response["Content-Type"].startswith("application/json"), (label, response.content[:200])
    assert server_errors(responses) == []


# --- the public site -----------------------------------------------------------------
class _FormsAndLinks(HTMLParser):
    """Every form field (with its form's action and method) and every same-site link's query parameters."""

    def __init__(self, page: str):
        super().__init__()
        self.page = page
        self.fields: set[tuple[str, str, str]] = set()
        self._form: tuple[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            action = urlsplit(attributes.get("action") or self.page).path or self.page
            self._form = (action, (attributes.get("method") or "get").lower())
        elif tag in {"input", "select", "textarea", "button"} and self._form and attributes.get("name"):
            if attributes["name"] != "csrfmiddlewaretoken":
                self.fields.add((*self._form, attributes["name"]))
        elif tag == "a" and attributes.get("href", "").startswith(("?", "/")):
            parts = urlsplit(attributes["href"])
            for name, _value in parse_qsl(parts.query, keep_blank_values=True):
                self.fields.add((parts.path or self.page, "get", name))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _plain_routes(patterns, prefix: str = ""):
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _plain_routes(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and "<" not in route and not route.startswith("^"):
            yield "/" + prefix + route


def site_pages(content) -> list[str]:
    with translation.override("fi"):
        routes = {route for route in _plain_routes(get_resolver().url_patterns) if route.startswith("/fi/")}
        details = {
            content["project"].get_absolute_url(), content["event"].get_absolute_url(),
            content["article"].get_absolute_url(), content["organisation"].get_absolute_url(),
        }
    return sorted(routes | details)


def _one_per_view(fields: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """A parameter read by one view is fuzzed on one of its pages: list pages repeat their links' parameters."""
    chosen: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for action, method, name in sorted(fields):
        view = resolve(action).func
        chosen.setdefault((getattr(view, "__qualname__", repr(view)), method, name), (action, method, name))
    return set(chosen.values())


@pytest.mark.django_db
def test_every_site_form_field_and_link_parameter_survives_hostile_values(content):
    client = Client(raise_request_exception=False)
    fields: set[tuple[str, str, str]] = set()
    for page in site_pages(content):
        response = client.get(page)
        assert response.status_code < 500, page
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            parser = _FormsAndLinks(page)
            parser.feed(response.content.decode())
            fields |= parser.fields
            if any(action == page and method == "get" for action, method, _name in parser.fields):
                # A filtered list pages its results; with few rows there is no link to the next page.
                fields.add((page, "get", "page"))
    assert any(method == "post" for _action, method, _name in fields)
    fields = _one_per_view(fields)
    responses = []
    for action, method, name in sorted(fields):
        if method == "get":
            for label in SITE_PAYLOADS:
                value = RAW_PAYLOADS[label]
                responses.append((f"GET {action} {name}={label}", client.get(f"{action}?{name}={value}").status_code))
        else:
            for label, value in FORM_PAYLOADS.items():
                status = client.post(action, {name: value, "email": "fuzz@example.org", "consent": "on"}).status_code
                responses.append((f"POST {action} {name}={label}", status))
            raw = client.post(action, f"{name}=%C3%28%FF", content_type="application/x-www-form-urlencoded")
            responses.append((f"POST {action} {name}=bad-utf8", raw.status_code))
    assert server_errors(responses) == []


@pytest.mark.django_db
def test_hostile_paths_on_the_site(client):
    client.raise_request_exception = False
    paths = [
        "/fi/%00/", "/fi/projektit/%00/", "/%C3%28/", "/static/../finest/settings.py", "/media/../finest/settings.py",
        "/fi/" + "x" * 5000 + "/",
    ]
    assert server_errors([(path, client.get(path).status_code) for path in paths]) == []


@pytest.mark.django_db
def test_the_admin_search_and_autocomplete_survive_hostile_values(client):
    client.force_login(StaffUserFactory())
    client.raise_request_exception = False
    urls = [reverse("admin:events_event_changelist"), reverse("admin:projects_project_changelist"), reverse("admin:autocomplete")]
    extra = {"app_label": "events", "model_name": "event", "field_name": "city"}
    responses = [
        (f"{url} {label}", client.get(f"{url}?q={value}&term={value}&" + "&".join(f"{k}={v}" for k, v in extra.items())).status_code)
        for url in urls
        for label, value in RAW_PAYLOADS.items()
    ]
    assert server_errors(responses) == []
