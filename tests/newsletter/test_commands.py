from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsletter.models import IssueStatus, NewsletterIssue
from tests.newsletter.factories import NewsletterIssueFactory, SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_settings")]


def run(*args):
    out = StringIO()
    call_command("newsletter_send", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def test_send_inline_from_the_shell():
    SubscriberFactory.create_batch(3)
    issue = NewsletterIssueFactory()
    output = run(issue.pk, "--inline")
    assert NewsletterIssue.objects.get().status == IssueStatus.SENT
    assert len(mail.outbox) == 3
    assert "sent 3" in output


def test_schedule_from_the_shell():
    issue = NewsletterIssueFactory()
    at = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    run(issue.pk, "--at", at.isoformat())
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SCHEDULED
    assert issue.scheduled_at == at


def test_test_copy_from_the_shell():
    issue = NewsletterIssueFactory()
    run(issue.pk, "--test-to", "editor@example.org", "--language", "en")
    assert [message.subject for message in mail.outbox] == [issue.subject_en]
    assert NewsletterIssue.objects.get().status == IssueStatus.DRAFT


def test_errors_are_clear():
    with pytest.raises(CommandError, match="no newsletter issue"):
        run(999999)
    issue = NewsletterIssueFactory(status=IssueStatus.CANCELLED)
    with pytest.raises(CommandError, match="cannot be sent"):
        run(issue.pk)
    with pytest.raises(CommandError, match="Cannot read the time"):
        run(NewsletterIssueFactory().pk, "--at", "tomorrow")
