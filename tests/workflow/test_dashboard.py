"""The admin index: the dashboard's sections in one query each, and the technical section."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from finest.core.permissions import Actor
from tests.factories import ArticleFactory, EventFactory, ProjectFactory
from workflow import dashboard as module
from workflow.dashboard import dashboard, scheduled_content, untranslated_content
from workflow.services import draft_save

pytestmark = pytest.mark.django_db


def _content(editor, count):
    now = timezone.now()
    for index in range(count):
        article = ArticleFactory(title_en=f"Article {index}")
        article.title_en = f"Changed {index}"
        draft_save(obj=article, actor=Actor.from_user(editor), submit=index % 2 == 0)
        ArticleFactory(published_at=now + timedelta(days=index + 1), title_sv="")
        EventFactory(unpublish_at=now + timedelta(days=30))
        ProjectFactory(title_en="")


def test_each_section_is_one_query(editor, django_assert_max_num_queries):
    _content(editor, 3)
    dashboard(editor)  # content types and permissions are cached after the first request
    # my drafts, waiting, scheduled (one UNION), untranslated (one UNION)
    with django_assert_max_num_queries(4):
        board = dashboard(editor)
    assert len(board["my_drafts"]) == 3
    assert len(board["waiting"]) == 2
    _content(editor, 5)
    with django_assert_max_num_queries(4):
        board = dashboard(editor)
    assert len(board["my_drafts"]) == 8


def test_sections_show_the_right_content(editor):
    now = timezone.now()
    scheduled = ArticleFactory(published_at=now + timedelta(days=5), title_fi="Tuleva")
    ArticleFactory(published_at=now - timedelta(days=5), title_fi="Vanha", title_sv="Gammal", title_en="Old")
    untranslated = ProjectFactory(title_fi="Vain suomeksi", title_sv="", title_en="")
    assert [row["pk"] for row in scheduled_content() if row["label"] == "Tuleva"] == [scheduled.pk]
    names = {row["label"] for row in untranslated_content()}
    assert untranslated.title_fi in names and "Vanha" not in names


def test_index_shows_the_dashboard_and_hides_technical_settings_from_editors(client, editor, superuser):
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "workflow-dashboard" in html and "Omat luonnokset" in html  # the admin speaks Finnish here
    assert "Tekniset asetukset" not in html
    assert "changelogentry" not in html
    client.force_login(superuser)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Tekniset asetukset" in html
    technical = html[html.index("Tekniset asetukset"):]
    assert "changelogentry" in technical and "partnerapikey" in technical


def test_a_model_without_a_title_or_name_is_left_out_of_missing_translations(monkeypatch):
    """Such a model has nothing to compare across languages; before, looking its column up raised."""
    assert module._name_field(ContentType) is None
    monkeypatch.setattr(module, "publishable_models", lambda: [ContentType])
    assert untranslated_content() == []


TECHNICAL_ENGLISH = ("Access attempts", "Access logs", "Access failures", "Static devices", "TOTP devices", "Otp_")
TECHNICAL_LABELS = {
    "fi": ("Kirjautumisyritykset", "Kirjautumistapahtumat", "Epäonnistuneet kirjautumiset", "Varakoodilistat",
           "Todennussovellukset (TOTP)", "Muutosloki", "Tekniset asetukset"),
    "sv": ("Inloggningsförsök", "Inloggningshändelser", "Misslyckade inloggningar", "Reservkodslistor",
           "Autentiseringsappar (TOTP)"),
    "en": ("Login attempts", "Sign-in records", "Failed logins", "Backup code lists", "Authenticator apps (TOTP)"),
}
TECHNICAL_CHANGELISTS = {
    "axes/accessattempt": {"fi": "kirjautumisyritys", "sv": "inloggningsförsök", "en": "login attempt"},
    "axes/accesslog": {"fi": "kirjautumistapahtuma", "sv": "inloggningshändelse", "en": "sign-in record"},
    "axes/accessfailurelog": {"fi": "epäonnistunut kirjautuminen", "sv": "misslyckad inloggning", "en": "failed login"},
    "otp_totp/totpdevice": {"fi": "todennussovellus (TOTP)", "sv": "autentiseringsapp (TOTP)", "en": "authenticator app (TOTP)"},
    "otp_static/staticdevice": {"fi": "varakoodilista", "sv": "reservkodslista", "en": "backup code list"},
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_technical_labels_are_translated_in_the_index_and_change_lists(client, superuser, language):
    client.force_login(superuser)
    html = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for label in TECHNICAL_LABELS[language]:
        assert label in html, label
    if language != "en":
        for english in TECHNICAL_ENGLISH:
            assert english not in html, english
    for path, titles in TECHNICAL_CHANGELISTS.items():
        page = client.get(f"/admin/{path}/", HTTP_ACCEPT_LANGUAGE=language)
        assert page.status_code == 200, path
        title = page.content.decode().split("<title>", 1)[1].split("</title>", 1)[0]
        assert titles[language] in title, (path, title)


def test_technical_change_list_columns_are_translated(client, superuser):
    AccessAttempt.objects.create(username="someone", ip_address="192.0.2.1", user_agent="test", failures_since_start=1)
    client.force_login(superuser)
    html = client.get("/admin/axes/accessattempt/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "IP-osoite" in html and "IP Address" not in html


def test_technical_app_pages_have_translated_names(client, superuser):
    client.force_login(superuser)
    assert "Kirjautumissuoja" in client.get("/admin/axes/").content.decode()
    assert "Kaksivaiheinen tunnistautuminen" in client.get("/admin/otp_totp/").content.decode()


def test_publisher_sees_no_technical_section(client, publisher):
    client.force_login(publisher)
    html = client.get(reverse("admin:index")).content.decode()
    assert "workflow-dashboard" in html
    assert "Tekniset asetukset" not in html
    for label in (*TECHNICAL_LABELS["fi"], *TECHNICAL_ENGLISH):
        assert label not in html, label
