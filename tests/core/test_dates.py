"""Date ranges as each language writes them, through one helper (finest/core/dates.py, {% date_range %}):
an unspaced en dash between numeric dates or times, a spaced one between dates in words."""

from __future__ import annotations

import html as html_lib
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.template import Context, Template
from django.utils import translation

from finest.core.dates import date_range_html, date_range_text
from registrations import services
from tests.factories import EventFactory, PilotFactory, ProjectFactory
from tests.helpers import url, url_in
from tests.registrations.conftest import ANYONE
from tests.registrations.factories import RegistrationFactory

HELSINKI = ZoneInfo("Europe/Helsinki")
START, END = date(2019, 12, 1), date(2026, 11, 30)
PERIOD = {"fi": "1.12.2019–30.11.2026", "sv": "1.12.2019–30.11.2026", "en": "1 December 2019 – 30 November 2026"}


def text_of(page: str) -> str:
    page = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_period_of_dates(language):
    with translation.override(language):
        assert date_range_text(START, END) == PERIOD[language]
        assert text_of(date_range_html(START, END)) == PERIOD[language]


@pytest.mark.parametrize(
    ("language", "one_day", "several_days"),
    [
        ("fi", "1.12.2026 klo 9.00–16.30", "25.1.2023 klo 9.00 – 27.1.2023 klo 16.00"),
        ("sv", "1.12.2026 kl. 9.00–16.30", "25.1.2023 kl. 9.00 – 27.1.2023 kl. 16.00"),
        ("en", "1 December 2026, 09:00–16:30", "25 January 2023, 09:00 – 27 January 2023, 16:00"),
    ],
)
def test_times_within_one_day_and_across_days(language, one_day, several_days):
    with translation.override(language):
        assert date_range_text(datetime(2026, 12, 1, 9, tzinfo=HELSINKI), datetime(2026, 12, 1, 16, 30, tzinfo=HELSINKI),
                               times=True) == one_day
        assert date_range_text(datetime(2023, 1, 25, 9, tzinfo=HELSINKI), datetime(2023, 1, 27, 16, tzinfo=HELSINKI),
                               times=True) == several_days


@pytest.mark.parametrize(("language", "expected"), [("fi", "klo 10.00–10.45"), ("sv", "kl. 10.00–10.45"),
                                                    ("en", "10:00–10:45")])
def test_a_programme_slot_under_its_days_heading(language, expected):
    with translation.override(language):
        assert date_range_text(datetime(2023, 1, 25, 10, tzinfo=HELSINKI), datetime(2023, 1, 25, 10, 45, tzinfo=HELSINKI),
                               times="clock") == expected


def test_times_are_local_and_the_markup_keeps_the_machine_value():
    # 7.00 UTC is 9.00 in Helsinki in winter.
    start = datetime(2026, 12, 1, 7, tzinfo=ZoneInfo("UTC"))
    end = datetime(2026, 12, 1, 14, 30, tzinfo=ZoneInfo("UTC"))
    with translation.override("fi"):
        markup = date_range_html(start, end, times=True)
    assert markup == ('<time datetime="2026-12-01T09:00:00+02:00">1.12.2026 klo 9.00</time>–'
                      '<time datetime="2026-12-01T16:30:00+02:00">16.30</time>')


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", ("1.1.2025–", "–31.12.2025", "1.1.2025")),
     ("en", ("1 January 2025 –", "– 31 December 2025", "1 January 2025"))],
)
def test_open_ranges_and_one_day(language, expected):
    with translation.override(language):
        assert (date_range_text(date(2025, 1, 1), None), date_range_text(None, date(2025, 12, 31)),
                date_range_text(date(2025, 1, 1), date(2025, 1, 1))) == expected
    assert date_range_text(None, None) == "" and date_range_html(None, None) == ""


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_template_tag(language):
    template = Template("{% load dates %}{% date_range a b %}|{% date_range a b text=True %}|"
                        "{% date_range s e times='day' %}")
    context = Context({"a": START, "b": END, "s": datetime(2023, 1, 25, 9, tzinfo=HELSINKI),
                       "e": datetime(2023, 1, 27, 16, tzinfo=HELSINKI)})
    with translation.override(language):
        rendered = template.render(context)
    markup, text, event = rendered.split("|")
    assert text_of(markup) == text == PERIOD[language]
    # An event over several days lists its dates only.
    assert text_of(event) == {"fi": "25.1.2023–27.1.2023", "sv": "25.1.2023–27.1.2023",
                              "en": "25 January 2023 – 27 January 2023"}[language]


# The pages: every place a period is shown writes it the same way.

@pytest.fixture
def _frozen():
    with time_machine.travel(datetime(2026, 12, 4, 12, tzinfo=HELSINKI), tick=False):
        yield


@pytest.mark.django_db
@pytest.mark.usefixtures("_frozen")
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_project_and_pilot_pages(client, language):
    project = ProjectFactory(start_date=START, end_date=END, title_sv="Projekt", summary_sv="Sammanfattning.")
    pilot = PilotFactory(start_date=START, end_date=END, title_sv="Pilot", summary_sv="Om piloten.")
    for obj in (project, pilot):
        page = text_of(client.get(url_in(obj, language)).content.decode())
        assert PERIOD[language] in page
        # No other dash style for the same period on the page.
        wrong = {"fi": "1.12.2019 – 30.11.2026", "sv": "1.12.2019 – 30.11.2026",
                 "en": "1 December 2019–30 November 2026"}[language]
        assert wrong not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("_frozen")
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_event_over_several_days(client, language):
    event = EventFactory(title_sv="Konferens", start=datetime(2023, 1, 25, 9, tzinfo=HELSINKI),
                         end=datetime(2023, 1, 27, 16, tzinfo=HELSINKI))
    expected = {"fi": "25.1.2023–27.1.2023", "sv": "25.1.2023–27.1.2023", "en": "25 January 2023 – 27 January 2023"}
    assert expected[language] in text_of(client.get(url_in(event, language)).content.decode())


@pytest.mark.django_db
@pytest.mark.usefixtures("_frozen")
@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_project_timeline_description(client, language):
    ProjectFactory(start_date=START, end_date=END)
    page = client.get(url("projects:list", language)).content.decode()
    description = html_lib.unescape(re.search(r'<desc id="projects-timeline-desc">([^<]*)</desc>', page).group(1))
    assert PERIOD[language] in description


@pytest.mark.django_db
@pytest.mark.usefixtures("_frozen")
@pytest.mark.parametrize(("language", "expected"), [("fi", "10.12.2026 klo 9.00–16.00"), ("sv", "10.12.2026 kl. 9.00–16.00"),
                                                    ("en", "10 December 2026, 09:00–16:00")])
def test_the_registration_email(language, expected, django_capture_on_commit_callbacks):
    event = EventFactory(start=datetime(2026, 12, 10, 9, tzinfo=HELSINKI), end=datetime(2026, 12, 10, 16, tzinfo=HELSINKI))
    registration = RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        services.registrant_register(registration_id=registration.pk, name="Ada", email="ada@example.org",
                                     language=language, actor=ANYONE)
    assert expected in mail.outbox[-1].body
