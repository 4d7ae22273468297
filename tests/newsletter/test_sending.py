import smtplib
from collections import Counter
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.utils import timezone

from finest.core.email import render_email
from newsletter import services, tasks
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    IssueStatus,
    NewsletterIssue,
    SendRateBucket,
    Subscriber,
    SubscriberStatus,
    Suppression,
    SuppressionReason,
)
from newsletter.rendering import ISSUE_TEMPLATE, manage_links, message_id, renderer_for
from newsletter.services.delivery import GROUP_SIZE
from tests.factories import ArticleFactory, EventFactory, FocusAreaFactory
from tests.newsletter.factories import NewsletterIssueFactory, SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_settings")]


def start_and_prepare(issue):
    assert services.newsletter_issue_start(issue_id=issue.pk, actor=None)
    while not services.newsletter_issue_prepare_chunk(issue_id=issue.pk, size=37):
        pass
    issue.refresh_from_db()
    return issue


def drain(issue):
    while services.delivery_send_batch(issue_id=issue.pk).claimed:
        pass
    issue.refresh_from_db()


class TestSendingToMixedSubscribers:
    def test_each_confirmed_subscriber_gets_one_copy_in_their_language_and_topics(self):
        mobility, energy = FocusAreaFactory(name_en="Mobility"), FocusAreaFactory(name_en="Energy")
        ArticleFactory(title_en="Buses", title_fi="Bussit", title_sv="Bussar")
        mobility_article = ArticleFactory(title_en="Trams", title_fi="Ratikat", title_sv="Spårvagnar")
        mobility_article.focus_areas.set([mobility])
        energy_article = ArticleFactory(title_en="Heat pumps", title_fi="Lämpöpumput", title_sv="Värmepumpar")
        energy_article.focus_areas.set([energy])
        EventFactory(title_en="Hackathon", title_fi="Hakaton", title_sv="Hackaton")

        fi_mobility = SubscriberFactory(language="fi", focus_areas=[mobility], wants_events=False)
        sv_energy_events = SubscriberFactory(language="sv", focus_areas=[energy], wants_events=True)
        en_all = SubscriberFactory(language="en", wants_events=True)
        SubscriberFactory(status=SubscriberStatus.PENDING)
        SubscriberFactory(status=SubscriberStatus.UNSUBSCRIBED)
        issue = start_and_prepare(NewsletterIssueFactory())
        drain(issue)

        assert issue.status == IssueStatus.SENT
        by_address = {message.to[0]: message for message in mail.outbox}
        assert Counter(message.to[0] for message in mail.outbox) == Counter(
            {fi_mobility.email: 1, sv_energy_events.email: 1, en_all.email: 1}
        )

        fi = by_address[fi_mobility.email]
        assert fi.subject == issue.subject_fi
        assert "Ratikat" in fi.body and "Bussit" in fi.body
        assert "Lämpöpumput" not in fi.body and "Hakaton" not in fi.body

        sv = by_address[sv_energy_events.email]
        assert sv.subject == issue.subject_sv
        assert "Värmepumpar" in sv.body and "Hackaton" in sv.body and "Spårvagnar" not in sv.body

        en = by_address[en_all.email]
        assert all(title in en.body for title in ("Trams", "Heat pumps", "Buses", "Hackathon"))

    def test_message_is_multipart_with_absolute_links_and_one_click_headers(self):
        subscriber = SubscriberFactory(language="sv")
        issue = start_and_prepare(NewsletterIssueFactory())
        drain(issue)
        (message,) = mail.outbox
        html = message.alternatives[0][0]
        assert message.alternatives[0][1] == "text/html"
        unsubscribe = message.extra_headers["List-Unsubscribe"]
        assert unsubscribe.startswith("<https://finesttwins.example/sv/")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url = unsubscribe.strip("<>")
        assert url in message.body and url in html
        assert 'href="/' not in html
        delivery = Delivery.objects.get(subscriber=subscriber)
        assert delivery.language == "sv"
        assert delivery.status == DeliveryStatus.SENT
        assert abs(delivery.sent_at - timezone.now()) < timedelta(minutes=1)
        assert delivery.lease_until is None

    def test_subscribers_sharing_a_cached_frame_each_get_their_own_links_as_the_templates_render_them(self):
        area = FocusAreaFactory()
        first, second = SubscriberFactory.create_batch(2, language="fi", focus_areas=[area], wants_events=True)
        issue = start_and_prepare(NewsletterIssueFactory(subject_fi="Uutiset & <tapahtumat>"))
        # Signed links carry a timestamp: the clock stands still so that the links made below are the same.
        with time_machine.travel(timezone.now(), tick=False):
            drain(issue)
            self._compare_with_templates(issue, area, first, second)

    def _compare_with_templates(self, issue, area, first, second):
        by_address = {message.to[0]: message for message in mail.outbox}
        renderer = renderer_for(issue)
        for subscriber in (first, second):
            sent = by_address[subscriber.email]
            links = manage_links(subscriber, "fi")
            # What the templates give for this subscriber's own links, without the cached frame.
            subject, text, html = render_email(
                template=ISSUE_TEMPLATE, language="fi",
                context={
                    "subject": issue.subject_fi,
                    "content_html": renderer.content("fi", frozenset({area.pk}), True)[0],
                    "content_text": renderer.content("fi", frozenset({area.pk}), True)[1],
                    **links,
                },
            )
            assert (sent.subject, sent.body, sent.alternatives[0][0]) == (subject, text, html)
            assert sent.extra_headers["List-Unsubscribe"] == f"<{links['unsubscribe_url']}>"
            assert "nl-preferences-" not in html and "nl-unsubscribe-" not in sent.body
        assert by_address[first.email].body != by_address[second.email].body

    def test_eager_send_now_with_a_thousand_subscribers_finishes(self, run_on_commit, settings):
        settings.NEWSLETTER_BATCH_SIZE = 100
        SubscriberFactory.create_batch(1000, language="en")
        issue = NewsletterIssueFactory(include_digest=False)
        with run_on_commit():
            services.newsletter_issue_start(issue_id=issue.pk, actor=None)
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENT
        assert len(mail.outbox) == 1000
        assert len({message.to[0] for message in mail.outbox}) == 1000

    def test_a_batch_takes_a_bounded_number_of_queries(self, django_assert_max_num_queries, settings):
        settings.NEWSLETTER_BATCH_SIZE = 120
        area = FocusAreaFactory()
        SubscriberFactory.create_batch(120, focus_areas=[area])
        issue = start_and_prepare(NewsletterIssueFactory(include_digest=False))
        renderer_for(issue).content("fi", frozenset({area.pk}), False)
        # Per group of GROUP_SIZE messages its own transaction (a savepoint inside the test's): lock the
        # rows and the subscribers, mark them sent, commit. The rest is per batch.
        with django_assert_max_num_queries(120 // GROUP_SIZE * 4 + 25):
            result = services.delivery_send_batch(issue_id=issue.pk)
        assert result.sent == 120


class TestClaims:
    def test_redelivered_batch_tasks_never_send_twice(self):
        SubscriberFactory.create_batch(30)
        issue = start_and_prepare(NewsletterIssueFactory(include_digest=False))
        for _attempt in range(5):
            services.delivery_send_batch(issue_id=issue.pk, batch_size=7)
            services.delivery_send_batch(issue_id=issue.pk, batch_size=7)
        drain(issue)
        assert len(mail.outbox) == 30
        assert len({message.to[0] for message in mail.outbox}) == 30

    def test_two_claims_are_disjoint(self):
        SubscriberFactory.create_batch(10)
        issue = start_and_prepare(NewsletterIssueFactory())
        token_a, first = services.delivery_claim(issue_id=issue.pk, limit=6)
        token_b, second = services.delivery_claim(issue_id=issue.pk, limit=6)
        assert len(first) == 6 and len(second) == 4
        assert not set(first) & set(second)
        assert token_a != token_b

    def test_a_worker_whose_lease_expired_cannot_record_anything(self):
        SubscriberFactory()
        issue = start_and_prepare(NewsletterIssueFactory())
        stale_token, (row_id,) = services.delivery_claim(issue_id=issue.pk, limit=10)
        Delivery.objects.filter(pk=row_id).update(lease_until=timezone.now() - timedelta(seconds=1))
        fresh_token, reclaimed = services.delivery_claim(issue_id=issue.pk, limit=10)
        assert reclaimed == [row_id]
        assert services.delivery_transition(pk=row_id, token=stale_token, status=DeliveryStatus.SENT) is False
        assert services.delivery_transition(pk=row_id, token=fresh_token, status=DeliveryStatus.SENT) is True

    def test_a_killed_worker_s_rows_are_sent_after_the_lease(self):
        SubscriberFactory.create_batch(5)
        issue = start_and_prepare(NewsletterIssueFactory())
        services.delivery_claim(issue_id=issue.pk, limit=3)  # the worker dies here
        drain(issue)
        assert len(mail.outbox) == 2
        assert issue.status == IssueStatus.SENDING
        Delivery.objects.filter(status=DeliveryStatus.CLAIMED).update(lease_until=timezone.now() - timedelta(seconds=1))
        drain(issue)
        assert len({message.to[0] for message in mail.outbox}) == len(mail.outbox) == 5
        assert issue.status == IssueStatus.SENT

    def test_unsubscribe_and_erasure_are_rechecked_at_claim_time(self):
        stays, leaves, erased, suppressed = SubscriberFactory.create_batch(4)
        issue = start_and_prepare(NewsletterIssueFactory())
        services.subscriber_unsubscribe(subscriber=leaves)
        services.subscriber_erase(subscriber=erased, actor=None)
        services.subscriber_suppress(email=suppressed.email, reason="complaint")
        drain(issue)
        assert [message.to[0] for message in mail.outbox] == [stays.email]
        assert Counter(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT: 1, DeliveryStatus.SKIPPED: 3}
        assert all(Delivery.objects.filter(status=DeliveryStatus.SKIPPED).values_list("reason", flat=True))
        assert issue.status == IssueStatus.SENT

    def test_an_unsubscribe_after_the_claim_is_seen_before_the_message_is_sent(self):
        stays, leaves = SubscriberFactory.create_batch(2)
        issue = start_and_prepare(NewsletterIssueFactory())
        claim = services.delivery_claim

        def claim_then_unsubscribe(**kwargs):
            claimed = claim(**kwargs)
            services.subscriber_unsubscribe(subscriber=leaves)
            return claimed

        with mock.patch("newsletter.services.delivery.delivery_claim", side_effect=claim_then_unsubscribe):
            services.delivery_send_batch(issue_id=issue.pk)
        assert [message.to[0] for message in mail.outbox] == [stays.email]
        # Unsubscribing erased the subscriber; the row stays, skipped, for the counts.
        assert Counter(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT: 1, DeliveryStatus.SKIPPED: 1}
        assert not Subscriber.objects.filter(pk=leaves.pk).exists()

    def test_each_message_has_a_stable_message_id_per_issue_and_subscriber(self):
        first, second = SubscriberFactory.create_batch(2)
        issue = start_and_prepare(NewsletterIssueFactory())
        drain(issue)
        ids = {message.to[0]: message.message()["Message-ID"] for message in mail.outbox}
        assert ids[first.email] != ids[second.email]
        assert ids[first.email] == message_id(issue.pk, first.pk)
        # Sent again (a crash between the server's 250 and the "sent" mark): the same Message-ID.
        mail.outbox = []
        Delivery.objects.filter(subscriber=first).update(status=DeliveryStatus.QUEUED)
        NewsletterIssue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING)
        drain(issue)
        (again,) = mail.outbox
        assert again.message()["Message-ID"] == ids[first.email]

    def test_confirmed_after_the_start_do_not_get_this_issue(self):
        SubscriberFactory()
        issue = start_and_prepare(NewsletterIssueFactory())
        SubscriberFactory()
        drain(issue)
        assert len(mail.outbox) == 1


class TestFailures:
    def fail_with(self, exc):
        return mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=exc)

    def test_transient_errors_are_retried_with_backoff(self, settings):
        settings.NEWSLETTER_RETRY_BASE_SECONDS = 60
        SubscriberFactory()
        issue = start_and_prepare(NewsletterIssueFactory())
        with self.fail_with(smtplib.SMTPResponseException(451, b"Try again later")):
            result = services.delivery_send_batch(issue_id=issue.pk)
        assert result.retry == 1
        row = Delivery.objects.get()
        assert row.status == DeliveryStatus.RETRY
        assert row.reason.startswith("451")
        assert row.next_attempt_at > timezone.now() + timedelta(seconds=50)
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENDING
        assert services.delivery_recover(issue_id=issue.pk) == "waiting"

        Delivery.objects.update(next_attempt_at=timezone.now())
        drain(issue)
        assert len(mail.outbox) == 1
        assert Delivery.objects.get().status == DeliveryStatus.SENT
        assert issue.status == IssueStatus.SENT

    def test_permanent_errors_fail_and_repeated_hard_bounces_suppress(self, settings):
        settings.NEWSLETTER_HARD_BOUNCE_LIMIT = 2
        subscriber = SubscriberFactory(email="nobody@example.org")
        for _issue in range(2):
            issue = start_and_prepare(NewsletterIssueFactory())
            refused = smtplib.SMTPRecipientsRefused({"nobody@example.org": (550, b"No such user")})
            with self.fail_with(refused):
                drain(issue)
            assert issue.status == IssueStatus.SENT
        assert list(Delivery.objects.values_list("status", flat=True)) == [DeliveryStatus.FAILED] * 2
        assert Delivery.objects.first().reason.startswith("550")
        # Suppressed: the subscriber's data is erased, only the keyed hash stays.
        assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
        assert services.is_suppressed("nobody@example.org")
        assert Suppression.objects.get().reason == SuppressionReason.BOUNCE

    def test_too_many_transient_failures_of_the_address_end_as_failed(self, settings):
        settings.NEWSLETTER_MAX_ATTEMPTS = 2
        SubscriberFactory(email="full@example.org")
        issue = start_and_prepare(NewsletterIssueFactory())
        with self.fail_with(smtplib.SMTPRecipientsRefused({"full@example.org": (452, b"Mailbox full")})):
            services.delivery_send_batch(issue_id=issue.pk)
            assert Delivery.objects.get().attempts == 1
            Delivery.objects.update(next_attempt_at=timezone.now())
            services.delivery_send_batch(issue_id=issue.pk)
        row = Delivery.objects.get()
        assert row.status == DeliveryStatus.FAILED
        assert row.attempts == 2
        assert row.reason.startswith("452")

    @pytest.mark.parametrize(
        "error",
        [
            ConnectionRefusedError("down"),
            TimeoutError("timed out"),
            smtplib.SMTPServerDisconnected("gone"),
            smtplib.SMTPResponseException(421, b"Service not available"),
            smtplib.SMTPRecipientsRefused({"a@example.org": (421, b"Closing")}),
        ],
    )
    def test_an_unavailable_server_opens_the_circuit_for_the_whole_batch_and_burns_no_attempt(self, settings, error):
        settings.NEWSLETTER_CIRCUIT_BASE_SECONDS = 2
        settings.NEWSLETTER_CIRCUIT_MAX_SECONDS = 8
        SubscriberFactory.create_batch(5)
        issue = start_and_prepare(NewsletterIssueFactory(include_digest=False))
        with self.fail_with(error):
            result = services.delivery_send_batch(issue_id=issue.pk)
        assert result.more and result.wait == pytest.approx(2, abs=0.5)
        assert set(Delivery.objects.values_list("status", "attempts", "claim_token")) == {(DeliveryStatus.QUEUED, 0, None)}
        # While the circuit is open nobody claims; the next outage in a row pauses twice as long.
        assert services.delivery_send_batch(issue_id=issue.pk).claimed == 0
        SendRateBucket.objects.update(circuit_open_until=timezone.now() - timedelta(seconds=1))
        with self.fail_with(error):
            assert services.delivery_send_batch(issue_id=issue.pk).wait == pytest.approx(4, abs=0.5)
        for _outage in range(3):
            SendRateBucket.objects.update(circuit_open_until=timezone.now() - timedelta(seconds=1))
            with self.fail_with(error):
                waited = services.delivery_send_batch(issue_id=issue.pk).wait
        assert waited == pytest.approx(8, abs=0.5)
        # The server is back: everything goes out and the next outage starts from the shortest pause.
        SendRateBucket.objects.update(circuit_open_until=timezone.now() - timedelta(seconds=1))
        drain(issue)
        assert len(mail.outbox) == 5 and issue.status == IssueStatus.SENT
        assert set(Delivery.objects.values_list("attempts", flat=True)) == {0}
        assert SendRateBucket.objects.get().circuit_failures == 0

    def test_a_refused_connection_at_the_start_of_a_batch_hands_it_back(self):
        SubscriberFactory.create_batch(3)
        issue = start_and_prepare(NewsletterIssueFactory(include_digest=False))
        with mock.patch("django.core.mail.backends.locmem.EmailBackend.open", side_effect=ConnectionRefusedError("down")):
            result = services.delivery_send_batch(issue_id=issue.pk)
        assert result.claimed == 3 and result.sent == 0 and result.wait > 0
        assert set(Delivery.objects.values_list("status", "attempts")) == {(DeliveryStatus.QUEUED, 0)}

    def test_re_claims_after_crashes_use_no_attempt(self, settings):
        settings.NEWSLETTER_MAX_ATTEMPTS = 2
        SubscriberFactory()
        issue = start_and_prepare(NewsletterIssueFactory())
        for _crash in range(4):
            services.delivery_claim(issue_id=issue.pk, limit=10)  # the worker dies here
            Delivery.objects.update(lease_until=timezone.now() - timedelta(seconds=1))
        drain(issue)
        row = Delivery.objects.get()
        assert (row.status, row.attempts) == (DeliveryStatus.SENT, 0)
        assert len(mail.outbox) == 1


class WorkerKilled(BaseException):
    """Like SIGKILL, nothing in the sending code handles it."""


class TestGroupCommit:
    """Messages go out in groups of GROUP_SIZE per transaction; every outcome in a group is recorded."""

    def send_with(self, outcomes):
        """The mail backend answers each message in turn with the next outcome (None: accepted)."""
        real_send = locmem.EmailBackend.send_messages
        answers = iter(outcomes)

        def send_messages(backend, messages):
            answer = next(answers, None)
            if answer is not None:
                raise answer
            return real_send(backend, messages)

        return mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", send_messages)

    def test_mixed_outcomes_in_one_group_are_each_recorded_with_their_language(self):
        languages = ["fi", "sv", "en", "fi", "sv"]
        subscribers = [SubscriberFactory(language=language) for language in languages]
        gone = SubscriberFactory(language="en")
        issue = start_and_prepare(NewsletterIssueFactory(include_digest=False))
        assert Delivery.objects.count() == GROUP_SIZE + 1
        services.subscriber_unsubscribe(subscriber=gone)
        refused = smtplib.SMTPRecipientsRefused({subscribers[1].email: (550, b"No such user")})
        later = smtplib.SMTPRecipientsRefused({subscribers[3].email: (451, b"Try again")})
        with self.send_with([None, refused, None, later, None]):
            result = services.delivery_send_batch(issue_id=issue.pk)
        assert (result.sent, result.failed, result.retry, result.skipped) == (3, 1, 1, 1)
        rows = {row.subscriber_id: row for row in Delivery.objects.exclude(subscriber=None)}
        for subscriber, status in zip(subscribers, ["sent", "failed", "sent", "retry", "sent"], strict=True):
            assert rows[subscriber.pk].status == status
            assert rows[subscriber.pk].language == subscriber.language
        assert Delivery.objects.get(subscriber=None).status == DeliveryStatus.SKIPPED
        assert sorted(message.to[0] for message in mail.outbox) == sorted(
            subscribers[n].email for n in (0, 2, 4)
        )
        assert all(rows[subscribers[n].pk].sent_at for n in (0, 2, 4))

    def test_the_server_going_away_mid_group_keeps_what_it_accepted(self):
        subscribers = SubscriberFactory.create_batch(GROUP_SIZE + 2)
        issue = start_and_prepare(NewsletterIssueFactory(include_digest=False))
        with self.send_with([None, None, smtplib.SMTPServerDisconnected("gone")]):
            result = services.delivery_send_batch(issue_id=issue.pk)
        assert result.sent == 2 and result.wait > 0
        by_status = Counter(Delivery.objects.values_list("status", "attempts"))
        assert by_status == {(DeliveryStatus.SENT, 0): 2, (DeliveryStatus.QUEUED, 0): len(subscribers) - 2}
        assert len(mail.outbox) == 2

    def test_a_crash_before_the_group_commits_sends_that_group_again_with_the_same_message_ids(self):
        SubscriberFactory.create_batch(GROUP_SIZE * 2)
        issue = start_and_prepare(NewsletterIssueFactory(include_digest=False))
        mark = services.delivery._mark_sent
        marks = []

        def crash_on_the_second_group(sent, token):
            marks.append(len(sent))
            if len(marks) == 2:
                raise WorkerKilled  # between the group's 250s and its commit
            return mark(sent, token)

        with mock.patch.object(services.delivery, "_mark_sent", crash_on_the_second_group), pytest.raises(WorkerKilled):
            services.delivery_send_batch(issue_id=issue.pk)
        assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == GROUP_SIZE
        first_copies = {message.to[0]: message.message()["Message-ID"] for message in mail.outbox[GROUP_SIZE:]}
        Delivery.objects.update(lease_until=timezone.now() - timedelta(seconds=1))
        mail.outbox = []
        drain(issue)
        # Only the uncommitted group went out again, each message with its first Message-ID.
        assert {message.to[0]: message.message()["Message-ID"] for message in mail.outbox} == first_copies
        assert issue.status == IssueStatus.SENT


class TestIssueControl:
    def test_pause_stops_claims_and_resume_continues(self, run_on_commit):
        SubscriberFactory.create_batch(3)
        issue = start_and_prepare(NewsletterIssueFactory())
        assert services.newsletter_issue_pause(issue=issue, actor=None)
        assert services.delivery_send_batch(issue_id=issue.pk).claimed == 0
        with run_on_commit():
            assert services.newsletter_issue_resume(issue=issue, actor=None)
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENT
        assert len(mail.outbox) == 3

    def test_cancel_skips_what_is_left(self):
        SubscriberFactory.create_batch(4)
        issue = start_and_prepare(NewsletterIssueFactory())
        services.delivery_send_batch(issue_id=issue.pk, batch_size=1)
        assert services.newsletter_issue_cancel(issue=issue, actor=None)
        drain(issue)
        assert len(mail.outbox) == 1
        assert issue.status == IssueStatus.CANCELLED
        assert Counter(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT: 1, DeliveryStatus.SKIPPED: 3}

    def test_schedule_then_beat_starts_the_due_issue(self, run_on_commit):
        SubscriberFactory()
        issue = NewsletterIssueFactory()
        services.newsletter_issue_schedule(issue=issue, at=timezone.now() + timedelta(minutes=5), actor=None)
        with run_on_commit():
            tasks.start_due_issues.delay()
        assert NewsletterIssue.objects.get().status == IssueStatus.SCHEDULED
        NewsletterIssue.objects.update(scheduled_at=timezone.now() - timedelta(seconds=1))
        with run_on_commit():
            tasks.start_due_issues.delay()
        assert NewsletterIssue.objects.get().status == IssueStatus.SENT
        assert len(mail.outbox) == 1

    def test_sent_issue_cannot_be_started_again(self):
        SubscriberFactory()
        issue = start_and_prepare(NewsletterIssueFactory())
        drain(issue)
        assert services.newsletter_issue_start(issue_id=issue.pk, actor=None) is False

    def test_digest_covers_what_came_after_the_previous_issue(self):
        SubscriberFactory()
        first = start_and_prepare(NewsletterIssueFactory())
        drain(first)
        ArticleFactory(title_fi="Uusi juttu", published_at=timezone.now())
        second = start_and_prepare(NewsletterIssueFactory())
        assert second.digest_since == first.started_at
        ArticleFactory(title_fi="Liian myöhään", published_at=timezone.now())
        drain(second)
        last = mail.outbox[-1]
        assert "Uusi juttu" in last.body
        assert "Liian myöhään" not in last.body

    def test_recovery_requeues_a_stalled_issue(self, run_on_commit, settings):
        SubscriberFactory.create_batch(3)
        issue = start_and_prepare(NewsletterIssueFactory())
        NewsletterIssue.objects.update(last_activity_at=timezone.now() - timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS + 1))
        with run_on_commit():
            tasks.recover_stalled.delay()
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENT
        assert len(mail.outbox) == 3


class TestRate:
    def test_global_bucket_grants_no_more_than_the_rate(self, settings):
        settings.NEWSLETTER_SEND_RATE = 10
        granted, wait = services.delivery_rate_acquire(wanted=100)
        assert granted == 10 and wait == 0
        granted, wait = services.delivery_rate_acquire(wanted=100)
        assert granted == 0 and wait > 0
        SendRateBucket.objects.update(refilled_at=timezone.now() - timedelta(seconds=0.5))
        granted, _wait = services.delivery_rate_acquire(wanted=100)
        assert 4 <= granted <= 6

    def test_rate_limited_batch_reports_a_wait(self, settings):
        settings.NEWSLETTER_SEND_RATE = 2
        SubscriberFactory.create_batch(5)
        issue = start_and_prepare(NewsletterIssueFactory())
        # The clock stands still, so no permit comes back however slowly the first batch runs.
        with time_machine.travel(timezone.now(), tick=False):
            SendRateBucket.objects.update(refilled_at=timezone.now())
            assert services.delivery_send_batch(issue_id=issue.pk).sent == 2
            result = services.delivery_send_batch(issue_id=issue.pk)
        assert result.claimed == 0 and result.wait > 0 and result.more
