"""The public archive of sent newsletters: a paginated list per language, newest first, and each
issue's web version, without a subscriber's own parts. Drafts and unsent issues are 404."""

import re
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from newsletter import services
from newsletter.models import IssueStatus
from newsletter.views import ARCHIVE_PER_PAGE
from tests.factories import ArticleFactory, EventFactory
from tests.newsletter.factories import NewsletterIssueFactory, SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_settings")]

LANGUAGES = ("fi", "sv", "en")


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(f"newsletter:{name}", kwargs=kwargs or None)


def issue_url(issue, language):
    with translation.override(language):
        return issue.get_absolute_url()


def sent_issue(days_ago=3, status=IssueStatus.SENT, **kwargs):
    started = timezone.now() - timedelta(days=days_ago)
    return NewsletterIssueFactory(
        status=status,
        started_at=started,
        finished_at=started + timedelta(minutes=20),
        digest_since=started - timedelta(days=30),
        digest_until=started,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("language", "path"),
    [("fi", "/fi/uutiskirje/arkisto/"), ("sv", "/sv/nyhetsbrev/arkiv/"), ("en", "/en/newsletter/archive/")],
)
def test_archive_lives_under_the_newsletter_prefix_of_each_language(client, language, path):
    issue = sent_issue()
    assert url("archive", language) == path
    assert issue_url(issue, language) == f"{path}{issue.public_id}/"
    response = client.get(path)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_list_shows_sent_issues_in_the_page_language_newest_first(client, language):
    older = sent_issue(days_ago=40)
    newer = sent_issue(days_ago=2)
    html = client.get(url("archive", language)).content.decode()
    subjects = {issue.pk: getattr(issue, f"subject_{language}") for issue in (older, newer)}
    assert subjects[newer.pk] in html and subjects[older.pk] in html
    assert html.index(subjects[newer.pk]) < html.index(subjects[older.pk])
    assert f'href="{issue_url(newer, language)}"' in html
    assert f'datetime="{timezone.localtime(older.started_at).isoformat()}"' in html


@pytest.mark.parametrize(
    "status", [IssueStatus.DRAFT, IssueStatus.SCHEDULED, IssueStatus.SENDING, IssueStatus.PAUSED, IssueStatus.CANCELLED]
)
def test_issues_that_did_not_go_out_are_neither_listed_nor_shown(client, status):
    hidden = NewsletterIssueFactory(
        status=status,
        subject_en="Not in the archive",
        scheduled_at=timezone.now() + timedelta(days=1),
        started_at=timezone.now() - timedelta(hours=1) if status in (IssueStatus.SENDING, IssueStatus.PAUSED) else None,
    )
    html = client.get(url("archive", "en")).content.decode()
    assert "Not in the archive" not in html
    assert "No newsletter has been sent yet." in html
    for language in LANGUAGES:
        assert client.get(issue_url(hidden, language)).status_code == 404


def test_unknown_or_malformed_issue_ids_are_404(client):
    sent_issue()
    assert client.get(url("archive-issue", "fi", public_id=uuid.uuid4())).status_code == 404
    assert client.get(url("archive", "fi") + "not-a-uuid/").status_code == 404


def test_a_missing_translation_falls_back_with_one_note_in_the_page_language(client):
    issue = sent_issue(subject_sv="", body_sv="")
    html = client.get(url("archive", "sv")).content.decode()
    assert issue.subject_fi in html
    assert html.count('class="fallback-note"') == 1
    detail = client.get(issue_url(issue, "sv")).content.decode()
    assert f'<h1 lang="fi">{issue.subject_fi}</h1>' in detail
    assert "Hei lukija." in detail
    notes = re.findall(r'<p class="fallback-note" role="note">([^<]*)</p>', detail)
    assert len(notes) == 1
    assert "svenska" in notes[0] and "suomeksi" not in notes[0]


def test_list_is_paginated_with_a_flat_query_count(client, django_assert_max_num_queries):
    for days_ago in range(1, ARCHIVE_PER_PAGE + 6):
        sent_issue(days_ago=days_ago)
    first = client.get(url("archive", "en"))
    assert first.content.decode().count('class="card"') == ARCHIVE_PER_PAGE
    assert f"{ARCHIVE_PER_PAGE + 5} issues" in first.content.decode()
    with django_assert_max_num_queries(12) as few:
        client.get(url("archive", "en") + "?page=2")
    for days_ago in range(100, 100 + ARCHIVE_PER_PAGE):
        sent_issue(days_ago=days_ago)
    with django_assert_max_num_queries(len(few.captured_queries)):
        second = client.get(url("archive", "en") + "?page=2")
    assert second.content.decode().count('class="card"') == ARCHIVE_PER_PAGE
    # A page number that is not one gives the first page, not an error.
    assert client.get(url("archive", "en") + "?page=x").status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_issue_page_is_the_web_version_in_its_language(client, language):
    issue = sent_issue(
        body_fi="<p>Hei <strong>lukija</strong>.</p>",
        body_sv="<p>Hej <strong>läsare</strong>.</p>",
        body_en="<p>Hello <strong>reader</strong>.</p>",
    )
    article = ArticleFactory(published_at=issue.started_at - timedelta(days=5))
    response = client.get(issue_url(issue, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{getattr(issue, f'subject_{language}')}</h1>" in html
    body = {"fi": "Hei <strong>lukija</strong>.", "sv": "Hej <strong>läsare</strong>.", "en": "Hello <strong>reader</strong>."}
    assert body[language] in html
    assert getattr(article, f"title_{language}") in html
    assert f'href="{url("archive", language)}"' in html and f'href="{url("subscribe", language)}"' in html


def test_issue_page_carries_no_subscriber_parts(client):
    SubscriberFactory(email="reader@example.org")
    issue = sent_issue()
    EventFactory(published_at=issue.started_at - timedelta(days=2))
    html = client.get(issue_url(issue, "fi")).content.decode()
    for fragment in ("reader@example.org", "TOKENSLOT", "nl-preferences-", "nl-unsubscribe-"):
        assert fragment not in html
    with translation.override("fi"):
        unsubscribe_prefix = reverse("newsletter:unsubscribe", kwargs={"token": "x"}).removesuffix("x/")
        preferences_prefix = reverse("newsletter:preferences", kwargs={"token": "x"}).removesuffix("x/")
    assert unsubscribe_prefix not in html and preferences_prefix not in html
    assert "<img" not in html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_subscription_page_links_the_archive(client, language):
    html = client.get(url("subscribe", language)).content.decode()
    assert f'href="{url("archive", language)}"' in html


def test_sitemap_lists_the_archive_and_sent_issues_only(client):
    issue = sent_issue()
    draft = NewsletterIssueFactory(status=IssueStatus.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    for language in LANGUAGES:
        assert f"http://testserver{url('archive', language)}</loc>" in xml
        assert f"http://testserver{issue_url(issue, language)}</loc>" in xml
    assert str(draft.public_id) not in xml


@pytest.mark.parametrize("language", LANGUAGES)
def test_feed_lists_sent_issues_in_the_page_language(client, language):
    issue = sent_issue(body_fi="<p>Kevään <strong>kuulumiset</strong>.</p>")
    draft = NewsletterIssueFactory(status=IssueStatus.DRAFT, subject_en="Unsent", subject_fi="Lähettämätön", subject_sv="Osänd")
    archive = client.get(url("archive", language)).content.decode()
    feed_url = url("archive-feed", language)
    assert 'type="application/rss+xml"' in archive and f'href="{feed_url}"' in archive
    response = client.get(feed_url)
    assert response.status_code == 200
    xml = response.content.decode()
    assert f"<language>{language}</language>" in xml
    assert f"<title>{getattr(issue, f'subject_{language}')}</title>" in xml
    assert f"https://finesttwins.example{issue_url(issue, language)}" in xml
    assert f"urn:uuid:{issue.public_id}" in xml
    assert getattr(draft, f"subject_{language}") not in xml


def test_the_archive_is_cached_and_an_issue_that_finishes_sending_shows_at_once(client):
    """An issue becomes sent by a queryset update (no signal): the list, the feed and the issue's
    page, all cached, must still show it right after that commit."""
    sent_issue(subject_fi="Ensimmäinen")
    sending = sent_issue(days_ago=1, subject_fi="Toinen", status=IssueStatus.SENDING, prepared_at=timezone.now())
    list_url, feed_url = url("archive"), url("archive-feed")
    assert client.get(list_url)["X-Page-Cache"] == "miss"
    first = client.get(list_url)
    assert first["X-Page-Cache"] == "hit" and "Toinen" not in first.content.decode()
    assert "Toinen" not in client.get(feed_url).content.decode()
    assert client.get(issue_url(sending, "fi")).status_code == 404

    assert services.newsletter_issue_finish_if_done(issue_id=sending.pk)

    assert "Toinen" in client.get(list_url).content.decode()
    assert "Toinen" in client.get(feed_url).content.decode()
    assert client.get(issue_url(sending, "fi")).status_code == 200


def test_an_edited_or_deleted_issue_and_its_digest_news_are_never_stale_in_the_cached_archive(client):
    issue = sent_issue(subject_fi="Kevät")
    article = ArticleFactory(title_fi="Alkuperäinen otsikko", published_at=issue.started_at - timedelta(days=2))
    page = issue_url(issue, "fi")
    assert "Alkuperäinen otsikko" in client.get(page).content.decode()
    assert client.get(page)["X-Page-Cache"] == "hit"

    article.title_fi = "Korjattu otsikko"
    article.save()
    assert "Korjattu otsikko" in client.get(page).content.decode()

    issue.subject_fi = "Kevät ja kesä"
    issue.save()
    assert "Kevät ja kesä" in client.get(url("archive")).content.decode()

    issue.delete()
    assert "Kevät ja kesä" not in client.get(url("archive")).content.decode()
    assert client.get(page).status_code == 404
