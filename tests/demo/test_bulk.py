"""The bulk generator makes valid, published, three-language content with relations and budgets."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from events.models import Event
from finest.core.models import ChangeLogEntry
from living_lab.models import Pilot
from news.models import Article
from partners.models import Partner
from projects.models import Participation, ParticipationRole, Project
from tests.factories import CityFactory, FocusAreaFactory, ProjectFactory

pytestmark = pytest.mark.django_db

COUNTS = {"projects": 30, "partners": 12, "events": 20, "news": 25, "pilots": 6}


def generate(**overrides):
    out = StringIO()
    options = {**COUNTS, **overrides}
    call_command("generate_bulk_content", *(f"--{name}={value}" for name, value in options.items()), "--batch-size=7", stdout=out)
    return out.getvalue()


def test_it_creates_the_counts_asked_for_published_in_every_language():
    FocusAreaFactory.create_batch(3)
    CityFactory.create_batch(2)
    output = generate()
    assert "Done in" in output and "projects" in output
    for model, count in ((Project, 30), (Partner, 12), (Event, 20), (Article, 25), (Pilot, 6)):
        assert model.objects.published().count() == count
        for obj in model.objects.all()[:5]:
            obj.full_clean()
            assert obj.get_absolute_url()
        assert ChangeLogEntry.objects.for_model(model).count() == count
    project = Project.objects.first()
    assert project.title_fi and project.title_sv and project.title_en and project.slug_sv
    assert project.focus_areas.exists() and project.cities.exists()


def test_every_consortium_has_one_coordinator_and_shares_within_the_total():
    generate()
    for project in Project.objects.all():
        rows = Participation.objects.filter(project=project)
        assert rows.filter(role=ParticipationRole.COORDINATOR).count() == 1
        assert 2 <= rows.count() <= 6
        assert rows.aggregate(total=Sum("budget_share"))["total"] <= project.total_budget
        assert project.funding_sources.aggregate(total=Sum("amount"))["total"] <= project.total_budget


def test_a_second_run_replaces_the_first_and_leaves_other_content_alone():
    own = ProjectFactory(title_en="Hand-written project")
    generate()
    generate(projects=5)
    assert Project.objects.count() == 6
    assert Project.objects.filter(pk=own.pk).exists()
    call_command("generate_bulk_content", "--clear", stdout=StringIO())
    assert list(Project.objects.all()) == [own]
    assert not Partner.objects.filter(slug__startswith="bulk-").exists()
    assert not ChangeLogEntry.objects.for_model(Article).exists()
