"""Emails to applicants and the retention purge. Tasks take ids, look at the database
for what is owed, and do nothing when it was already done."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from finest.core.email import send_email

from . import links, selectors, services
from .models import Application, Decision


@shared_task
def send_link(application_id: int, requested_at: str) -> bool:
    """Mail the private link asked for at ``requested_at``, once."""
    moment = datetime.fromisoformat(requested_at)
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).select_related("call").filter(pk=application_id).first()
        if application is None or application.link_sent_for == moment:
            return False
        application.link_sent_for = moment
        application.save(update_fields=["link_sent_for"])
        url = settings.SITE_URL + links.private_path(application)
        send_email(
            to=application.email, template="applications/email/link", language=application.language,
            context={"application": application, "call": application.call, "url": url},
        )
    return True


@shared_task
def send_receipt(application_id: int) -> bool:
    """The receipt of the latest submission, with a summary of what was submitted."""
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",)).select_related("call").filter(pk=application_id).first()
        )
        if application is None or application.submitted_at is None or application.receipt_sent_for == application.submitted_at:
            return False
        application.receipt_sent_for = application.submitted_at
        application.save(update_fields=["receipt_sent_for"])
        send_email(
            to=application.email, template="applications/email/receipt", language=application.language,
            context={
                **selectors.summary_context(application),
                "url": settings.SITE_URL + links.private_path(application),
            },
        )
    return True


@shared_task
def send_decision(application_id: int) -> bool:
    """The decision, once per decision given."""
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).select_related("call").filter(pk=application_id).first()
        if application is None or application.decision == Decision.PENDING or application.decision_sent_for == application.decision:
            return False
        application.decision_sent_for = application.decision
        application.save(update_fields=["decision_sent_for"])
        comments = selectors.shared_comments(application) if application.share_comments else []
        send_email(
            to=application.email, template="applications/email/decision", language=application.language,
            context={"application": application, "call": application.call, "comments": comments},
        )
    return True


@shared_task
def purge_expired() -> tuple[int, int]:
    return services.applications_purge_expired(now=timezone.now())
