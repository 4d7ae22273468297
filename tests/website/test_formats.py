"""Dates, times and money as each language writes them (finest/formats, finest/core/money.py):
en-GB "1 December 2026" and "€6.3 million", Finland-Swedish "kl. 9.00", Finnish "1.12.2026" and
"klo 9.00"; one shortened unit per page; the admin takes the day first."""

from __future__ import annotations

import html as html_lib
import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib import admin
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import get_format

from events.models import Event
from finest.core import money
from projects.models import Project, ProjectKind
from tests.core.test_admin import form_data
from tests.factories import (
    ArticleFactory,
    EventFactory,
    FundingSourceFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    SessionFactory,
)
from tests.helpers import LANGUAGES, assert_page_in_language, url_in

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NBSP = "\xa0"


@pytest.fixture(autouse=True)
def _frozen_clock():
    # Every page below is rendered on 1 June 2026, so the event is upcoming whatever the real date.
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=HELSINKI), tick=False):
        yield


def visible_text(page: str) -> str:
    """The page's text without tags: "<time>9.00</time>–<time>10.30</time>" reads "9.00–10.30".
    Scripts go too: JSON-LD keeps ISO dates, as it must."""
    page = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "", page))


def get_text(client, obj, language) -> str:
    return visible_text(assert_page_in_language(client.get(url_in(obj, language)), language))


@pytest.fixture
def event():
    event = EventFactory(
        title_sv="Seminarium", start=datetime(2026, 12, 1, 9, 0, tzinfo=HELSINKI), end=datetime(2026, 12, 1, 17, 0, tzinfo=HELSINKI)
    )
    SessionFactory(event=event, start=event.start, end=datetime(2026, 12, 1, 10, 30, tzinfo=HELSINKI))
    return event


@pytest.mark.parametrize(
    ("language", "when", "session"),
    [
        ("fi", "1.12.2026 klo 9.00–17.00", "klo 9.00–10.30"),
        ("sv", "1.12.2026 kl. 9.00–17.00", "kl. 9.00–10.30"),
        ("en", "1 December 2026, 09:00–17:00", "09:00–10:30"),
    ],
)
def test_event_page_dates_and_times(client, event, language, when, session):
    text = get_text(client, event, language)
    assert when in text
    assert session in text


def test_no_us_or_sweden_formats_on_english_and_swedish_pages(client, event):
    english = get_text(client, event, "en")
    assert "Dec." not in english and "a.m." not in english and "12/01/2026" not in english
    swedish = get_text(client, event, "sv")
    assert "09:00" not in swedish and "2026-12-01" not in swedish


@pytest.mark.parametrize(("language", "expected"), [("fi", "20.5.2026"), ("sv", "20.5.2026"), ("en", "20 May 2026")])
def test_news_date(client, language, expected):
    article = ArticleFactory(title_sv="Nyhet", published_at=datetime(2026, 5, 20, 10, 0, tzinfo=HELSINKI))
    assert expected in get_text(client, article, language)


@pytest.fixture
def project():
    """6,3 M€ in all; one partner with 1,67 M€ and one with 0,3 M€, which must not become "300 t€"."""
    project = ProjectFactory(title_sv="Projekt", total_budget=Decimal("6300000"), start_date=date(2019, 12, 1), end_date=date(2026, 11, 30))
    ParticipationFactory(project=project, partner=PartnerFactory(name_sv="Forum Virium"), budget_share=Decimal("1670000"))
    ParticipationFactory(project=project, partner=PartnerFactory(name_sv="Tallinn"), budget_share=Decimal("300000"))
    FundingSourceFactory(project=project, funder_name_sv="Horisont 2020", amount=Decimal("6300000"))
    return project


@pytest.mark.parametrize(
    ("language", "present", "absent"),
    [
        (
            "fi",
            ["1.12.2019", "30.11.2026", "1,67 M€ / 6,3 M€", "0,3 M€ / 6,3 M€", "6 300 000 €", "0,3 M€ (4,8 %)"],
            ["t€", "k€", "joulukuuta"],
        ),
        ("sv", ["1.12.2019", "1,67 M€ av 6,3 M€", "0,3 M€ av 6,3 M€", "6 300 000 €", "0,3 M€ (4,8 %)"], ["t€", "k€", "2019-12-01"]),
        (
            "en",
            [
                "1 December 2019",
                "30 November 2026",
                "€1.67 million of €6.3 million",
                "€0.3 million of €6.3 million",
                "€6,300,000",
                "€0.3 million (4.8%)",
            ],
            ["M€", "€300k", "6,300,000 €", "Dec. 1"],
        ),
    ],
)
def test_project_page_money_in_one_unit(client, project, language, present, absent):
    text = get_text(client, project, language).replace(NBSP, " ")
    for expected in present:
        assert expected in text
    for unexpected in absent:
        assert unexpected not in text


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load money %}" + source).render(Context(context))


LIST = "{% money_unit amounts as unit %}{% for a in amounts %}{{ a|eur:unit }};{% endfor %}"


@pytest.mark.parametrize(
    ("language", "amounts", "expected"),
    [
        # The largest amount picks the unit for all of them.
        ("fi", [Decimal("6300000"), Decimal("300000")], "6,3 M€;0,3 M€;"),
        ("fi", [Decimal("300000"), Decimal("20000")], "300 t€;20 t€;"),
        ("sv", [Decimal("300000"), Decimal("20000")], "300 k€;20 k€;"),
        ("en", [Decimal("6300000"), Decimal("300000")], "€6.3 million;€0.3 million;"),
        ("en", [Decimal("300000"), Decimal("20000")], "€300k;€20k;"),
        ("en", [Decimal("950"), Decimal("12.5")], "€950;€13;"),
    ],
)
def test_the_filter_uses_one_unit_for_a_list(language, amounts, expected):
    assert render(LIST, language, amounts=amounts).replace(NBSP, " ") == expected


def test_unit_choice():
    assert money.money_unit([Decimal("999999"), Decimal("1000000")]) == money.MILLION
    assert money.money_unit([Decimal("999999"), None, "not a number"]) == money.THOUSAND
    assert money.money_unit([Decimal("-2000000")]) == money.MILLION
    assert money.money_unit([]) == money.EURO
    # An amount too small for two decimals keeps more, rather than showing "0 M€".
    with translation.override("fi"):
        assert money.format_eur_in(Decimal("4000"), money.MILLION) == f"0,004{NBSP}M€"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "6 300 000 € 12,50 € -5 €"), ("sv", "6 300 000 € 12,50 € -5 €"), ("en", "€6,300,000 €12.50 -€5")],
)
def test_exact_amounts(language, expected):
    source = "{{ a|eur }} {{ b|eur }} {{ c|eur }}"
    assert render(source, language, a=Decimal("6300000"), b=Decimal("12.5"), c=-5).replace(NBSP, " ") == expected


@pytest.mark.parametrize("value", [None, "", "abc", "NaN", object()])
def test_the_filter_never_fails_on_bad_input(value):
    assert render("[{{ v|eur }}][{{ v|eur:'M' }}]", "fi", v=value) == "[][]"


def test_english_key_figures_and_shortened_amounts_agree():
    # The home page's hand-written key figures ("€6.3 million") read as the filter writes them.
    assert render("{{ a|eur:'M' }}", "en", a=Decimal("6300000")) == f"€6.3{NBSP}million"


# The admin: dates typed the way each language writes them, and shown back the same way.

ADD_URL = reverse("admin:projects_project_add")


def test_finnish_admin_accepts_day_first_dates(staff_client):
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fi"
    page = staff_client.get(ADD_URL)
    data = form_data(page)
    data.update(
        {
            "title_fi": "Uusi hanke",
            "kind": ProjectKind.RESEARCH_INNOVATION,
            "state": "draft",
            "start_date": "1.1.2026",
            "end_date": "31.12.2027",
        }
    )
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    project = Project.objects.get(title_fi="Uusi hanke")
    assert (project.start_date, project.end_date) == (date(2026, 1, 1), date(2027, 12, 31))


@pytest.mark.parametrize(("language", "shown"), [("fi", "01.12.2019"), ("sv", "01.12.2019"), ("en", "01/12/2019")])
def test_admin_date_widgets_show_the_languages_format(staff_client, language, shown):
    project = ProjectFactory(start_date=date(2019, 12, 1))
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    page = staff_client.get(reverse("admin:projects_project_change", args=(project.pk,))).content.decode()
    assert re.search(rf'name="start_date"[^>]*value="{re.escape(shown)}"|value="{re.escape(shown)}"[^>]*name="start_date"', page)
    # The admin's calendar writes the first input format, which the JavaScript catalogue carries.
    catalogue = staff_client.get(reverse("admin:jsi18n")).content.decode()
    first = {"fi": "%d.%m.%Y", "sv": "%d.%m.%Y", "en": "%d/%m/%Y"}[language]
    assert re.search(r'"DATE_INPUT_FORMATS": \[\s*"' + re.escape(first) + '"', catalogue)


def admin_field(model, name):
    return admin.site._registry[model].formfield_for_dbfield(model._meta.get_field(name), request=None)


@pytest.mark.parametrize(
    ("language", "typed"),
    [("fi", "1.1.2026"), ("sv", "1.1.2026"), ("en", "1/1/2026"), ("en", "1 January 2026"), ("en", "01/01/26")],
)
def test_admin_date_field_reads_the_day_first(language, typed):
    with translation.override(language):
        assert admin_field(Project, "start_date").clean(typed) == date(2026, 1, 1)


@pytest.mark.parametrize(
    ("language", "typed"),
    [("fi", ["1.2.2026", "9.00"]), ("sv", ["1.2.2026", "9.00"]), ("en", ["1/2/2026", "09:00"])],
)
def test_admin_date_time_fields_read_the_day_first(language, typed):
    with translation.override(language):
        assert admin_field(Event, "start").clean(typed) == datetime(2026, 2, 1, 9, 0, tzinfo=HELSINKI)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_defines_the_clock_format(language):
    # Django hands an unknown format name back unchanged, which would print "CLOCK_TIME_FORMAT" letter by letter.
    with translation.override(language):
        assert get_format("CLOCK_TIME_FORMAT") != "CLOCK_TIME_FORMAT"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", f"26,5{NBSP}% 100{NBSP}%"), ("sv", f"26,5{NBSP}% 100{NBSP}%"), ("en", "26.5% 100%")],
)
def test_percentages_per_language(language, expected):
    assert render("{{ a|percent:1 }} {{ b|percent }}", language, a=Decimal("26.46"), b=100) == expected


def test_the_percent_filter_never_fails_on_bad_input():
    assert render("[{{ v|percent }}][{{ 5|percent:'x' }}]", "en", v="abc") == "[][5%]"


def test_english_project_page_writes_percent_signs_unspaced(client, project):
    page = html_lib.unescape(client.get(url_in(project, "en")).content.decode())
    assert re.search(r"\d%", page)
    found = re.search(r".{120}\d[ \xa0]%.{40}", page, re.DOTALL)
    assert found is None, found.group(0)
