"""Hostile input never gives a 5xx: NUL, bad UTF-8, huge numbers, extreme time-zone offsets and
deep nesting in every public query parameter and form field.

The API's parameters come from its OpenAPI schema; the site's from the forms and links of every
page the URLconf serves. Each test collects every 5xx it meets and reports them all at once."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

from applications.links import link_token, private_path
from newsletter.models import SubscriberStatus
from newsletter.tokens import CONFIRM as NEWSLETTER_CONFIRM
from newsletter.tokens import MANAGE as NEWSLETTER_MANAGE
from newsletter.tokens import make_token as newsletter_token
from registrations.models import RegistrantStatus
from registrations.tokens import CONFIRM as REGISTRATION_CONFIRM
from registrations.tokens import MANAGE as REGISTRATION_MANAGE
from registrations.tokens import make_token as registration_token
from tests.applications.factories import make_application, make_form
from tests.factories import (
    FocusAreaFactory,
    OpenCallFactory,
    PilotFactory,
    SessionFactory,
    SpeakerFactory,
    StaffUserFactory,
)
from tests.newsletter.factories import SubscriberFactory
from tests.registrations.factories import QuestionFactory, RegistrantFactory, RegistrationFactory

# Raw (already percent-encoded) query values: the bytes reach Django exactly as a client sends them.
RAW_PAYLOADS = {
    "nul": "a%00b",
    "bad-utf8": "%C3%28%FF%FE",
    "huge": "9" * 20,
    "huge-negative": "-" + "9" * 20,
    "huge-float": "1e309",
    "offset-high": quote("2026-06-01T12:00:00+23:59"),
    "offset-low": quote("2026-06-01T12:00:00-23:59"),
    "offset-extreme": quote("2026-06-01T12:00:00+99:00"),
    "calendar-edge": quote("0001-01-01T00:00:00+23:59"),
    "superscript": "%C2%B2",
    "deep": "%5B" * 3000,
    "long": "x" * 5000,
}
FORM_PAYLOADS = {
    "nul": "a\x00b",
    "huge": "9" * 20,
    "huge-negative": "-" + "9" * 20,
    "huge-float": "1e309",
    # A digit to str.isdigit() that int() refuses.
    "superscript": "\u00b2",
    "offset-extreme": "2026-06-01T12:00:00+99:00",
    "long": "x" * 5000,
}
# The site's parameters are filters, pages and search terms; a page costs more than an API answer.
SITE_PAYLOADS = ("nul", "bad-utf8", "huge", "superscript", "offset-extreme")


def server_errors(responses) -> str:
    """Every 5xx, one a line (an empty string when there is none)."""
    return "\n".join(f"{label[:200]} -> {status}" for label, status in responses if status >= 500)


# --- the API -------------------------------------------------------------------------
UNIVERSAL = ("nul", "bad-utf8")
BY_TYPE = {
    "integer": ("huge", "huge-negative", "huge-float", "superscript"),
    "boolean": ("huge",),
    "date-time": ("offset-high", "offset-low", "offset-extreme", "calendar-edge", "huge"),
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
    assert not (errors := server_errors(responses)), errors


@pytest.mark.django_db
@pytest.mark.parametrize("path", [path for path in api_paths() if "{" in path])
def test_every_api_path_parameter_survives_hostile_values(content, path):
    client = Client(raise_request_exception=False)
    responses = [(label, client.get(concrete(path, value)).status_code) for label, value in RAW_PAYLOADS.items()]
    assert not (errors := server_errors(responses)), errors


def writable_api_paths() -> list[str]:
    return sorted(path for path, item in api_schema()["paths"].items() if "post" in item or "patch" in item)


JSON_BODIES = {
    "deep-array": "[" * 100_000 + "]" * 100_000,
    "deep-object": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "nul-in-title": '{"title": {"fi": "a\\u0000b", "en": "a"}, "start": "2026-06-01T12:00:00Z"}',
    "nul-in-key": '{"ti\\u0000tle": "x"}',
    "offsets": '{"title": {"fi": "a"}, "start": "2026-06-01T12:00:00+23:59", "end": "0001-01-01T00:00:00+23:59"}',
    "offset-extreme": '{"title": {"fi": "a"}, "start": "2026-06-01T12:00:00+99:00", "end": "2026-06-01T12:00:00-99:00"}',
    "long-strings": '{"title": {"fi": "' + "x" * 100_000 + '"}, "kind": "' + "y" * 10_000 + '"}',
    "superscript-ids": '{"title": {"fi": "a"}, "city": "\u00b2", "organisers": ["\u00b2"], "kpi": "\u00b2"}',
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
    assert not (errors := server_errors(responses)), errors


# --- the public site -----------------------------------------------------------------
# The values a browser would send, by input type, so that a form posted with one hostile field
# and every other field valid reaches its service, not only its first "required" error.
PLAIN_VALUES = {"email": "fuzz@example.org", "number": "1", "date": "2026-06-01", "url": "https://example.org/", "tel": "+358401234567"}


class _FormsAndLinks(HTMLParser):
    """Every form (its action, method and the values a browser would post) and every same-site
    link's query parameters."""

    def __init__(self, page: str):
        super().__init__()
        self.page = page
        self.fields: set[tuple[str, str, str]] = set()
        self.defaults: dict[tuple[str, str], dict[str, str]] = {}
        self._form: tuple[str, str] | None = None
        self._select: str | None = None

    def _default(self, name: str, value: str) -> None:
        self.defaults.setdefault(self._form, {}).setdefault(name, value)

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        name = attributes.get("name")
        if tag == "form":
            action = urlsplit(attributes.get("action") or self.page).path or self.page
            self._form = (action, (attributes.get("method") or "get").lower())
            self.defaults.setdefault(self._form, {})
        elif tag in {"input", "select", "textarea", "button"} and self._form and name and name != "csrfmiddlewaretoken":
            self.fields.add((*self._form, name))
            kind = attributes.get("type", "text").lower()
            if tag == "select":
                self._select = name
            elif tag == "textarea":
                self._default(name, "Fuzz")
            elif tag == "input" and kind not in {"submit", "button", "image", "reset", "file"}:
                self._default(name, attributes.get("value") or ("on" if kind in {"checkbox", "radio"} else PLAIN_VALUES.get(kind, "Fuzz")))
        elif tag == "option" and self._select and attributes.get("value"):
            self._default(self._select, attributes["value"])
        elif tag == "a" and attributes.get("href", "").startswith(("?", "/")):
            parts = urlsplit(attributes["href"])
            for param, _value in parse_qsl(parts.query, keep_blank_values=True):
                self.fields.add((parts.path or self.page, "get", param))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _plain_routes(patterns, prefix: str = ""):
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _plain_routes(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and "<" not in route and not route.startswith("^"):
            yield "/" + prefix + route


@pytest.fixture
def site_content(content, settings, tmp_path):
    """Besides the main kinds: an event with a sign-up form, an open call taking applications, a
    pilot, a speaker, and the personal pages behind signed links (a subscriber's, a registrant's,
    an applicant's), so that every public form is on some page the crawler reaches."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.REGISTRATIONS_MIN_FORM_SECONDS = 0
    settings.NEWSLETTER_SIGNUPS_PER_IP = settings.REGISTRATIONS_SIGNUPS_PER_IP = 100_000
    # axes records every failed admin login (its username column is 255 characters).
    settings.AXES_ENABLED, settings.AXES_FAILURE_LIMIT = True, 100_000
    registration = RegistrationFactory(ask_organisation=True, ask_dietary=True, ask_accessibility=True, ask_consent_share=True)
    QuestionFactory(registration=registration)
    pending = RegistrantFactory(registration=registration, status=RegistrantStatus.PENDING, email_confirmed_at=None)
    registrant = RegistrantFactory(registration=registration)
    SessionFactory(event=registration.event).speakers.add(speaker := SpeakerFactory())
    call_form = make_form(call=OpenCallFactory())
    application = make_application(call_form, submitted=False)
    subscriber = SubscriberFactory(focus_areas=[FocusAreaFactory()])
    unconfirmed = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
    with translation.override("fi"):
        return [
            registration.event.get_absolute_url(), reverse("registrations:signup", args=[registration.pk]),
            reverse("registrations:confirm", args=[registration_token(pending, REGISTRATION_CONFIRM)]),
            reverse("registrations:manage", args=[registration_token(registrant, REGISTRATION_MANAGE)]),
            call_form.call.get_absolute_url(), reverse("applications:start", args=[call_form.call.pk]),
            private_path(application, "fi"), reverse("applications:withdraw", args=[link_token(application)]),
            PilotFactory().get_absolute_url(),
            reverse("events:speaker", args=[speaker.slug]),
            reverse("newsletter:confirm", args=[newsletter_token(unconfirmed, NEWSLETTER_CONFIRM)]),
            reverse("newsletter:preferences", args=[newsletter_token(subscriber, NEWSLETTER_MANAGE)]),
            reverse("newsletter:unsubscribe", args=[newsletter_token(subscriber, NEWSLETTER_MANAGE)]),
            reverse("admin:login"), reverse("applications:login"),
        ]


def site_pages(content, extra: list[str]) -> list[str]:
    with translation.override("fi"):
        routes = {route for route in _plain_routes(get_resolver().url_patterns) if route.startswith("/fi/")}
        details = {
            content["project"].get_absolute_url(), content["event"].get_absolute_url(),
            content["article"].get_absolute_url(), content["organisation"].get_absolute_url(),
            content["project"].cities.first().get_absolute_url() if content["project"].cities.exists() else "/fi/",
        }
    return sorted(routes | details | set(extra))


def _one_per_view(fields: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """A parameter read by one view is fuzzed on one of its pages: list pages repeat their links' parameters."""
    chosen: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for action, method, name in sorted(fields):
        view = resolve(action).func
        chosen.setdefault((getattr(view, "__qualname__", repr(view)), method, name), (action, method, name))
    return set(chosen.values())


@pytest.mark.django_db
def test_every_site_form_field_and_link_parameter_survives_hostile_values(content, site_content):
    client = Client(raise_request_exception=False)
    fields: set[tuple[str, str, str]] = set()
    defaults: dict[tuple[str, str], dict[str, str]] = {}
    for page in site_pages(content, site_content):
        response = client.get(page)
        assert response.status_code < 500, page
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            parser = _FormsAndLinks(page)
            parser.feed(response.content.decode())
            fields |= parser.fields
            for form, values in parser.defaults.items():
                defaults.setdefault(form, values)
            if any(action == page and method == "get" for action, method, _name in parser.fields):
                # A filtered list pages its results; with few rows there is no link to the next page.
                fields.add((page, "get", "page"))
    posted = {action for action, method in defaults if method == "post"}
    # The newsletter's (sign-up, confirm, preferences, unsubscribe), the registration's (sign-up,
    # confirm, cancel, erase), the applicant's (start, edit, withdraw) and the two logins.
    assert len(posted) >= 13, sorted(posted)
    fields = _one_per_view(fields)
    # A form with nothing to fill in (a confirm or unsubscribe button) is posted as it is.
    responses = [
        (f"POST {action}", client.post(action, values).status_code)
        for (action, method), values in sorted(defaults.items())
        if method == "post" and not any(field[:2] == (action, method) for field in fields)
    ]
    for action, method, name in sorted(fields):
        if method == "get":
            for label in SITE_PAYLOADS:
                value = RAW_PAYLOADS[label]
                responses.append((f"GET {action} {name}={label}", client.get(f"{action}?{name}={value}").status_code))
            continue
        base = defaults.get((action, method), {})
        for label, value in FORM_PAYLOADS.items():
            status = client.post(action, {**base, name: value}).status_code
            responses.append((f"POST {action} {name}={label}", status))
        raw = urlencode({**base, name: "-"}).replace(f"{quote_plus(name)}=-", f"{quote_plus(name)}=%C3%28%FF")
        status = client.post(action, raw, content_type="application/x-www-form-urlencoded").status_code
        responses.append((f"POST {action} {name}=bad-utf8", status))
    assert not (errors := server_errors(responses)), errors


def _parameterised_routes(patterns, prefix: str = ""):
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _parameterised_routes(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and "<" in route and not route.startswith("^"):
            yield "/" + prefix + route


# A path segment matches its converter or the URL is a 404; these reach the view.
SEGMENT_PAYLOADS = {"int": ("9" * 20, "0"), "uuid": ("ffffffff-ffff-ffff-ffff-ffffffffffff",)}
SEGMENT_TEXT = ("a%00b", "%C3%28%FF%FE", "9" * 20, "x" * 2000, "%C2%B2", "a:b:c", "eyJ4Ijox%00fQ:1a:b")


@pytest.mark.django_db
def test_every_site_path_parameter_survives_hostile_values(content):
    """Every route with a parameter (slugs, ids, the signed tokens of the personal links), with
    each hostile value in each place, by GET and by POST."""
    client = Client(raise_request_exception=False)
    with translation.override("fi"):
        routes = sorted({route for route in _parameterised_routes(get_resolver().url_patterns) if route.startswith(("/fi/", "/preview/"))})
    assert any("<str:token>" in route for route in routes)
    placeholder = re.compile(r"<(?:(\w+):)?\w+>")
    responses = []
    for route in routes:
        choices = [SEGMENT_PAYLOADS.get(kind or "str", SEGMENT_TEXT) for kind in placeholder.findall(route)]
        for index in range(max(len(values) for values in choices)):
            values = iter([values[index % len(values)] for values in choices])
            path = placeholder.sub(lambda _match, values=values: next(values), route)
            for method in ("get", "post"):
                responses.append((f"{method.upper()} {path[:120]}", getattr(client, method)(path).status_code))
    assert not (errors := server_errors(responses)), errors


@pytest.mark.django_db
def test_hostile_paths_on_the_site(client):
    client.raise_request_exception = False
    paths = [
        "/fi/%00/", "/fi/projektit/%00/", "/%C3%28/", "/static/../finest/settings.py", "/media/../finest/settings.py",
        "/fi/" + "x" * 5000 + "/",
    ]
    assert not (errors := server_errors([(path, client.get(path).status_code) for path in paths])), errors


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
    assert not (errors := server_errors(responses)), errors
