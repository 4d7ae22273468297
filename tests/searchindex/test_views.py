"""The search page on the stored index: Finnish and Swedish inflections, folded
accents, title hits first, escaped and marked snippets, drafts never, and odd input
answered without a server error."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from finest.core.models import PublishState
from tests.factories import ArticleFactory, EventFactory, OpenCallFactory, PartnerFactory, PilotFactory, ProjectFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db


def _search(client, query, language="en"):
    response = client.get(url("website:search", language), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_finnish_genitive_finds_the_base_form(client):
    ProjectFactory(title_fi="Kestävä liikkuminen Helsingissä")
    html = _search(client, "liikkumisen", "fi")
    assert "Kestävä <mark>liikkuminen</mark> Helsingissä" in html


def test_swedish_genitive_plural_finds_the_city(client):
    ArticleFactory(title_sv="Nyheter", lead_sv="Två städer samarbetar kring staden och hamnen.")
    html = _search(client, "städernas", "sv")
    assert 'id="results-news"' in html
    assert "<mark>städer</mark>" in html
    assert "<mark>staden</mark>" in html


def test_a_name_without_its_accent_finds_it(client):
    ArticleFactory(title_en="Mayor Kõlvart visits Helsinki")
    html = _search(client, "Kolvart")
    assert "Mayor <mark>Kõlvart</mark> visits Helsinki" in html


def test_an_english_word_finds_each_type(client):
    ProjectFactory(title_en="Mobility hubs")
    PartnerFactory(name_en="Mobility Lab Oy")
    EventFactory(title_en="Mobility day")
    PilotFactory(title_en="Mobility pilot")
    OpenCallFactory(title_en="Mobility call")
    ArticleFactory(title_en="Mobility news")
    html = _search(client, "mobility")
    for key in ("projects", "partners", "events", "pilots", "calls", "news"):
        assert f'id="results-{key}"' in html


def test_title_hits_come_first(client):
    in_body = ProjectFactory(title_en="Harbour works", summary_en="Tram tram tram tram in the body only.")
    in_title = ProjectFactory(title_en="Tram line", summary_en="A new line.")
    html = _search(client, "tram")
    assert html.index(in_title.get_absolute_url()) < html.index(in_body.get_absolute_url())


def test_snippets_are_escaped_then_marked(client):
    ProjectFactory(
        title_en="Safe page",
        summary_en="Text about <script>alert(1)</script> and cycling routes.",
        body_en="<p>Use &lt;img src=x onerror=alert(1)&gt; for cycling.</p>",
    )
    html = _search(client, "cycling")
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and <mark>cycling</mark> routes" in html


def test_drafts_are_not_found(client):
    ProjectFactory(title_en="Hidden ferry plan", state=PublishState.DRAFT, published_at=None)
    assert "Hidden ferry plan" not in _search(client, "ferry")


def test_expired_items_leave_the_results_when_their_date_passes(client):
    now = timezone.now()
    ProjectFactory(title_en="Expiring ferry plan", unpublish_at=now + timedelta(hours=1))
    assert "Expiring <mark>ferry</mark> plan" in _search(client, "ferry")
    with time_machine.travel(now + timedelta(hours=2), tick=False):
        html = _search(client, "ferry")
    assert "Expiring" not in html


@pytest.mark.parametrize(
    "query", ["\x00", "%00", "a" * 5000, "' OR 1=1 --", '"unclosed', "*", "NEAR(", "title_terms : x", "ä ö å õ", "🙂"]
)
def test_odd_queries_are_answered(client, query):
    ProjectFactory(title_en="Anything")
    response = client.get(url("website:search", "en"), {"q": query})
    assert response.status_code in (200, 400)


def test_the_query_count_does_not_grow_with_the_results(client, django_assert_max_num_queries):
    def make(count):
        for number in range(count):
            ProjectFactory(title_en=f"Rail project {number}")
            EventFactory(title_en=f"Rail event {number}")
            ArticleFactory(title_en=f"Rail news {number}")
            PilotFactory(title_en=f"Rail pilot {number}")
            PartnerFactory(name_en=f"Rail partner {number}")
            OpenCallFactory(title_en=f"Rail call {number}")

    make(2)
    with django_assert_max_num_queries(12) as few:
        _search(client, "rail")
    make(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = _search(client, "rail")
    assert html.count("<mark>Rail</mark> project") == 20  # a page of the best, with the total beside them
    assert '<h2 id="results-projects">Projects <span class="muted">(27)</span></h2>' in html
