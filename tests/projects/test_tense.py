"""A project's text follows its dates: it will run, runs or ran (issue 14, time-aware text)."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import ProjectFactory
from tests.helpers import url, url_in

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
START, END = date(2022, 9, 1), date(2024, 8, 31)
BEFORE, DURING, AFTER = (datetime(2022, 6, 1, 12, tzinfo=HELSINKI), datetime(2023, 6, 1, 12, tzinfo=HELSINKI),
                         datetime(2024, 9, 1, 12, tzinfo=HELSINKI))

EXPECTED = {
    # moment: (status, {language: the period sentence})
    "before": ("planned", {
        "fi": "Hanke alkaa 1.9.2022 ja päättyy 31.8.2024.",
        "sv": "Projektet inleds den 1.9.2022 och avslutas den 31.8.2024.",
        "en": "The project will run from",
    }),
    "during": ("ongoing", {
        "fi": "Hanke kestää 1.9.2022–31.8.2024.",
        "sv": "Projektet pågår från den 1.9.2022 till den 31.8.2024.",
        "en": "The project runs from",
    }),
    "after": ("completed", {
        "fi": "Hanke kesti 1.9.2022–31.8.2024.",
        "sv": "Projektet pågick från den 1.9.2022 till den 31.8.2024.",
        "en": "The project ran from",
    }),
}
MOMENTS = {"before": BEFORE, "during": DURING, "after": AFTER}
# Published before every moment the tests travel to.
PUBLISHED_AT = datetime(2022, 1, 3, 9, tzinfo=HELSINKI)


@pytest.fixture
def project():
    return ProjectFactory(
        start_date=START, end_date=END, published_at=PUBLISHED_AT, summary_sv="Sammanfattning.",
        results_fi="<p>Kolme kaupunkia otti mallin käyttöön.</p>", results_sv="<p>Tre städer tog i bruk modellen.</p>",
        results_en="<p>Three cities adopted the model.</p>",
    )


@pytest.mark.parametrize("moment", ["before", "during", "after"])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_detail_page_speaks_in_the_tense_of_its_dates(client, project, moment, language):
    status, sentences = EXPECTED[moment]
    with time_machine.travel(MOMENTS[moment], tick=False):
        assert project.status == status
        html = client.get(url_in(project, language)).content.decode()
    assert sentences[language] in html
    others = {s[language] for m, (_st, s) in EXPECTED.items() if m != moment}
    assert not any(other in html for other in others)
    # Results belong to a completed project only.
    assert ('id="project-results"' in html) is (moment == "after")


@pytest.mark.parametrize("moment", ["before", "during", "after"])
def test_project_card_in_the_list_uses_the_same_tense(client, project, moment):
    with time_machine.travel(MOMENTS[moment], tick=False):
        html = client.get(url("projects:list", "en")).content.decode()
    assert f'data-tense="{ {"before": "future", "during": "present", "after": "past"}[moment] }"' in html
    assert EXPECTED[moment][1]["en"] in html


def test_timeline_says_the_period_has_ended_or_not_started(client, project):
    with time_machine.travel(AFTER, tick=False):
        html = client.get(url_in(project, "en")).content.decode()
    assert "The project period has ended." in html and "% of the project period has passed" not in html
    with time_machine.travel(BEFORE, tick=False):
        html = client.get(url_in(project, "fi")).content.decode()
    assert "Hankekausi ei ole vielä alkanut." in html


def test_the_editors_status_decides_the_tense(client):
    project = ProjectFactory(start_date=START, end_date=None, status_override="completed", published_at=PUBLISHED_AT)
    with time_machine.travel(DURING, tick=False):
        html = client.get(url_in(project, "en")).content.decode()
    assert "The project started on" in html and "has ended." in html


@pytest.mark.parametrize(("moment", "sentence", "outcomes"), [
    (datetime(2019, 6, 1, 12, tzinfo=HELSINKI), "The project will run from", False),
    (datetime(2024, 6, 1, 12, tzinfo=HELSINKI), "The project runs from", False),
    (datetime(2026, 12, 4, 12, tzinfo=HELSINKI), "The project ran from", True),
])
def test_home_features_the_centre_in_the_tense_of_its_dates(client, moment, sentence, outcomes):
    ProjectFactory(
        featured=True, title_en="FinEst Twins – Smart City Centre of Excellence", summary_en="Building the Centre.",
        start_date=date(2019, 12, 1), end_date=date(2026, 11, 30), published_at=datetime(2019, 1, 2, tzinfo=HELSINKI),
        results_en="<p>The Centre continues its work.</p>",
    )
    with time_machine.travel(moment, tick=False):
        html = client.get("/en/").content.decode()
    centre = html[html.index('id="home-centre"'):]
    centre = centre[:centre.index("</section>")]
    assert sentence in centre
    assert ("<h4>Outcomes</h4>" in centre) is outcomes
    assert ("The Centre continues its work." in centre) is outcomes
    assert ("Building the Centre." in centre) is not outcomes
