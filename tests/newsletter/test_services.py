from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from newsletter import services, tasks
from newsletter.models import (
    Delivery,
    RateLimitHit,
    Subscriber,
    SubscriberStatus,
    Suppression,
    SuppressionReason,
    UnsubscribeReason,
)
from newsletter.tokens import CONFIRM, MANAGE, TokenExpired, TokenInvalid, keyed_hash, make_token, read_token
from tests.factories import FocusAreaFactory
from tests.newsletter.factories import NewsletterIssueFactory, SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_settings")]


def subscribe(run_on_commit, email="new@example.org", language="sv", ip="192.0.2.1", focus_area_ids=(), events=True):
    with run_on_commit():
        return services.subscriber_subscribe(
            email=email, language=language, focus_area_ids=list(focus_area_ids), wants_events=events, ip=ip
        )


class TestSubscribe:
    def test_new_address_gets_a_confirmation_in_its_language_and_a_consent_record(self, run_on_commit, settings):
        area = FocusAreaFactory()
        assert subscribe(run_on_commit, email=" New@Example.org ", focus_area_ids=[area.pk]) is True

        subscriber = Subscriber.objects.get()
        assert subscriber.email == "new@example.org"
        assert subscriber.status == SubscriberStatus.PENDING
        assert list(subscriber.focus_areas.all()) == [area]
        assert subscriber.wants_events is True
        assert subscriber.consent_version == settings.NEWSLETTER_CONSENT_VERSION
        assert subscriber.consent_language == "sv"
        assert subscriber.consent_at is not None
        assert subscriber.consent_ip_hash == services.ip_hash("192.0.2.1")
        assert "192.0.2.1" not in subscriber.consent_ip_hash

        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["new@example.org"]
        assert "https://finesttwins.example/sv/" in message.body
        html = message.alternatives[0][0]
        token = message.body.split("/sv/")[1].split("/")[2]
        assert read_token(token, CONFIRM).pk == subscriber.pk
        assert token in html
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.extra_headers["List-Unsubscribe"].strip("<>") in message.body

    def test_confirmed_address_is_left_alone_and_not_mailed(self, run_on_commit):
        existing = SubscriberFactory(email="known@example.org", language="fi", wants_events=False)
        assert subscribe(run_on_commit, email="known@example.org", language="en") is True
        existing.refresh_from_db()
        assert existing.language == "fi"
        assert existing.wants_events is False
        assert existing.status == SubscriberStatus.CONFIRMED
        assert mail.outbox == []

    def test_at_most_three_confirmation_mails_per_address_a_day(self, run_on_commit):
        for n in range(5):
            assert subscribe(run_on_commit, email="victim@example.org", ip=f"192.0.2.{n}") is True
        assert len(mail.outbox) == 3
        with time_machine.travel(timezone.now() + timedelta(hours=25)):
            subscribe(run_on_commit, email="victim@example.org", ip="198.51.100.1")
        assert len(mail.outbox) == 4

    def test_signups_per_ip_are_limited(self, run_on_commit, settings):
        settings.NEWSLETTER_SIGNUPS_PER_IP = 2
        assert subscribe(run_on_commit, email="a@example.org") is True
        assert subscribe(run_on_commit, email="b@example.org") is True
        assert subscribe(run_on_commit, email="c@example.org") is False
        assert not Subscriber.objects.filter(email="c@example.org").exists()
        assert subscribe(run_on_commit, email="c@example.org", ip="203.0.113.9") is True

    def test_rate_limit_counters_live_in_the_database_as_hashes(self, run_on_commit):
        subscribe(run_on_commit, email="hashme@example.org", ip="192.0.2.77")
        keys = set(RateLimitHit.objects.values_list("key_hash", flat=True))
        assert len(keys) == 2
        assert not any("192.0.2.77" in key or "hashme" in key for key in keys)

    def test_suppressed_address_is_never_mailed(self, run_on_commit):
        Suppression.objects.create(email_hash=services.email_hash("gone@example.org"), reason=SuppressionReason.ERASED)
        assert subscribe(run_on_commit, email="gone@example.org") is True
        assert not Subscriber.objects.exists()
        assert mail.outbox == []

    def test_unsubscribed_address_must_confirm_again(self, run_on_commit):
        SubscriberFactory(email="back@example.org", status=SubscriberStatus.UNSUBSCRIBED)
        subscribe(run_on_commit, email="back@example.org")
        assert Subscriber.objects.get(email="back@example.org").status == SubscriberStatus.PENDING
        assert len(mail.outbox) == 1


class TestConfirmationMail:
    def test_sent_once_however_many_tasks_ask(self, run_on_commit):
        subscribe(run_on_commit, email="once@example.org")
        subscriber = Subscriber.objects.get()
        assert services.subscriber_send_confirmation(subscriber_id=subscriber.pk) is False
        assert len(mail.outbox) == 1
        assert Subscriber.objects.get().confirmation_sent_at is not None

    def test_a_lost_task_is_sent_by_the_periodic_task(self, django_capture_on_commit_callbacks, eager_celery):
        with django_capture_on_commit_callbacks(execute=False):  # the broker lost the task
            services.subscriber_subscribe(email="lost@example.org", language="en", focus_area_ids=[], wants_events=False, ip="192.0.2.5")
        assert mail.outbox == []
        tasks.send_owed_confirmations.delay()
        assert [message.to for message in mail.outbox] == [["lost@example.org"]]
        tasks.send_owed_confirmations.delay()
        assert len(mail.outbox) == 1

    def test_broker_down_at_sign_up_keeps_the_sign_up(self, client, run_on_commit):
        with mock.patch("newsletter.tasks.send_confirmation.delay", side_effect=OperationalError("broker down")), run_on_commit():
            response = client.post(reverse("newsletter:subscribe"), {"email": "kept@example.org", "language": "fi", "consent": "on"})
        assert response.status_code == 302
        assert Subscriber.objects.get().status == SubscriberStatus.PENDING
        assert mail.outbox == []
        tasks.send_owed_confirmations.delay()
        assert [message.to for message in mail.outbox] == [["kept@example.org"]]

    def test_a_failed_send_stays_owed(self, run_on_commit):
        with mock.patch("newsletter.services.subscribers.send_email", side_effect=OSError("smtp down")):
            assert subscribe(run_on_commit, email="retry@example.org") is True
        assert mail.outbox == []
        assert Subscriber.objects.get().confirmation_sent_at is None
        tasks.send_owed_confirmations.delay()
        assert len(mail.outbox) == 1


class TestConfirm:
    def test_confirm_is_idempotent(self):
        subscriber = SubscriberFactory(status=SubscriberStatus.PENDING, confirmed_at=None)
        services.subscriber_confirm(subscriber=subscriber)
        first = Subscriber.objects.get().confirmed_at
        assert first is not None
        services.subscriber_confirm(subscriber=subscriber)
        assert Subscriber.objects.get().confirmed_at == first

    def test_an_old_link_never_resubscribes(self):
        subscriber = SubscriberFactory(status=SubscriberStatus.UNSUBSCRIBED)
        services.subscriber_confirm(subscriber=subscriber)
        assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED

    def test_confirmation_token_expires(self, settings):
        subscriber = SubscriberFactory(status=SubscriberStatus.PENDING)
        token = make_token(subscriber, CONFIRM)
        max_age = settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS * 86400
        assert read_token(token, CONFIRM, max_age=max_age) == subscriber
        later = timezone.now() + timedelta(days=settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS + 1)
        with time_machine.travel(later), pytest.raises(TokenExpired):
            read_token(token, CONFIRM, max_age=max_age)

    def test_tokens_are_bound_to_purpose_and_key(self):
        subscriber = SubscriberFactory()
        token = make_token(subscriber, MANAGE)
        with pytest.raises(TokenInvalid):
            read_token(token, CONFIRM)
        with pytest.raises(TokenInvalid):
            read_token(token[:-2] + "xx", MANAGE)
        subscriber.key = "rotated"
        subscriber.save()
        with pytest.raises(TokenInvalid):
            read_token(token, MANAGE)


class TestPreferencesAndUnsubscribe:
    def test_preferences_update_language_and_topics(self):
        old, new = FocusAreaFactory(), FocusAreaFactory()
        subscriber = SubscriberFactory(language="fi", focus_areas=[old])
        services.subscriber_update_preferences(subscriber=subscriber, language="en", focus_area_ids=[new.pk, 999999], wants_events=True)
        subscriber.refresh_from_db()
        assert subscriber.language == "en"
        assert list(subscriber.focus_areas.all()) == [new]
        assert subscriber.wants_events is True

    def test_unsubscribing_erases_the_personal_data_and_keeps_the_hash_and_the_counts(self):
        area = FocusAreaFactory()
        subscriber = SubscriberFactory(email="leaving@example.org", focus_areas=[area], consent_ip_hash="abc")
        issue = NewsletterIssueFactory()
        Delivery.objects.create(issue=issue, subscriber=subscriber, status="sent")
        services.subscriber_unsubscribe(subscriber=subscriber)
        assert not Subscriber.objects.exists()
        assert not Subscriber.focus_areas.through.objects.exists()
        suppression = Suppression.objects.get()
        assert suppression.email_hash == services.email_hash("leaving@example.org")
        assert suppression.reason == SuppressionReason.UNSUBSCRIBED
        assert "leaving" not in str(list(Suppression.objects.values()))
        # The issue's counts stay; the row no longer says who it was.
        assert list(Delivery.objects.values_list("subscriber_id", "status")) == [(None, "sent")]
        # Repeating it changes nothing.
        services.subscriber_unsubscribe(subscriber=subscriber)
        assert Suppression.objects.count() == 1

    def test_someone_who_unsubscribed_may_sign_up_again_and_must_confirm(self, run_on_commit):
        subscriber = SubscriberFactory(email="back@example.org")
        services.subscriber_unsubscribe(subscriber=subscriber)
        assert not services.is_suppressed("back@example.org")
        assert subscribe(run_on_commit, email="back@example.org") is True
        assert Subscriber.objects.get().status == SubscriberStatus.PENDING
        assert len(mail.outbox) == 1


class TestErasureAndExport:
    def test_erase_keeps_only_a_hashed_suppression(self, run_on_commit):
        subscriber = SubscriberFactory(email="erase@example.org")
        issue = NewsletterIssueFactory()
        Delivery.objects.create(issue=issue, subscriber=subscriber)
        services.subscriber_erase(subscriber=subscriber, actor=None)

        assert not Subscriber.objects.exists()
        suppression = Suppression.objects.get()
        assert suppression.email_hash == keyed_hash("email:erase@example.org")
        assert suppression.reason == SuppressionReason.ERASED
        assert Delivery.objects.get().subscriber is None

        subscribe(run_on_commit, email="erase@example.org")
        assert not Subscriber.objects.exists()
        assert mail.outbox == []

    def test_export_has_consent_topics_and_deliveries(self):
        area = FocusAreaFactory(name_en="Mobility")
        subscriber = SubscriberFactory(email="me@example.org", focus_areas=[area], wants_events=True, consent_ip_hash="abc")
        Delivery.objects.create(issue=NewsletterIssueFactory(subject_fi="Numero 1"), subscriber=subscriber)
        data = services.subscriber_export(subscriber=subscriber)
        assert data["email"] == "me@example.org"
        assert data["topics"]["events"] is True
        assert len(data["topics"]["focus_areas"]) == 1
        assert data["consent"]["text_version"] == "2026-01"
        assert data["consent"]["ip_address_hash"] == "abc"
        assert data["deliveries"][0]["status"] == "queued"

    def test_retention_removes_old_unconfirmed_and_what_is_left_of_unsubscribed_and_bounced(self, settings):
        settings.NEWSLETTER_UNCONFIRMED_PURGE_DAYS = 10
        old_pending = SubscriberFactory(status=SubscriberStatus.PENDING, created_at=timezone.now() - timedelta(days=11))
        fresh_pending = SubscriberFactory(status=SubscriberStatus.PENDING)
        old_confirmed = SubscriberFactory(created_at=timezone.now() - timedelta(days=100))
        # Rows an earlier version left behind when unsubscribing or suppressing.
        SubscriberFactory(email="left@example.org", status=SubscriberStatus.UNSUBSCRIBED, unsubscribe_reason=UnsubscribeReason.USER)
        SubscriberFactory(email="bounced@example.org", status=SubscriberStatus.UNSUBSCRIBED, unsubscribe_reason=UnsubscribeReason.BOUNCE)
        RateLimitHit.objects.create(scope="signup-ip", key_hash="x", at=timezone.now() - timedelta(days=3))
        tasks.enforce_retention.delay()
        remaining = set(Subscriber.objects.values_list("pk", flat=True))
        assert remaining == {fresh_pending.pk, old_confirmed.pk}
        assert old_pending.pk not in remaining
        assert dict(Suppression.objects.values_list("email_hash", "reason")) == {
            services.email_hash("left@example.org"): SuppressionReason.UNSUBSCRIBED,
            services.email_hash("bounced@example.org"): SuppressionReason.BOUNCE,
        }
        assert not RateLimitHit.objects.exists()
        assert services.is_suppressed("bounced@example.org") and not services.is_suppressed("left@example.org")


class TestBounces:
    def test_complaint_suppresses_at_once(self):
        subscriber = SubscriberFactory(email="angry@example.org")
        services.subscriber_record_bounce(email="Angry@example.org", kind="complaint")
        assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
        assert Suppression.objects.get().reason == SuppressionReason.COMPLAINT
        assert services.is_suppressed("angry@example.org")

    def test_repeated_hard_bounces_suppress(self, settings):
        settings.NEWSLETTER_HARD_BOUNCE_LIMIT = 2
        subscriber = SubscriberFactory(email="bouncy@example.org")
        services.subscriber_record_bounce(email="bouncy@example.org", kind="soft")
        services.subscriber_record_bounce(email="bouncy@example.org", kind="hard")
        assert not services.is_suppressed("bouncy@example.org")
        services.subscriber_record_bounce(email="bouncy@example.org", kind="hard")
        assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
        assert Suppression.objects.get().reason == SuppressionReason.BOUNCE
        assert services.is_suppressed("bouncy@example.org")


@pytest.mark.django_db
def test_losing_a_simultaneous_sign_up_race_retries_instead_of_failing():
    """Two requests for the same new address: the second insert hits the unique email;
    the service retries, finds the first row and the visitor sees the usual answer."""
    real = services.subscribers._subscriber_request_confirmation

    def first_loses_the_race(**kwargs):
        if not getattr(first_loses_the_race, "raced", False):
            first_loses_the_race.raced = True
            SubscriberFactory(email=kwargs["email"], status=SubscriberStatus.PENDING)
            raise IntegrityError("duplicate key value violates unique constraint")
        return real(**kwargs)

    with mock.patch.object(services.subscribers, "_subscriber_request_confirmation", side_effect=first_loses_the_race):
        accepted = services.subscriber_subscribe(
            email="race@example.org", language="sv", focus_area_ids=[], wants_events=True, ip="192.0.2.1"
        )
    assert accepted is True
    assert Subscriber.objects.filter(email="race@example.org").count() == 1
    assert Subscriber.objects.get(email="race@example.org").language == "sv"
