"""End to end with a real Celery worker (a subprocess), Redis and PostgreSQL.

The worker process records every message it commits in a table of the test database
(tests/newsletter/recording_backend.py), so the test can count exactly what was sent.
These tests fail (never skip) without DATABASE_URL=postgres://… and REDIS_URL; deselect
them with ``-m "not integration"`` on SQLite."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from finest.celery import app as celery_app
from newsletter import services, tasks
from newsletter.models import Delivery, DeliveryStatus, IssueStatus, NewsletterIssue, Subscriber, SubscriberStatus
from tests.factories import ArticleFactory, EventFactory, FocusAreaFactory
from tests.newsletter import recording_backend
from tests.newsletter.factories import NewsletterIssueFactory, SubscriberFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(settings.BASE_DIR)
SITE_URL = "http://testserver"
CELERY = str(Path(sys.executable).with_name("celery"))


def require_services():
    problems = []
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        problems.append("DATABASE_URL must point to PostgreSQL (e.g. postgres://postgres@127.0.0.1:5432/finest_nl)")
    if not os.environ.get("REDIS_URL"):
        problems.append("REDIS_URL must be set (e.g. redis://127.0.0.1:6379/5)")
    if problems:
        pytest.fail(
            "The newsletter integration tests need a real worker, PostgreSQL and Redis: "
            + "; ".join(problems)
            + '. On SQLite, deselect them with -m "not integration".',
            pytrace=False,
        )


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    def __init__(self, **env):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": os.environ["REDIS_URL"],
            "TESTING": "1",
            "DEBUG": "1",
            "SITE_URL": SITE_URL,
            "EMAIL_BACKEND": "tests.newsletter.recording_backend.RecordingBackend",
            "NEWSLETTER_SEND_RATE": "0",
            "CONN_MAX_AGE": "0",
            "LOG_LEVEL": "WARNING",
            **{key: str(value) for key, value in env.items()},
        }
        self.process = None

    def start(self, concurrency=4):
        self.process = subprocess.Popen(
            [CELERY, "-A", "finest", "worker", "--loglevel=WARNING", f"--concurrency={concurrency}",
             "--pool=prefork", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"newsletter-test-{os.getpid()}-{random.randrange(10**6)}@%h"],
            cwd=BASE_DIR, env=self.env, start_new_session=True,
        )

    def kill(self):
        """SIGKILL the worker and its pool processes at once, as a crash would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None


@pytest.fixture
def outbox(transactional_db):
    require_services()
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()  # wake-ups left over from an earlier run
    recording_backend.create_table()
    yield recording_backend
    recording_backend.drop_table()
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def workers():
    started = []

    def make(**env):
        worker = Worker(**env)
        started.append(worker)
        return worker

    yield make
    for worker in started:
        worker.stop()


def wait_for(condition, timeout=120.0, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"Timed out waiting for {message}")


def issue_status(issue_id):
    return NewsletterIssue.objects.values_list("status", flat=True).get(pk=issue_id)


def test_subscribe_confirm_and_send_to_mixed_languages_and_topics(outbox, workers, client, settings):
    settings.SITE_URL = SITE_URL
    settings.NEWSLETTER_SIGNUPS_PER_IP = 10_000
    worker = workers(NEWSLETTER_BATCH_SIZE=25)
    worker.start()

    areas = FocusAreaFactory.create_batch(3)
    articles = []
    for index, area in enumerate(areas):
        article = ArticleFactory(title_fi=f"Uutinen-{index}", title_sv=f"Nyhet-{index}", title_en=f"News-{index}")
        article.focus_areas.set([area])
        articles.append(article)
    EventFactory(title_fi="Tapahtuma-X", title_sv="Evenemang-X", title_en="Event-X")

    rng = random.Random(5)
    plan = {}
    for n in range(300):
        email = f"reader{n}@example.org"
        language = rng.choice(["fi", "sv", "en"])
        topics = rng.sample(range(3), rng.randint(1, 3))
        events = rng.random() < 0.5
        fate = "confirm" if n < 240 else ("unconfirmed" if n < 270 else "unsubscribe")
        plan[email] = (language, set(topics), events, fate)
        services.subscriber_subscribe(
            email=email, language=language, focus_area_ids=[areas[i].pk for i in topics], wants_events=events, ip=f"10.0.0.{n % 250}"
        )

    wait_for(lambda: len(outbox.recorded()) >= 300, message="300 confirmation mails from the worker")
    confirmations = outbox.recorded()
    assert Counter(recipient for recipient, _subject, _body in confirmations) == Counter(plan.keys())
    for recipient, _subject, body in confirmations:
        language, _topics, _events, fate = plan[recipient]
        link = next(line.strip() for line in body.splitlines() if line.strip().startswith(f"{SITE_URL}/{language}/"))
        if fate == "unconfirmed":
            continue
        assert client.post(link[len(SITE_URL):]).status_code == 200
        if fate == "unsubscribe":
            services.subscriber_unsubscribe(subscriber=Subscriber.objects.get(email=recipient))
    assert Subscriber.objects.confirmed().count() == 240

    issue = NewsletterIssueFactory(subject_fi="Kirje FI", subject_sv="Brev SV", subject_en="Letter EN")
    services.newsletter_issue_start(issue_id=issue.pk, actor=None)
    # A lost acknowledgement or a duplicated wake-up delivers the same batch task more than once.
    wait_for(lambda: NewsletterIssue.objects.filter(pk=issue.pk, prepared_at__isnull=False).exists(), message="preparation")
    for _duplicate in range(6):
        tasks.send_issue_batch.delay(issue.pk)
    wait_for(lambda: issue_status(issue.pk) == IssueStatus.SENT, message="the issue to be sent")

    subjects = {"fi": "Kirje FI", "sv": "Brev SV", "en": "Letter EN"}
    prefix = {"fi": "Uutinen", "sv": "Nyhet", "en": "News"}
    event_title = {"fi": "Tapahtuma-X", "sv": "Evenemang-X", "en": "Event-X"}
    issue_mail = [row for row in outbox.recorded() if row[1] in subjects.values()]
    received = Counter(recipient for recipient, _subject, _body in issue_mail)
    expected = {email for email, (_l, _t, _e, fate) in plan.items() if fate == "confirm"}
    assert set(received) == expected
    assert set(received.values()) == {1}
    for recipient, subject, body in issue_mail:
        language, topics, events, _fate = plan[recipient]
        assert subject == subjects[language]
        for index in range(3):
            assert (f"{prefix[language]}-{index}" in body) == (index in topics)
        assert (event_title[language] in body) == events
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENT).count() == 240


def test_worker_killed_mid_batch_misses_nobody_and_repeats_nobody(outbox, workers, settings):
    settings.NEWSLETTER_LEASE_SECONDS = 3
    env = {"NEWSLETTER_BATCH_SIZE": 20, "NEWSLETTER_LEASE_SECONDS": 3, "NEWSLETTER_TEST_SEND_DELAY": 0.01}
    SubscriberFactory.create_batch(400, language="en")
    SubscriberFactory.create_batch(20, status=SubscriberStatus.PENDING)
    issue = NewsletterIssueFactory(include_digest=False, subject_en="Crash test")

    first = workers(**env)
    first.start(concurrency=2)
    services.newsletter_issue_start(issue_id=issue.pk, actor=None)
    wait_for(lambda: len(outbox.recorded()) >= 60, message="the first messages")
    first.kill()

    sent_before = len(outbox.recorded())
    assert sent_before < 400
    assert issue_status(issue.pk) == IssueStatus.SENDING
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.CLAIMED).exists()

    second = workers(**env)
    second.start(concurrency=2)
    # The killed worker's task messages are gone; the periodic recovery task notices the silence.
    time.sleep(settings.NEWSLETTER_LEASE_SECONDS + 1)
    NewsletterIssue.objects.filter(pk=issue.pk).update(last_activity_at=timezone.now() - timedelta(seconds=60))
    tasks.recover_stalled.delay()
    wait_for(lambda: issue_status(issue.pk) == IssueStatus.SENT, message="the issue to be sent after the crash")

    received = Counter(recipient for recipient, _subject, _body in outbox.recorded())
    confirmed = set(Subscriber.objects.confirmed().values_list("email", flat=True))
    assert set(received) == confirmed
    assert len(received) == 400
    assert set(received.values()) == {1}
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENT).count() == 400
