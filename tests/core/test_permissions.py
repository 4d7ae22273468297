"""The permission matrix, cell by cell: what anonymous, a read-only key of
organisation A, a write key of A, a write key of B and staff may view and change,
asked of each model's policy. The querysets (``visible``/``editable``) and the
per-object answers (``can``) must agree in every cell."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.test import RequestFactory

from events.models import Event
from finest.api.authentication import actor_for
from finest.core.models import City, PublishState
from finest.core.permissions import ACTIONS, Actor, ModelPolicy, PublishablePolicy, policy_for, register
from living_lab.models import KPIValue, OpenCall, Pilot
from living_lab.permissions import KPIValuePolicy, can_report_kpis
from news.models import Article
from partners.models import Partner
from partners.services import api_key_create
from projects.models import Participation, Project
from tests.factories import (
    ArticleFactory,
    CityFactory,
    EventFactory,
    KPIValueFactory,
    OpenCallFactory,
    ParticipationFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

WHO = ("anonymous", "a_read", "a_write", "b_write", "staff")
DRAFT = {"state": PublishState.DRAFT, "published_at": None}


def _key_actor(**key_args) -> Actor:
    key, _raw = api_key_create(name="matrix", **key_args)
    return actor_for(SimpleNamespace(auth=key))


@pytest.fixture
def orgs():
    return {"a": PartnerFactory(name_en="Organisation A"), "b": PartnerFactory(name_en="Organisation B")}


@pytest.fixture
def actors(orgs):
    return {
        "anonymous": Actor.anonymous(),
        "a_read": _key_actor(organisation=orgs["a"], scope="read"),
        "a_write": _key_actor(organisation=orgs["a"], scope="write"),
        "b_write": _key_actor(organisation=orgs["b"], scope="write"),
        "staff": _key_actor(organisation=None, scope="write", is_staff_key=True),
    }


@pytest.fixture
def objects(orgs):
    a = orgs["a"]
    project_draft = ProjectFactory(title_en="A's draft project", **DRAFT)
    ParticipationFactory(project=project_draft, partner=a)
    pilot_draft = PilotFactory(host=PartnerFactory(), **DRAFT)
    pilot_draft.participants.add(a)
    # Organisation A's own page is a draft: its keys still read it.
    Partner.objects.filter(pk=a.pk).update(**DRAFT)
    return {
        "event_a_published": EventFactory(organisers=[a]),
        "event_a_draft": EventFactory(organisers=[a], **DRAFT),
        "event_b_draft": EventFactory(organisers=[orgs["b"]], **DRAFT),
        "project_a_draft": project_draft,
        "project_published": ProjectFactory(),
        "partner_a_draft": Partner.objects.get(pk=a.pk),
        "pilot_a_draft": pilot_draft,
        "call_a_draft": OpenCallFactory(host=a, **DRAFT),
        "article_draft": ArticleFactory(**DRAFT),
        "article_published": ArticleFactory(),
        "city": CityFactory(),
        "kpi_value_of_a": KPIValueFactory(kpi__pilot=pilot_draft),
        "kpi_value_of_b": KPIValueFactory(kpi__pilot=PilotFactory(host=orgs["b"])),
    }


ALL = set(WHO)
NOBODY: set[str] = set()
A_AND_STAFF = {"a_write", "staff"}

# object → who may view it. Only a write key reads its organisation's drafts; a read key mirrors what is public.
VIEW = {
    "event_a_published": ALL,
    "event_a_draft": A_AND_STAFF,
    "event_b_draft": {"b_write", "staff"},
    "project_a_draft": A_AND_STAFF,
    "project_published": ALL,
    "partner_a_draft": A_AND_STAFF,
    "pilot_a_draft": A_AND_STAFF,
    "call_a_draft": A_AND_STAFF,
    "article_draft": {"staff"},
    "article_published": ALL,
    "city": ALL,
    "kpi_value_of_a": ALL,
    "kpi_value_of_b": ALL,
}
# object → who may change it. Partners change only their own events and report KPI values.
CHANGE = {
    "event_a_published": {"a_write", "staff"},
    "event_a_draft": {"a_write", "staff"},
    "event_b_draft": {"b_write", "staff"},
    "project_a_draft": {"staff"},
    "project_published": {"staff"},
    "partner_a_draft": {"staff"},
    "pilot_a_draft": {"staff"},
    "call_a_draft": {"staff"},
    "article_draft": {"staff"},
    "article_published": {"staff"},
    "city": {"staff"},
    "kpi_value_of_a": {"a_write", "staff"},
    "kpi_value_of_b": {"b_write", "staff"},
}


# action → (the matrix, the policy's queryset method that must agree with it)
MATRICES = {"view": (VIEW, "visible"), "change": (CHANGE, "editable")}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("action", list(MATRICES))
def test_matrix(action, who, objects, actors):
    """Every object for one actor and action; a wrong cell is named in the failure."""
    matrix, scope = MATRICES[action]
    actor = actors[who]
    wrong = []
    for name, obj in objects.items():
        expected = who in matrix[name]
        policy = policy_for(obj)
        answers = {
            "can": policy.can(actor, action, obj),
            scope: getattr(policy, scope)(actor, type(obj).objects.all()).filter(pk=obj.pk).exists(),
        }
        wrong += [f"{name}: {how} says {answer}" for how, answer in answers.items() if answer is not expected]
    assert not wrong, f"{who} may {action}: " + "; ".join(wrong)


@pytest.mark.parametrize("who", WHO)
def test_only_staff_delete(who, objects, actors):
    for name, obj in objects.items():
        assert policy_for(obj).can(actors[who], "delete", obj) is (who == "staff"), name


@pytest.mark.parametrize(("who", "expected"), [
    ("anonymous", False), ("a_read", False), ("a_write", True), ("b_write", False), ("staff", True),
])
def test_who_publishes_and_adds_events(who, expected, objects, actors):
    policy = policy_for(Event)
    assert policy.can(actors[who], "publish", objects["event_a_draft"]) is expected
    # Adding is not about an existing row: any write key of an organisation may add an event.
    assert policy.can(actors[who], "add") is (who in {"a_write", "b_write", "staff"})


@pytest.mark.parametrize(("who", "expected"), [
    ("anonymous", False), ("a_read", False), ("a_write", True), ("b_write", False), ("staff", True),
])
def test_kpi_reports_on_a_pilot(who, expected, objects, actors):
    assert can_report_kpis(actors[who], objects["pilot_a_draft"]) is expected


def test_a_participation_is_visible_when_its_project_and_partner_are(objects, actors, orgs):
    hidden_partner = PartnerFactory(**DRAFT)
    visible_row = ParticipationFactory(project=objects["project_published"], partner=orgs["b"])
    hidden_row = ParticipationFactory(project=objects["project_published"], partner=hidden_partner)
    own_draft_row = objects["project_a_draft"].participations.get()
    policy = policy_for(Participation)
    for who, expected in {
        "anonymous": {visible_row},
        "a_read": {visible_row},
        "a_write": {visible_row, own_draft_row},
        "b_write": {visible_row},
        "staff": {visible_row, hidden_row, own_draft_row},
    }.items():
        rows = set(policy.visible(actors[who], Participation.objects.filter(pk__in=[
            visible_row.pk, hidden_row.pk, own_draft_row.pk,
        ])))
        assert rows == expected, who


def test_every_content_model_has_its_own_registered_policy():
    for model, policy_class in [
        (Event, "EventPolicy"), (Project, "ProjectPolicy"), (Participation, "ParticipationPolicy"),
        (Partner, "PartnerPolicy"), (Pilot, "PilotPolicy"), (OpenCall, "OpenCallPolicy"),
        (KPIValue, "KPIValuePolicy"), (Article, "ArticlePolicy"),
    ]:
        assert type(policy_for(model)).__name__ == policy_class
    assert type(policy_for(City)) is ModelPolicy
    assert isinstance(policy_for(KPIValueFactory.build()), KPIValuePolicy)


def test_a_model_cannot_get_a_second_policy():
    with pytest.raises(ValueError, match="already has the policy"):
        register(Event, PublishablePolicy)


def test_unknown_actions_are_refused():
    with pytest.raises(ValueError):
        policy_for(Event).can(Actor.anonymous(), "approve")
    assert set(ACTIONS) == {"view", "add", "change", "delete", "publish"}


def test_the_admin_lists_the_rows_the_policy_lets_the_user_change(objects):
    request = RequestFactory().get("/")
    request.user = StaffUserFactory()
    event_admin = admin.site._registry[Event]
    assert set(event_admin.get_queryset(request)) == set(Event.objects.all())
    assert event_admin.has_change_permission(request, objects["event_b_draft"])

    # A user who is not staff gets nothing from the policy, whatever Django's permissions say.
    request.user = StaffUserFactory(is_staff=False, is_superuser=True)
    assert not event_admin.get_queryset(request).exists()
    assert not event_admin.has_change_permission(request, objects["event_b_draft"])
    assert not event_admin.has_delete_permission(request, objects["event_b_draft"])


@pytest.mark.parametrize("who", WHO)
def test_related_objects_shown_inside_others_are_public_ones_unless_staff(who, objects, actors):
    # Stricter than visible(): a partner's own drafts stay out of what everyone reads.
    for name in ("event_a_draft", "project_a_draft", "partner_a_draft", "article_draft"):
        assert policy_for(objects[name]).shown_in_relations(actors[who], objects[name]) is (who == "staff"), name
    for name in ("event_a_published", "city", "kpi_value_of_a"):
        assert policy_for(objects[name]).shown_in_relations(actors[who], objects[name]), name
