"""The change log records exactly the registered models, and the rows and links that
change how they are shown, whichever path writes them (a service, the admin, a shell
or a data migration)."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from finest.core import changelog
from finest.core.models import ChangeAction, ChangeLogEntry, ChangeLogReader, PublishState
from finest.core.permissions import policy_for
from newsletter.models import NewsletterIssue
from partners.models import PartnerAPIKey
from projects.models import Participation, ParticipationRole, Project
from tests.factories import (
    ArticleFactory,
    EventFactory,
    FocusAreaFactory,
    KPIFactory,
    KPIValueFactory,
    OpenCallFactory,
    ParticipationFactory,
    PartnerAPIKeyFactory,
    PartnerFactory,
    PilotFactory,
    ProjectFactory,
    SessionFactory,
    SpeakerFactory,
    WorkPackageFactory,
)

pytestmark = pytest.mark.django_db


def _entries(obj) -> list[str]:
    return list(
        ChangeLogEntry.objects.filter(model_label=obj._meta.label_lower, object_id=obj.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def _updated_since(obj, mark: int) -> bool:
    return ChangeLogEntry.objects.filter(
        pk__gt=mark, model_label=obj._meta.label_lower, object_id=obj.pk, action=ChangeAction.UPDATED
    ).exists()


def _mark() -> int:
    return ChangeLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_the_registry_holds_the_streamed_content_and_not_keys_or_newsletters():
    content = changelog.registered_content()
    assert {
        "projects.project", "partners.partner", "events.event", "living_lab.pilot", "living_lab.opencall",
        "news.article", "core.focusarea", "core.city",
    } <= content
    assert not changelog.is_registered(PartnerAPIKey)
    assert not changelog.is_registered(NewsletterIssue)
    assert changelog.is_registered(Participation)
    assert changelog.is_registered("projects.participation")


def test_unregistered_models_are_not_logged_and_cost_no_extra_query(django_assert_num_queries):
    key = PartnerAPIKeyFactory()
    issue = NewsletterIssue.objects.create(subject="Joulukuu")
    assert not ChangeLogEntry.objects.filter(model_label__in=["partners.partnerapikey", "newsletter.newsletterissue"])
    mark = _mark()
    # An issue's save bumps the archive's cache version (newsletter/changelog.py), and logs nothing.
    issue.subject = "Tammikuu"
    issue.save()
    with django_assert_num_queries(1):
        key.name = "Renamed"
        key.save()
    assert _mark() == mark


def test_registered_content_records_create_update_unpublish_and_delete():
    project = ProjectFactory()
    project.title_fi = "Uusi nimi"
    project.save()
    project.state = PublishState.DRAFT
    project.save()
    pk = project.pk
    project.delete()
    project.pk = pk
    assert _entries(project) == [
        ChangeAction.CREATED, ChangeAction.UPDATED, ChangeAction.UNPUBLISHED, ChangeAction.DELETED,
    ]


def test_a_participation_saved_in_a_shell_bumps_its_project():
    participation = ParticipationFactory()
    project = participation.project
    before = Project.objects.get(pk=project.pk).modified_at
    mark = _mark()
    participation.role = ParticipationRole.COORDINATOR
    participation.save()
    assert _updated_since(project, mark)
    assert Project.objects.get(pk=project.pk).modified_at > before
    assert not ChangeLogEntry.objects.filter(model_label="projects.participation").exists()


def test_deleting_a_part_bumps_its_parent_but_deleting_the_parent_leaves_only_its_tombstone():
    work_package = WorkPackageFactory()
    project = work_package.project
    mark = _mark()
    work_package.delete()
    assert _updated_since(project, mark)

    ParticipationFactory(project=project)
    mark = _mark()
    project.delete()
    # A public object's delete also records that it was public, so readers without drafts get the tombstone.
    assert list(ChangeLogEntry.objects.filter(pk__gt=mark).values_list("model_label", "action")) == [
        ("projects.project", ChangeAction.UNPUBLISHED), ("projects.project", ChangeAction.DELETED)
    ]


def test_links_bump_the_object_whose_field_they_are_from_either_side():
    project = ProjectFactory()
    area = FocusAreaFactory()
    mark = _mark()
    project.focus_areas.add(area)
    assert _updated_since(project, mark)
    assert not _updated_since(area, mark)

    mark = _mark()
    area.projects.remove(project)
    assert _updated_since(project, mark)

    project.focus_areas.add(area)
    mark = _mark()
    area.projects.clear()
    assert _updated_since(project, mark)


def test_related_projects_bump_both_ends():
    first, second = ProjectFactory(), ProjectFactory()
    mark = _mark()
    first.related_projects.add(second)
    assert _updated_since(first, mark) and _updated_since(second, mark)


def test_deep_parts_bump_the_content_they_are_shown_in():
    session = SessionFactory()
    event = session.event
    speaker = SpeakerFactory()
    mark = _mark()
    session.speakers.add(speaker)
    assert _updated_since(event, mark)

    mark = _mark()
    speaker.name = "Dr. Renamed"
    speaker.save()
    assert _updated_since(event, mark)

    mark = _mark()
    speaker.delete()
    assert _updated_since(event, mark)

    value = KPIValueFactory(kpi=KPIFactory())
    pilot = value.kpi.pilot
    mark = _mark()
    value.achieved = 3
    value.save()
    assert _updated_since(pilot, mark)


def test_relations_of_an_article_and_an_event_bump_them():
    article, event, project = ArticleFactory(), EventFactory(), ProjectFactory()
    mark = _mark()
    article.related_projects.add(project)
    event.organisers.add(PartnerFactory())
    assert _updated_since(article, mark) and _updated_since(event, mark)


def test_a_data_migration_with_historical_models_is_logged_like_the_real_models():
    executor = MigrationExecutor(connection)
    historical = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    HistoricalProject = historical.get_model("projects", "Project")
    HistoricalParticipation = historical.get_model("projects", "Participation")
    assert HistoricalProject is not Project

    project = ProjectFactory()
    partner = PartnerFactory()
    row = HistoricalProject.objects.get(pk=project.pk)
    row.state = PublishState.DRAFT
    row.save()
    mark = _mark()
    HistoricalParticipation.objects.create(project_id=project.pk, partner_id=partner.pk, role="partner")
    assert _entries(project)[-1] == ChangeAction.UPDATED
    assert ChangeAction.UNPUBLISHED in _entries(project)
    assert _updated_since(project, mark)


def test_unpublishing_a_partner_bumps_the_projects_whose_consortium_shows_it():
    participation = ParticipationFactory()
    partner, project = participation.partner, participation.project
    mark = _mark()
    partner.state = PublishState.DRAFT
    partner.save()
    assert _entries(partner)[-1] == ChangeAction.UNPUBLISHED
    assert _updated_since(project, mark)


def test_unpublishing_or_unlinking_a_project_bumps_the_articles_that_show_it():
    article, project = ArticleFactory(), ProjectFactory()
    article.related_projects.add(project)
    mark = _mark()
    project.state = PublishState.DRAFT
    project.save()
    assert _updated_since(article, mark)

    mark = _mark()
    project.articles.remove(article)
    assert _updated_since(article, mark)


def test_deleting_a_project_bumps_the_articles_and_events_that_showed_it():
    article, project, event = ArticleFactory(), ProjectFactory(), EventFactory()
    article.related_projects.add(project)
    event.related_projects.add(project)
    mark = _mark()
    project.delete()
    assert _updated_since(article, mark) and _updated_since(event, mark)


def _deletes(obj) -> list[tuple[str, bool, set[int]]]:
    entries = ChangeLogEntry.objects.filter(model_label=obj._meta.label_lower, object_id=obj.pk).tombstones()
    return [
        (entry.action, entry.restricted, set(entry.readers.values_list("organisation_id", flat=True)))
        for entry in entries.order_by("pk")
    ]


def test_a_drafts_delete_records_the_organisations_that_could_read_it():
    owner, co_organiser, other = PartnerFactory(), PartnerFactory(), PartnerFactory()
    draft = EventFactory(organisers=[owner, co_organiser], state=PublishState.DRAFT)
    public = EventFactory(organisers=[owner])
    unpublished = EventFactory(organisers=[owner, other])
    unpublished.state = PublishState.DRAFT
    unpublished.save()
    for event in (draft, public, unpublished):
        pk = event.pk
        event.delete()
        event.pk = pk
    assert _deletes(draft) == [(ChangeAction.DELETED, True, {owner.pk, co_organiser.pk})]
    assert _deletes(public) == [(ChangeAction.UNPUBLISHED, False, set()), (ChangeAction.DELETED, False, set())]
    # Once public: its "unpublished" entry is everybody's, whoever could read the draft it became.
    assert _deletes(unpublished) == [
        (ChangeAction.UNPUBLISHED, False, set()), (ChangeAction.DELETED, True, {owner.pk, other.pk})
    ]
    area = FocusAreaFactory()
    area_pk = area.pk
    area.delete()
    area.pk = area_pk
    assert _deletes(area) == [(ChangeAction.DELETED, False, set())]


def test_draft_readers_is_own_q_turned_round_for_every_content_model():
    a, b, c = PartnerFactory(), PartnerFactory(state=PublishState.DRAFT), PartnerFactory()
    project = ProjectFactory(state=PublishState.DRAFT)
    ParticipationFactory(project=project, partner=a)
    ParticipationFactory(project=project, partner=b)
    EventFactory(organisers=[b, c], state=PublishState.DRAFT)
    pilot = PilotFactory(host=a, state=PublishState.DRAFT)
    pilot.participants.add(c)
    OpenCallFactory(host=b, state=PublishState.DRAFT)
    ArticleFactory(state=PublishState.DRAFT)
    organisations = [a, b, c]
    checked = 0
    for model in changelog.content_models().values():
        policy = policy_for(model)
        for obj in model._default_manager.all():
            by_own_q = {
                organisation.pk for organisation in organisations
                if model._default_manager.filter(policy.own_q(organisation), pk=obj.pk).exists()
            }
            assert policy.draft_readers(obj) == by_own_q, (model, obj.pk)
            checked += bool(by_own_q)
    assert checked >= 7  # the project, the event, the pilot, the call and the three partners' own pages


def test_a_data_migration_deleting_a_draft_restricts_its_tombstone_too():
    executor = MigrationExecutor(connection)
    historical = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    HistoricalEvent = historical.get_model("events", "Event")
    owner = PartnerFactory()
    draft = EventFactory(organisers=[owner], state=PublishState.DRAFT)
    HistoricalEvent.objects.get(pk=draft.pk).delete()
    assert _deletes(draft) == [(ChangeAction.DELETED, True, {owner.pk})]
    assert ChangeLogReader.objects.filter(organisation_id=owner.pk).count() == 1


def test_the_migration_makes_earlier_draft_deletes_staff_only():
    migration = import_module("finest.core.migrations.0007_changelog_restricted_tombstones")
    for label, pk, actions in [
        ("events.event", 901, ["deleted"]),
        ("events.event", 902, ["unpublished", "deleted"]),
        ("core.city", 903, ["deleted"]),
        ("gone.model", 904, ["deleted"]),
    ]:
        for action in actions:
            ChangeLogEntry.objects.create(model_label=label, object_id=pk, action=action)
    migration.restrict_deleted_drafts(apps, None)
    restricted = ChangeLogEntry.objects.filter(object_id__gte=901, restricted=True)
    assert sorted(restricted.values_list("object_id", "action")) == [(901, "deleted"), (904, "deleted")]
