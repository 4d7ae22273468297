from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import translation

from demo.loader import demo_public_id, load_demo_content
from events.models import Event, EventKind, EventStatus, Session, Speaker
from finest.core.i18n import missing_translations
from finest.core.models import ChangeLogEntry, City, Country, FocusArea, PublishState
from living_lab.models import KPI, KPIValue, OpenCall, OpenCallState, Pilot, PilotPhase
from medialibrary.models import Image
from medialibrary.services import renditions_generate
from news.models import Article, ArticleKind
from partners.models import ContactPerson, Partner
from projects.models import (
    BudgetFigure,
    ExternalLink,
    FundingProgramme,
    FundingSource,
    Participation,
    ParticipationRole,
    Project,
    ProjectKind,
    ProjectTheme,
    WorkPackage,
)
from projects.services import innovation_cities_of, partner_share_text, project_validate

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 11, 22, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))

MODELS = [
    FocusArea, City, Partner, ContactPerson, FundingProgramme, Project, Participation, FundingSource, WorkPackage,
    ProjectTheme, BudgetFigure, ExternalLink, Speaker, Event, Session, OpenCall, Pilot, KPI, KPIValue, Article,
]
M2M_THROUGH = [
    Project.focus_areas.through, Project.cities.through, Project.related_projects.through,
    Event.organisers.through, Event.related_projects.through, Event.focus_areas.through, Session.speakers.through,
    OpenCall.focus_areas.through, OpenCall.cities.through, Pilot.participants.through, Pilot.cities.through,
    Article.focus_areas.through, Article.related_projects.through, Article.related_events.through,
    Article.related_pilots.through,
]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def loaded():
    """A fresh load, for the tests that load again or change the data."""
    return load_demo_content()


@pytest.fixture(scope="module")
def _shared_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    # Loading takes a few seconds, so the read-only tests share one load, rolled back
    # when the module is done so no other test module sees the demo rows.
    media_root = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root),
        time_machine.travel(TODAY, tick=False), transaction.atomic(),
    ):
        # The load never commits here (it is rolled back), and with a broker its tasks would go to a
        # worker: make the renditions here, as the worker would once the real load commits.
        with TestCase.captureOnCommitCallbacks(execute=False):
            load_demo_content()
        for image_id in Image.objects.values_list("pk", flat=True):
            renditions_generate(image_id=image_id)
        yield media_root
        transaction.set_rollback(True)


@pytest.fixture
def demo(_shared_demo, db, settings):
    """The demo content, loaded once for the module; tests using it must not change it."""
    settings.MEDIA_ROOT = _shared_demo


def snapshot():
    """Every row of every demo model, with its modified time where it has one."""
    rows = {}
    for model in MODELS:
        fields = ["pk"] + (["modified_at"] if any(f.name == "modified_at" for f in model._meta.fields) else [])
        rows[model._meta.label] = sorted(model._default_manager.values_list(*fields))
    for through in M2M_THROUGH:
        rows[through._meta.label] = sorted(through.objects.values_list("pk", flat=True))
    return rows


def finest_twins():
    return Project.objects.get(public_id=demo_public_id("projects.project", "finest-twins"))


def test_loading_twice_changes_nothing(loaded, settings):
    before = snapshot()
    log_entries = ChangeLogEntry.objects.count()
    files = sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())
    assert len(files) == 4

    with time_machine.travel(datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki")), tick=False):
        second = load_demo_content()

    assert snapshot() == before
    assert ChangeLogEntry.objects.count() == log_entries
    assert sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()) == files
    totals = second.totals()
    assert totals["created"] == totals["updated"] == totals["deleted"] == totals["relinked"] == totals["drawn"] == 0
    assert totals["unchanged"] == sum(len(before[model._meta.label]) for model in MODELS)


def test_reload_repairs_edits_and_removes_rows_the_data_no_longer_lists(loaded):
    project = finest_twins()
    Project.objects.filter(pk=project.pk).update(title_sv="Ändrad", total_budget=Decimal("1"))
    stray = WorkPackage.objects.create(project=project, code="WP99", title_fi="Ylimääräinen")
    untouched = Partner.objects.get(public_id=demo_public_id("partners.partner", "aalto"))

    second = load_demo_content()

    project.refresh_from_db()
    assert project.title_sv == "FinEst Twins – spetsenhet för smarta städer"
    assert project.total_budget == Decimal("6300000")
    assert not WorkPackage.objects.filter(pk=stray.pk).exists()
    assert second.stats["projects.Project"]["updated"] == 1
    assert second.stats["projects.WorkPackage"]["deleted"] == 1
    assert Partner.objects.get(pk=untouched.pk).modified_at == untouched.modified_at


def test_reload_marks_the_owner_of_a_repaired_inline_row_as_modified(loaded):
    pilot = Pilot.objects.get(phase=PilotPhase.COMPLETED)
    value = KPIValue.objects.filter(kpi__pilot=pilot).first()
    KPIValue.objects.filter(pk=value.pk).update(achieved=Decimal("1"))
    conference = Event.objects.get(kind=EventKind.CONFERENCE)
    session = conference.sessions.first()
    session.speakers.clear()
    later = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))

    with time_machine.travel(later, tick=False):
        load_demo_content()

    value.refresh_from_db()
    assert value.achieved != Decimal("1")
    assert session.speakers.exists()
    assert Pilot.objects.get(pk=pilot.pk).modified_at == later
    assert Event.objects.get(pk=conference.pk).modified_at == later
    assert finest_twins().modified_at < later


def test_every_project_validates(demo):
    projects = list(Project.objects.all())
    assert len(projects) == 8
    for project in projects:
        project_validate(project)


def test_six_lead_responsibility_projects_each_unite_three_innovation_cities(demo):
    lead_projects = Project.objects.filter(kind=ProjectKind.LEAD_RESPONSIBILITY)
    assert lead_projects.count() == 6
    lead_cities = set()
    for project in lead_projects:
        partners = [p.partner for p in project.participations.select_related("partner__city")]
        assert len(innovation_cities_of(partners)) >= 3
        coordinator = project.participations.get(role=ParticipationRole.COORDINATOR)
        lead_cities.add(coordinator.partner.city.name_fi)
        assert (project.start_date, project.end_date) == (date(2022, 9, 1), date(2024, 8, 31))
        assert project.total_budget is None
    assert lead_cities == {"Lappeenranta", "Kokkola", "Tampere", "Joensuu", "Oulu", "Jyväskylä"}


def test_main_texts_exist_in_all_three_languages(demo):
    for model in MODELS:
        for obj in model._default_manager.all():
            assert missing_translations(obj) == {}, f"{model.__name__} {obj}: {missing_translations(obj)}"


def test_slugs_exist_in_every_language(demo):
    for model in (FocusArea, City, Partner, Project, Event, OpenCall, Pilot, Article):
        for obj in model._default_manager.all():
            assert obj.slug_fi and obj.slug_sv and obj.slug_en, obj


def test_finest_twins_figures_and_sources(demo):
    project = finest_twins()
    assert project.acronym == "FinEst Twins"
    assert (project.start_date, project.end_date) == (date(2019, 12, 1), date(2026, 11, 30))
    assert project.total_budget == Decimal("6300000")
    assert project.funding_programme.slug == "h2020-teaming"
    assert project.budget_source_en == "Forum Virium Helsinki, FinEst Twins project presentation"
    assert {fa.name_en for fa in project.focus_areas.all()} == {
        "Mobility", "Energy", "Built environment", "Governance", "Urban analytics and data management",
    }
    assert {c.name_en for c in project.cities.all()} == {"Helsinki", "Tallinn"}

    roles = {p.partner.short_name: p.role for p in project.participations.select_related("partner")}
    assert roles == {
        "TalTech": ParticipationRole.COORDINATOR, "Aalto": ParticipationRole.PARTNER,
        "FVH": ParticipationRole.PARTNER, "": ParticipationRole.PARTNER,
    }
    fvh = project.participations.get(partner__short_name="FVH")
    assert fvh.budget_share == Decimal("1670000")
    with translation.override("en"):
        assert partner_share_text(share=fvh.budget_share, total=project.total_budget) == "€1.67\xa0million of €6.3\xa0million"

    assert sum(s.amount for s in project.funding_sources.all()) <= project.total_budget
    work_packages = list(project.work_packages.select_related("lead_partner"))
    assert [(wp.title_en, wp.lead_partner.short_name) for wp in work_packages] == [
        ("Urban Open Platform", "FVH"), ("Living Lab", "FVH"),
    ]

    figures = {f.amount: f for f in project.budget_figures.all()}
    assert set(figures) == {Decimal("6300000"), Decimal("1670000"), Decimal("32000000")}
    assert figures[Decimal("6300000")].source_name.startswith("Forum Virium Helsinki")
    assert "Horizon 2020" in figures[Decimal("6300000")].scope_en
    assert figures[Decimal("32000000")].source_name.startswith("Helsingfors stad")
    assert "Estonian national funding" in figures[Decimal("32000000")].scope_en
    assert project.links.count() == 6


def test_ecosystem_agreement_has_its_three_themes_and_no_invented_amounts(demo):
    project = Project.objects.get(kind=ProjectKind.ECOSYSTEM_AGREEMENT)
    assert [theme.title_en for theme in project.themes.all()] == [
        "Smart and sustainable city solutions", "Wellbeing and health technology",
        "New learning environments and digital solutions for learning",
    ]
    assert {c.name_fi for c in project.cities.all()} == {"Helsinki", "Espoo", "Vantaa"}
    assert not project.funding_sources.exists()
    assert "Helsinki-Uusimaa Regional Council" in project.body_en


def test_cities_and_contacts(demo):
    innovation_cities = City.objects.filter(is_innovation_city=True)
    assert innovation_cities.count() == 16
    assert set(innovation_cities.values_list("ecosystem_agreement_start", "ecosystem_agreement_end")) == {(2021, 2027)}
    assert City.objects.get(name_en="Tallinn").country == Country.ESTONIA
    contacts = ContactPerson.objects.select_related("partner")
    assert {(c.name, c.partner.name_en) for c in contacts} >= {
        ("Marja-Leena Rinkineva", "City of Helsinki"), ("Tuula Antola", "City of Espoo"),
        ("Kimmo Viljamaa", "City of Vantaa"),
    }


def test_conference_programme_and_event_mix(demo):
    conference = Event.objects.get(kind=EventKind.CONFERENCE)
    tallinn = ZoneInfo("Europe/Tallinn")
    assert conference.start.astimezone(tallinn).date() == date(2023, 1, 25)
    assert conference.end.astimezone(tallinn).date() == date(2023, 1, 27)
    days = {session.start.astimezone(tallinn).date() for session in conference.sessions.all()}
    assert days == {date(2023, 1, 25), date(2023, 1, 26), date(2023, 1, 27)}
    assert all(session.speakers.exists() for session in conference.sessions.all())

    meeting = Event.objects.get(kind=EventKind.MEETING)
    assert meeting.parent == conference
    assert meeting.start < conference.start

    upcoming = Event.objects.published().upcoming()
    assert upcoming.filter(start__year=2026).exists()
    assert upcoming.filter(start__year=2027).exists()
    assert Event.objects.filter(kind=EventKind.WEBINAR).exists()
    assert Event.objects.filter(status=EventStatus.CANCELLED).exists()


def test_living_lab_pilots_and_open_calls(demo):
    pilots = Pilot.objects.all()
    assert pilots.count() >= 3
    assert len({pilot.phase for pilot in pilots}) >= 3
    assert Pilot.objects.cross_border().exists()
    completed = pilots.get(phase=PilotPhase.COMPLETED)
    assert completed.results_en and completed.lessons_learned_en
    assert KPIValue.objects.filter(kpi__pilot=completed, achieved__isnull=False).values("city").distinct().count() == 2
    for pilot in pilots:
        assert pilot.kpis.exists() and pilot.host_id

    states = {call.call_state for call in OpenCall.objects.all()}
    assert {OpenCallState.CLOSED, OpenCallState.OPEN} <= states
    open_call = OpenCall.objects.accepting().get()
    assert open_call.deadline.year == 2027
    assert open_call.max_grant and open_call.total_budget and open_call.eligibility_sv


def test_everything_is_published_except_one_draft_article(demo):
    for model in (Partner, Project, Event, OpenCall, Pilot):
        assert not model.objects.exclude(state=PublishState.PUBLISHED).exists(), model
        assert model.objects.published().count() == model.objects.count(), model
    drafts = Article.objects.exclude(state=PublishState.PUBLISHED)
    assert drafts.count() == 1
    kinds = set(Article.objects.published().values_list("kind", flat=True))
    assert kinds == {ArticleKind.NEWS, ArticleKind.PRESS_RELEASE, ArticleKind.BLOG}


def test_illustrations_are_drawn_once_with_alt_text_in_every_language(demo):
    illustrated = [
        *Project.objects.exclude(image=None), *Event.objects.exclude(image=None),
        *Pilot.objects.exclude(image=None), *Article.objects.exclude(image=None),
    ]
    assert len(illustrated) == 4
    for obj in illustrated:
        assert obj.image.file.storage.exists(obj.image.file.name)
        assert obj.image.alt_fi and obj.image.alt_sv and obj.image.alt_en
        # Drawn into the library; the task made the renditions after the commit.
        assert obj.image.renditions.exists()


def test_command_prints_a_summary(demo):
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert "projects.Project: 8 unchanged" in out.getvalue()
    assert "Demo content loaded: 0 created, 0 updated, 0 link sets changed, 0 images drawn" in out.getvalue()


def test_finest_twins_is_featured_with_its_results(demo):
    project = Project.objects.get(acronym="FinEst Twins")
    assert project.featured
    for code in ("fi", "sv", "en"):
        assert "FinEst Centre for Smart Cities" in getattr(project, f"results_{code}")


def test_loaded_content_has_distinct_lead_descriptions_and_the_april_2022_discussion(demo):
    bodies = list(Project.objects.filter(kind=ProjectKind.LEAD_RESPONSIBILITY).values_list("body_fi", "body_sv", "body_en"))
    for column in zip(*bodies, strict=True):
        assert len(set(column)) == 6
    helsinki = ZoneInfo("Europe/Helsinki")
    dates = {article.published_at.astimezone(helsinki).date() for article in Article.objects.published()}
    assert {date(2022, 4, 8), date(2022, 4, 22), date(2023, 1, 23)} <= dates
    ministry = Partner.objects.get(public_id=demo_public_id("partners.partner", "mkm"))
    assert ministry.name_fi == "Viron elinkeino- ja viestintäministeriö"
