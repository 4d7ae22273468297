"""Send or schedule a newsletter issue from the shell.

    manage.py newsletter_send 12                     # send now (workers do it; in-process without REDIS_URL)
    manage.py newsletter_send 12 --at 2026-12-01T09:00+02:00
    manage.py newsletter_send 12 --test-to me@example.org --language sv
    manage.py newsletter_send 12 --inline            # start if needed and send everything due in this process
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware

from newsletter import services
from newsletter.models import IssueStatus, NewsletterIssue
from newsletter.tasks import drive_issue_inline


class Command(BaseCommand):
    help = "Send or schedule a newsletter issue, or send a test copy."

    def add_arguments(self, parser):
        parser.add_argument("issue_id", type=int)
        parser.add_argument("--at", help="Schedule for this ISO 8601 time instead of sending now.")
        parser.add_argument("--test-to", help="Only send a test copy to this address.")
        parser.add_argument("--language", default="fi", help="Language of the test copy (fi, sv, en).")
        parser.add_argument("--inline", action="store_true", help="Do the sending in this process, without workers.")

    def handle(self, *args, issue_id, at, test_to, language, inline, **options):
        issue = NewsletterIssue.objects.filter(pk=issue_id).first()
        if issue is None:
            raise CommandError(f"There is no newsletter issue {issue_id}.")
        try:
            if test_to:
                services.newsletter_issue_send_test(issue=issue, to=test_to, language=language, actor=None)
                self.stdout.write(f"Sent a test copy of issue {issue.pk} to {test_to}.")
                return
            if at:
                moment = parse_datetime(at)
                if moment is None:
                    raise CommandError(f"Cannot read the time {at!r}; use ISO 8601, e.g. 2026-12-01T09:00+02:00.")
                if is_naive(moment):
                    moment = make_aware(moment)
                services.newsletter_issue_schedule(issue=issue, at=moment, actor=None)
                self.stdout.write(f"Issue {issue.pk} is scheduled for {moment.isoformat()}.")
                return
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error

        started = services.newsletter_issue_start(issue_id=issue.pk, actor=None)
        issue.refresh_from_db()
        if not started and issue.status != IssueStatus.SENDING:
            raise CommandError(f"Issue {issue.pk} is {issue.get_status_display().lower()}; it cannot be sent.")
        if inline:
            while not services.newsletter_issue_prepare_chunk(issue_id=issue.pk):
                pass
            drive_issue_inline(issue.pk)
        issue.refresh_from_db()
        progress = issue.progress()
        self.stdout.write(
            f"Issue {issue.pk}: {progress['status']}; sent {progress['sent']}, failed {progress['failed']}, "
            f"skipped {progress['skipped']}, waiting {progress['queued'] + progress['claimed']} of {progress['total']}."
        )
