"""Revisions: the services make them (admin, API and tasks alike), the admin compares any two
field by field and per language, and a rollback goes through the services into a new revision."""

import pytest
import reversion
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient
from reversion.models import Revision, Version

from events.models import Event
from finest.core.models import ChangeLogEntry, PublishState
from finest.core.permissions import Actor
from finest.core.revisions import trim_all, versions_of
from finest.core.services import content_revert, content_rows_save, content_update, publishable_unpublish
from finest.ops.tasks import trim_revisions
from news.models import Article
from partners.services import api_key_create
from projects.models import WorkPackage
from tests.applications.factories import make_form
from tests.core.test_admin import form_data
from tests.factories import (
    ArticleFactory,
    PartnerAPIKeyFactory,
    PartnerFactory,
    ProjectFactory,
    StaffUserFactory,
    UserFactory,
    WorkPackageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(settings):
    # Comments are stored in the language of the writer (the admin's or the service's); these read English.
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def editor():
    return StaffUserFactory(is_superuser=True, username="editor")


def _edit(obj, *, actor, **changes):
    for name, value in changes.items():
        setattr(obj, name, value)
    return content_update(obj=obj, actor=actor)


def test_every_content_model_keeps_revisions():

    registered = {model._meta.label for model in reversion.get_registered_models()}
    for label in (
        "news.Article",
        "projects.Project",
        "projects.Participation",
        "projects.WorkPackage",
        "projects.BudgetFigure",
        "partners.Partner",
        "events.Event",
        "events.Session",
        "events.Speaker",
        "living_lab.Pilot",
        "living_lab.OpenCall",
        "living_lab.KPI",
        "living_lab.KPIValue",
        "core.FocusArea",
        "core.City",
        "applications.CallForm",
    ):
        assert label in registered, label
        assert apps.get_model(label)


def test_a_service_write_records_who_when_and_what(editor):
    article = ArticleFactory(title_sv="Gammal")
    _edit(article, actor=Actor.from_user(editor), title_sv="Ny")
    version = versions_of(article).first()
    assert version.revision.user == editor
    assert version.revision.comment == "Changed."
    assert version.field_dict["title_sv"] == "Ny"
    # Per language; the base column and the publication state are not part of it.
    assert "title" not in version.field_dict
    assert "state" not in version.field_dict


def test_rows_follow_their_parent_into_one_revision(editor):
    project = ProjectFactory()
    package = WorkPackageFactory(project=project, title_en="Old")
    actor = Actor.from_user(editor)
    package.title_en = "New"
    content_rows_save(parent=project, saved=[package], deleted=[], actor=actor)
    revision = versions_of(project).first().revision
    rows = {v.content_type.model: v.field_dict for v in revision.version_set.all()}
    assert rows["workpackage"]["title_en"] == "New"
    assert "project" in rows


def test_publishing_records_a_revision_with_its_comment(editor):
    article = ArticleFactory()
    publishable_unpublish(obj=article, actor=Actor.from_user(editor))
    assert versions_of(article).first().revision.comment == "Unpublished."


def test_round_trip_edit_compare_roll_back(client, editor, settings):
    settings.REVISIONS_KEEP = 50
    # Not yet public, so the admin's plain save writes it (on live content it would keep a draft).
    article = ArticleFactory(title_fi="Alku", title_sv="Början", body_sv="<p>Första</p>", state=PublishState.DRAFT)
    actor = Actor.from_user(editor)
    _edit(article, actor=actor, title_sv="Början")  # the first revision: as created
    first = versions_of(article).first()
    client.force_login(editor)

    # Edit in the admin: one revision, with the admin's change message as its comment.
    change_url = reverse("admin:news_article_change", args=[article.pk])
    data = form_data(client.get(change_url))
    data.update({"title_sv": "Slutet", "body_sv": "<p>Andra <strong>gången</strong></p>"})
    response = client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    versions = list(versions_of(article))
    assert len(versions) == 2
    second = versions[0]
    assert second.revision.user == editor
    assert "Title [sv]" in second.revision.comment or "title [sv]" in second.revision.comment.lower()

    # Compare: the changed fields, by language.
    compare = client.get(
        reverse("admin:news_article_compare", args=[article.pk]),
        {"version_id1": first.pk, "version_id2": second.pk},
    )
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "Title [sv]" in html
    assert "Body [sv]" in html
    assert "Title [fi]" not in html  # unchanged

    # Roll back to the first: through the services, a new revision, content restored, logged.
    logged_before = ChangeLogEntry.objects.filter(model_label="news.article", object_id=article.pk).count()
    content_revert(obj=Article.objects.get(pk=article.pk), version=first, actor=actor)
    article.refresh_from_db()
    assert (article.title_sv, article.body_sv, article.title_fi) == ("Början", "<p>Första</p>", "Alku")
    versions = list(versions_of(article))
    assert len(versions) == 3
    assert versions[0].revision.comment.startswith("Rolled back to the revision of")
    assert versions[0].revision.user == editor
    assert ChangeLogEntry.objects.filter(model_label="news.article", object_id=article.pk).count() > logged_before


def test_roll_back_restores_rows_and_removes_rows_added_since(editor):
    project = ProjectFactory()
    # Codes are fixed: the factory's sequence could otherwise hand "kept" the added row's code.
    kept = WorkPackageFactory(project=project, code="WP1", title_en="Kept")
    actor = Actor.from_user(editor)
    _edit(project, actor=actor, title_en="Before")
    before = versions_of(project).first()
    added = WorkPackageFactory.build(project=project, code="WP2", title_en="Added later")
    kept.title_en = "Renamed"
    content_rows_save(parent=project, saved=[kept, added], deleted=[], actor=actor)

    content_revert(obj=project, version=before, actor=actor)
    assert list(WorkPackage.objects.filter(project=project).values_list("title_en", flat=True)) == ["Kept"]


def test_roll_back_keeps_the_publication_state(editor):
    article = ArticleFactory(title_en="Draft title")
    actor = Actor.from_user(editor)
    _edit(article, actor=actor, title_en="Draft title")
    old = versions_of(article).first()
    publishable_unpublish(obj=article, actor=actor)
    content_revert(obj=article, version=old, actor=actor)
    article.refresh_from_db()
    assert article.state == "draft"


def test_only_who_may_change_may_roll_back():
    article = ArticleFactory()
    _edit(article, actor=Actor.system(), title_en="Changed")
    version = versions_of(article).first()
    partner_key = PartnerAPIKeyFactory()
    with pytest.raises(PermissionDenied):
        content_revert(obj=article, version=version, actor=Actor(organisation=partner_key.organisation, scopes=frozenset({"write"})))
    with pytest.raises(PermissionDenied):
        content_revert(obj=article, version=version, actor=Actor.from_user(UserFactory()))


def test_a_version_of_another_object_is_refused(editor):

    actor = Actor.from_user(editor)
    one, other = ArticleFactory(), ArticleFactory()
    _edit(other, actor=actor, title_en="x")
    with pytest.raises(ValidationError):
        content_revert(obj=one, version=versions_of(other).first(), actor=actor)


def test_the_admin_refuses_history_to_users_the_policy_refuses(client, editor):
    article = ArticleFactory()
    _edit(article, actor=Actor.from_user(editor), title_en="x")
    outsider = UserFactory(is_staff=True)  # staff without permissions on articles
    client.force_login(outsider)
    version = versions_of(article).first()
    for url in (
        reverse("admin:news_article_history", args=[article.pk]),
        reverse("admin:news_article_compare", args=[article.pk]) + f"?version_id1={version.pk}&version_id2={version.pk}",
        reverse("admin:news_article_revision", args=[article.pk, version.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("admin:news_article_revision", args=[article.pk, version.pk])).status_code == 403


def test_revisions_are_bounded(editor, settings):
    settings.REVISIONS_KEEP = 3
    article = ArticleFactory()
    actor = Actor.from_user(editor)
    for number in range(6):
        _edit(article, actor=actor, title_en=f"Edit {number}")
    versions = list(versions_of(article))
    assert [v.field_dict["title_en"] for v in versions] == ["Edit 5", "Edit 4", "Edit 3"]
    assert not Revision.objects.filter(version__isnull=True).exists()


def test_periodic_clean_up_trims_what_a_lower_setting_leaves(editor, settings):
    article = ArticleFactory()
    actor = Actor.from_user(editor)
    for number in range(5):
        _edit(article, actor=actor, title_en=f"Edit {number}")
    settings.REVISIONS_KEEP = 2
    assert trim_all() == 3
    assert Version.objects.get_for_object(article).count() == 2


def test_an_api_write_makes_a_revision_noting_the_keys_organisation():

    organisation = PartnerFactory(name_en="Forum Virium")
    _key, raw = api_key_create(organisation=organisation, name="sync", scope="write")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    body = {
        "title": {"fi": "Seminaari", "sv": "Seminarium", "en": "Seminar"},
        "description": {"fi": "Rivi\n\n<script>x</script>**tärkeä**", "sv": "", "en": ""},
        "kind": "seminar",
        "start": "2027-05-12T09:00:00+03:00",
        "end": "2027-05-12T12:00:00+03:00",
    }
    response = client.post("/api/v1/events/", body, format="json")
    assert response.status_code == 201, response.content

    event = Event.objects.get(pk=response.json()["id"])
    assert "<script>" not in event.description_fi
    revision = versions_of(event).first().revision
    assert revision.user is None
    assert "Forum Virium" in revision.comment
    assert versions_of(event).first().field_dict["organisers"] == [organisation.pk]


def test_the_admin_rolls_back_through_the_service(client, editor):
    article = ArticleFactory(title_en="Original")
    actor = Actor.from_user(editor)
    _edit(article, actor=actor, title_en="Original")
    original = versions_of(article).first()
    _edit(article, actor=actor, title_en="Vandalised")
    client.force_login(editor)
    url = reverse("admin:news_article_revision", args=[article.pk, original.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Roll back to this revision" in page.content.decode()
    article.refresh_from_db()
    assert article.title_en == "Vandalised"  # looking changes nothing

    response = client.post(url)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Original"
    newest = versions_of(article).first()
    assert newest.revision.user == editor
    assert newest.revision.comment.startswith("Rolled back")
    history = client.get(reverse("admin:news_article_history", args=[article.pk]))
    assert history.status_code == 200
    assert history.content.decode().count("Rolled back") >= 1


def test_the_periodic_task_trims(editor, settings):

    article = ArticleFactory()
    for number in range(3):
        _edit(article, actor=Actor.from_user(editor), title_en=f"Edit {number}")
    settings.REVISIONS_KEEP = 1
    trim_revisions.delay()
    assert Version.objects.get_for_object(article).count() == 1


def test_the_call_forms_admin_keeps_revisions_with_sections_and_criteria(client, editor):
    form = make_form()
    client.force_login(editor)
    change_url = reverse("admin:applications_callform_change", args=[form.pk])
    data = form_data(client.get(change_url))
    data["intro_en"] = "Apply **now**"
    response = client.post(change_url, data)
    assert response.status_code == 302
    version = versions_of(form).get()
    assert version.field_dict["intro_en"] == "<p>Apply <strong>now</strong></p>"
    stored = {v.content_type.model for v in version.revision.version_set.all()}
    assert {"callform", "formsection", "question", "criterion"} <= stored
    assert version.revision.user == editor
