"""End to end with real processes: PostgreSQL, a Celery worker and beat (subprocesses), a
redis-server of the test's own, and a real SMTP server on loopback (tests/newsletter/smtp_sink.py)
that records every message it accepts with its Message-ID.

The chaos test is the proof of the sending guarantee: it SIGKILLs the worker's whole process
group while it sends, restarts Redis, and refuses SMTP connections for a while, with the
production timings (lease, supervisor, circuit breaker). These tests fail (never skip) without
DATABASE_URL=postgres://… and REDIS_URL; `make test` starts throwaway ones."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from kombu import pools as kombu_pools

from finest.celery import app as celery_app
from newsletter import services, tasks
from newsletter.models import Delivery, DeliveryStatus, IssueStatus, NewsletterIssue, Subscriber, SubscriberStatus
from newsletter.rendering import message_id
from newsletter.services.delivery import GROUP_SIZE
from newsletter.tokens import MANAGE, make_token
from tests.factories import ArticleFactory, EventFactory, FocusAreaFactory
from tests.newsletter.factories import NewsletterIssueFactory, SubscriberFactory
from tests.newsletter.smtp_sink import SmtpSink
from tests.ops.conftest import RedisServer, _free_port

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(settings.BASE_DIR)
SITE_URL = "http://testserver"


def require_services():
    problems = []
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        problems.append("DATABASE_URL must point to PostgreSQL (e.g. postgres://postgres@127.0.0.1:5432/finest_nl)")
    if not os.environ.get("REDIS_URL"):
        problems.append("REDIS_URL must be set (e.g. redis://127.0.0.1:6379/5)")
    if shutil.which("redis-server") is None:
        problems.append("redis-server must be installed")
    if problems:
        pytest.fail(
            "The newsletter integration tests need a real worker, PostgreSQL and Redis: "
            + "; ".join(problems)
            + ". `make test` starts a throwaway PostgreSQL and Redis for them.",
            pytrace=False,
        )


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Processes:
    """Worker and beat subprocesses, each in its own process group, as a service manager runs them."""

    def __init__(self, redis_url: str, smtp_port: int, **env):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "TESTING": "1",
            "DEBUG": "1",
            "SITE_URL": SITE_URL,
            "EMAIL_BACKEND": "finest.core.email.SMTPBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "3",
            "CONN_MAX_AGE": "0",
            "LOG_LEVEL": "WARNING",
            **{key: str(value) for key, value in env.items()},
        }
        self.worker: subprocess.Popen | None = None
        self.beat: subprocess.Popen | None = None
        self.schedule_dir = tempfile.mkdtemp(prefix="newsletter-beat-")

    def _spawn(self, *args: str) -> subprocess.Popen:
        # Through tests.clockshift, so that the processes see the session's clock (--clock-shift-days).
        return subprocess.Popen(
            [sys.executable, "-m", "tests.clockshift", "celery", "-A", "finest", *args, "--loglevel=WARNING"],
            cwd=BASE_DIR, env=self.env, start_new_session=True, stdout=subprocess.DEVNULL,
        )

    def start_worker(self, concurrency=2):
        self.worker = self._spawn(
            "worker", f"--concurrency={concurrency}", "--pool=prefork", "--without-gossip", "--without-mingle",
            "--without-heartbeat", "-n", f"newsletter-test-{os.getpid()}-{random.randrange(10**6)}@%h",
        )

    def start_beat(self):
        self.beat = self._spawn("beat", "--schedule", str(Path(self.schedule_dir) / "schedule"))

    def kill_worker(self):
        """SIGKILL the worker and its pool processes at once, as a crash would."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(timeout=10)

    def stop(self):
        for process in (self.worker, self.beat):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        shutil.rmtree(self.schedule_dir, ignore_errors=True)


@pytest.fixture
def redis_server():
    require_services()
    server = RedisServer(_free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp():
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def system(transactional_db, redis_server, smtp, settings):
    """The test process publishes to the test's own Redis too (starting an issue queues its preparation)."""
    settings.SITE_URL = SITE_URL
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=redis_server.url, task_always_eager=False)
    kombu_pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    started = []

    def make(**env):
        processes = Processes(redis_server.url, smtp.port, **env)
        started.append(processes)
        return processes

    yield make
    for processes in started:
        processes.stop()
    celery_app.conf.update(saved)
    kombu_pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def wait_for(condition, timeout=120.0, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"Timed out waiting for {message}")


def issue_status(issue_id):
    return NewsletterIssue.objects.values_list("status", flat=True).get(pk=issue_id)


def test_subscribe_confirm_and_send_to_mixed_languages_and_topics(system, smtp, client, settings):
    settings.NEWSLETTER_SIGNUPS_PER_IP = 10_000
    processes = system(NEWSLETTER_BATCH_SIZE=25, NEWSLETTER_SEND_RATE=0)
    processes.start_worker()

    areas = FocusAreaFactory.create_batch(3)
    for index, area in enumerate(areas):
        article = ArticleFactory(title_fi=f"Uutinen-{index}", title_sv=f"Nyhet-{index}", title_en=f"News-{index}")
        article.focus_areas.set([area])
    EventFactory(title_fi="Tapahtuma-X", title_sv="Evenemang-X", title_en="Event-X")

    rng = random.Random(5)
    plan = {}
    for n in range(120):
        email = f"reader{n}@example.org"
        language = rng.choice(["fi", "sv", "en"])
        topics = rng.sample(range(3), rng.randint(1, 3))
        events = rng.random() < 0.5
        fate = "confirm" if n < 90 else ("unconfirmed" if n < 105 else "unsubscribe")
        plan[email] = (language, set(topics), events, fate)
        services.subscriber_subscribe(
            email=email, language=language, focus_area_ids=[areas[i].pk for i in topics], wants_events=events, ip=f"10.0.0.{n % 250}"
        )

    wait_for(lambda: smtp.total() >= 120, message="120 confirmation mails from the worker")
    confirmations = smtp.received()
    assert Counter(message.recipient for message in confirmations) == Counter(plan.keys())
    for message in confirmations:
        language, _topics, _events, fate = plan[message.recipient]
        link = next(line.strip() for line in message.body.splitlines() if line.strip().startswith(f"{SITE_URL}/{language}/"))
        if fate == "unconfirmed":
            continue
        assert client.post(link[len(SITE_URL):]).status_code == 200
        if fate == "unsubscribe":
            services.subscriber_unsubscribe(subscriber=Subscriber.objects.get(email=message.recipient))
    assert Subscriber.objects.confirmed().count() == 90

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
    issue_mail = [message for message in smtp.received() if message.subject in subjects.values()]
    received = Counter(message.recipient for message in issue_mail)
    expected = {email for email, (_l, _t, _e, fate) in plan.items() if fate == "confirm"}
    assert set(received) == expected
    assert set(received.values()) == {1}
    for message in issue_mail:
        language, topics, events, _fate = plan[message.recipient]
        assert message.subject == subjects[language]
        for index in range(3):
            assert (f"{prefix[language]}-{index}" in message.body) == (index in topics)
        assert (event_title[language] in message.body) == events
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENT).count() == 90


def test_chaos_worker_killed_redis_restarted_smtp_refused_misses_nobody_and_no_visible_duplicate(
    system, smtp, redis_server, client
):
    """300 subscribers at 15 messages a second (about 20 s of sending), with the production lease,
    supervisor and circuit breaker. Faults land while it sends; some subscribers unsubscribe mid-send."""
    confirmed = SubscriberFactory.create_batch(300, language="en")
    rejected = [SubscriberFactory(language="en", email=f"reject{n}@example.org") for n in range(3)]
    SubscriberFactory.create_batch(10, status=SubscriberStatus.PENDING)
    issue = NewsletterIssueFactory(include_digest=False, subject_en="Chaos")
    processes = system(NEWSLETTER_SEND_RATE=15, NEWSLETTER_BATCH_SIZE=10)
    processes.start_beat()
    processes.start_worker()
    services.newsletter_issue_start(issue_id=issue.pk, actor=None)

    def issue_mail():
        return [message for message in smtp.received() if message.subject == "Chaos"]

    unsubscribed_at: dict[str, float] = {}

    def unsubscribe_some(count):
        # Still confirmed: an earlier round's unsubscribes (and hard bounces) erased their subscribers.
        waiting = Delivery.objects.filter(
            issue=issue, status=DeliveryStatus.QUEUED, subscriber__status=SubscriberStatus.CONFIRMED
        ).order_by("?")[:count]
        for delivery in waiting.select_related("subscriber"):
            url = reverse("newsletter:unsubscribe", kwargs={"token": make_token(delivery.subscriber, MANAGE)})
            assert client.post(url).status_code == 200
            unsubscribed_at[delivery.subscriber.email] = time.monotonic()

    wait_for(lambda: len(issue_mail()) >= 40, message="the first 40 messages")
    processes.kill_worker()
    killed_at = time.monotonic()
    unsubscribe_some(5)
    processes.start_worker()

    wait_for(lambda: len(issue_mail()) >= 100, message="sending to resume after the kill")
    resumed_after_kill = min(m.at for m in issue_mail() if m.at > killed_at) - killed_at
    redis_server.stop()
    time.sleep(2)
    redis_server.start()
    unsubscribe_some(5)

    wait_for(lambda: len(issue_mail()) >= 160, message="sending to go on after the Redis restart")
    smtp.stop()
    refused_until = time.monotonic() + 5
    time.sleep(5)
    smtp.start()

    wait_for(lambda: issue_status(issue.pk) == IssueStatus.SENT, timeout=90, message="the issue to be sent")
    mail = issue_mail()
    resumed_after_smtp = min(m.at for m in mail if m.at > refused_until) - refused_until

    by_recipient = defaultdict(list)
    for message in mail:
        by_recipient[message.recipient].append(message)
    left = set(unsubscribed_at)
    expected = {subscriber.email for subscriber in confirmed} - left
    # 0 missed, and nothing to pending or refused addresses.
    assert expected <= set(by_recipient) <= {subscriber.email for subscriber in confirmed}
    # 0 copies with a different Message-ID: a repeated copy is the same message.
    ids = {subscriber.email: message_id(issue.pk, subscriber.pk) for subscriber in confirmed}
    for recipient, messages in by_recipient.items():
        assert {message.message_id for message in messages} == {ids[recipient]}, recipient
    # The crash window is one group commit per killed pool process (two of them), and one message per
    # session the SMTP stop cut off (the server kept it, the 250 never arrived).
    assert sum(len(messages) - 1 for messages in by_recipient.values()) <= 2 * GROUP_SIZE + 2
    # 0 mails after a confirmed unsubscribe.
    for email, at in unsubscribed_at.items():
        assert all(message.at < at for message in by_recipient.get(email, [])), email
    # Bounded recovery: no gap of 30 s in the whole run.
    moments = sorted(message.at for message in mail)
    longest_gap = max(b - a for a, b in zip(moments, moments[1:], strict=False))
    assert longest_gap < 30
    assert resumed_after_kill < 30 and resumed_after_smtp < 30
    # Neither the kill, the restart nor the refusals used an attempt; the 550s failed for good.
    rows = Delivery.objects.filter(issue=issue)
    statuses = Counter(rows.values_list("status", flat=True))
    assert sum(statuses.values()) == 300 + len(rejected)
    assert statuses[DeliveryStatus.SENT] >= 300 - len(left)
    # A refused address ends failed, or skipped when a kill came after its hard bounce had erased the
    # subscriber but before its row was marked: either way it got nothing (asserted above).
    assert statuses[DeliveryStatus.FAILED] <= len(rejected)
    assert statuses[DeliveryStatus.FAILED] + statuses[DeliveryStatus.SKIPPED] <= len(rejected) + len(left)
    # Only those who unsubscribed (or were refused) were skipped, and unsubscribing erased them.
    assert not Subscriber.objects.filter(email__in=left).exists()
    assert set(rows.exclude(status=DeliveryStatus.FAILED).values_list("attempts", flat=True)) == {0}

