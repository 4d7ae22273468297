import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from newsletter.models import Delivery, IssueStatus, NewsletterIssue, Subscriber, Suppression
from newsletter.services import email_hash, newsletter_issue_prepare_chunk, newsletter_issue_start
from tests.factories import UserFactory
from tests.newsletter.factories import NewsletterIssueFactory, SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_settings")]


def change_url(issue):
    return reverse("admin:newsletter_newsletterissue_change", args=[issue.pk])


def sending_url(issue, action):
    return reverse("admin:newsletter_issue_sending", args=[issue.pk, action])


class TestIssueAdmin:
    def test_add_with_translation_tabs(self, staff_client):
        response = staff_client.get(reverse("admin:newsletter_newsletterissue_add"))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="subject_fi"' in html and 'name="subject_sv"' in html and 'name="body_en"' in html

    def test_change_page_shows_controls_and_progress(self, staff_client):
        issue = NewsletterIssueFactory()
        html = staff_client.get(change_url(issue)).content.decode()
        assert reverse("admin:newsletter_issue_progress", args=[issue.pk]) in html
        assert "newsletter/progress.js" in html
        for code in ("fi", "sv", "en"):
            assert reverse("admin:newsletter_issue_preview", args=[issue.pk, code]) in html

    @pytest.mark.parametrize(("language", "field"), [("fi", "subject_fi"), ("sv", "subject_sv"), ("en", "subject_en")])
    def test_preview_in_each_language(self, staff_client, language, field):
        issue = NewsletterIssueFactory()
        response = staff_client.get(reverse("admin:newsletter_issue_preview", args=[issue.pk, language]))
        assert response.status_code == 200
        assert getattr(issue, field) in response.content.decode()
        text = staff_client.get(reverse("admin:newsletter_issue_preview", args=[issue.pk, language]) + "?format=text")
        assert text["Content-Type"].startswith("text/plain")

    def test_preview_needs_staff(self, client):
        issue = NewsletterIssueFactory()
        response = client.get(reverse("admin:newsletter_issue_preview", args=[issue.pk, "fi"]))
        assert response.status_code == 302

    def test_test_send(self, staff_client):
        issue = NewsletterIssueFactory()
        response = staff_client.post(sending_url(issue, "test"), {"to": "editor@example.org", "language": "sv"})
        assert response.status_code == 302
        (message,) = mail.outbox
        assert message.to == ["editor@example.org"] and message.subject == issue.subject_sv
        assert NewsletterIssue.objects.get().status == IssueStatus.DRAFT

    def test_send_now_in_process_and_progress_json(self, staff_client, run_on_commit):
        SubscriberFactory.create_batch(5)
        issue = NewsletterIssueFactory()
        with run_on_commit():
            staff_client.post(sending_url(issue, "send"))
        assert len(mail.outbox) == 5
        data = staff_client.get(reverse("admin:newsletter_issue_progress", args=[issue.pk])).json()
        assert data["status"] == IssueStatus.SENT
        assert (data["sent"], data["total"], data["queued"], data["failed"], data["skipped"]) == (5, 5, 0, 0, 0)
        assert data["finished"] is True

    def test_schedule_pause_and_cancel(self, staff_client):
        issue = NewsletterIssueFactory()
        staff_client.post(sending_url(issue, "schedule"), {"at": "2099-01-01T09:00"})
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SCHEDULED and issue.scheduled_at.year == 2099
        staff_client.post(sending_url(issue, "schedule"), {"at": "2000-01-01T09:00"})
        issue.refresh_from_db()
        assert issue.scheduled_at.year == 2099
        staff_client.post(sending_url(issue, "cancel"))
        issue.refresh_from_db()
        assert issue.status == IssueStatus.CANCELLED

    def test_send_without_a_finnish_subject_is_refused_with_a_message(self, staff_client):
        issue = NewsletterIssueFactory(subject_fi="")
        response = staff_client.post(sending_url(issue, "send"), follow=True)
        assert response.status_code == 200
        assert NewsletterIssue.objects.get().status == IssueStatus.DRAFT
        assert list(response.context["messages"])

    def test_changelist_query_count(self, staff_client, django_assert_max_num_queries):
        NewsletterIssueFactory.create_batch(105)
        with django_assert_max_num_queries(15):
            response = staff_client.get(reverse("admin:newsletter_newsletterissue_changelist"))
        assert response.status_code == 200


class TestRecipientsAdmin:
    def test_delivery_list_shows_who_and_why(self, staff_client, django_assert_max_num_queries):
        SubscriberFactory.create_batch(120)
        issue = NewsletterIssueFactory()
        newsletter_issue_start(issue_id=issue.pk, actor=None)
        newsletter_issue_prepare_chunk(issue_id=issue.pk)
        Delivery.objects.filter(pk=Delivery.objects.first().pk).update(status="failed", reason="550 No such user")
        with django_assert_max_num_queries(15):
            response = staff_client.get(reverse("admin:newsletter_delivery_changelist") + f"?issue__id__exact={issue.pk}")
        assert response.status_code == 200
        assert "550 No such user" in response.content.decode()
        html = staff_client.get(change_url(issue)).content.decode()
        assert "550 No such user" in html

    def test_subscriber_list_query_count(self, staff_client, django_assert_max_num_queries):
        SubscriberFactory.create_batch(110)
        with django_assert_max_num_queries(15):
            response = staff_client.get(reverse("admin:newsletter_subscriber_changelist"))
        assert response.status_code == 200

    def test_export_downloads_json(self, staff_client):
        subscriber = SubscriberFactory(email="me@example.org")
        response = staff_client.post(
            reverse("admin:newsletter_subscriber_changelist"),
            {"action": "export_subscribers", ACTION_CHECKBOX_NAME: [subscriber.pk]},
        )
        assert response["Content-Type"].startswith("application/json")
        assert "attachment" in response["Content-Disposition"]
        assert json.loads(response.content)[0]["email"] == "me@example.org"

    def test_erase_asks_then_keeps_only_the_hash(self, staff_client):
        subscriber = SubscriberFactory(email="forget@example.org")
        changelist = reverse("admin:newsletter_subscriber_changelist")
        response = staff_client.post(changelist, {"action": "erase_subscribers", ACTION_CHECKBOX_NAME: [subscriber.pk]})
        assert response.status_code == 200 and b"forget@example.org" in response.content
        assert Subscriber.objects.exists()
        response = staff_client.post(
            changelist, {"action": "erase_subscribers", ACTION_CHECKBOX_NAME: [subscriber.pk], "confirmed": "yes"}
        )
        assert response.status_code == 302
        assert not Subscriber.objects.exists()
        assert Suppression.objects.get().email_hash == email_hash("forget@example.org")


@pytest.mark.django_db
def test_content_editors_may_compose_issues_but_not_see_subscribers(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor)
    assert client.get(reverse("admin:newsletter_newsletterissue_add")).status_code == 200
    assert client.get(reverse("admin:newsletter_subscriber_changelist")).status_code == 403


@pytest.mark.django_db
def test_content_editors_follow_deliveries_without_seeing_or_searching_addresses(client, admin_client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor)
    subscriber = SubscriberFactory(email="secret.reader@example.org")
    issue = NewsletterIssueFactory()
    delivery = Delivery.objects.create(issue=issue, subscriber=subscriber, status="failed", reason="550 <recipient>: no such user")
    changelist = reverse("admin:newsletter_delivery_changelist")

    listing = client.get(changelist)
    assert listing.status_code == 200
    assert "secret.reader" not in listing.content.decode()
    # A search by address tells nothing: editors have no search, every query lists the same rows.
    for query in ("secret.reader@example.org", "example.org", "nobody@example.org"):
        response = client.get(changelist, {"q": query})
        assert response.status_code == 200
        assert 'name="q"' not in response.content.decode()
        assert list(response.context["cl"].result_list) == [delivery]
    assert "secret.reader" not in client.get(changelist, {"q": "example.org"}).content.decode()
    assert client.get(changelist, {"subscriber__email": "secret.reader@example.org"}).status_code == 400
    assert client.get(reverse("admin:newsletter_delivery_change", args=[delivery.pk])).status_code == 403
    assert "secret.reader" not in client.get(change_url(issue)).content.decode()

    # Administrators see and search addresses.
    assert "secret.reader@example.org" in admin_client.get(changelist, {"q": "secret.reader"}).content.decode()
    assert "secret.reader@example.org" in admin_client.get(change_url(issue)).content.decode()
