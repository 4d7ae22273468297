"""A completed project shows its results; the API carries results and featured (issue 14)."""
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ProjectFactory
from tests.helpers import url_in

pytestmark = pytest.mark.django_db


def test_completed_project_shows_results(client):
    today = timezone.localdate()
    project = ProjectFactory(
        start_date=today - timedelta(days=900), end_date=today - timedelta(days=3),
        results_en="<p>Twelve pilots became city services.</p>", results_fi="<p>Kaksitoista pilottia.</p>",
    )
    html = client.get(url_in(project, "en")).content.decode()
    assert "<h2 id=\"project-results\">Results</h2>" in html
    assert "Twelve pilots became city services." in html
    assert "Tulokset" in client.get(url_in(project, "fi")).content.decode()


def test_ongoing_project_hides_results(client):
    today = timezone.localdate()
    project = ProjectFactory(
        start_date=today - timedelta(days=90), end_date=today + timedelta(days=90), results_en="<p>Not yet.</p>",
    )
    assert "project-results" not in client.get(url_in(project, "en")).content.decode()


def test_api_has_results_and_featured(client):
    project = ProjectFactory(featured=True, results_en="<p>Done.</p>")
    data = client.get(f"/api/v1/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["featured"] is True
    assert "results" in data


def test_home_features_the_centre_and_its_outcomes(client):
    today = timezone.localdate()
    ProjectFactory(
        featured=True, title_en="FinEst Twins", start_date=today - timedelta(days=2000),
        end_date=today - timedelta(days=3), results_en="<p>The Centre continues its work.</p>",
    )
    html = client.get("/en/").content.decode()
    assert 'id="home-centre"' in html
    assert "The Centre continues its work." in html
