"""Registration emails and housekeeping. Tasks take ids and are idempotent: the
database says what is owed (``notified_status``, ``reminder_sent_at``, unsent
deliveries), so a task run twice, or a lost one re-run by ``recover``, sends nothing twice."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from finest.core.permissions import Actor

from . import notifications, services
from .models import AnnouncementDelivery, Registrant, Registration

logger = logging.getLogger(__name__)
SYSTEM = Actor(is_staff=True)


@shared_task(ignore_result=True)
def send_status_notice(registrant_id: int) -> bool:
    """Email the registrant about their current status, unless that was already done."""
    with transaction.atomic():
        registrant = (
            Registrant.objects.select_for_update(of=("self",)).order_by()
            .select_related("registration__event", "registration__session").filter(pk=registrant_id).first()
        )
        if registrant is None or registrant.is_erased or registrant.notified_status == registrant.status:
            return False
        notifications.send_status_email(registrant)
        registrant.notified_status = registrant.status
        registrant.save(update_fields=["notified_status"])
    return True


@shared_task(ignore_result=True)
def send_reminder(registrant_id: int) -> bool:
    with transaction.atomic():
        locked = Registrant.objects.select_for_update(of=("self",)).order_by().select_related("registration__event")
        registrant = locked.filter(pk=registrant_id).first()
        if registrant is None or not Registrant.objects.reminder_candidates().filter(pk=registrant_id).exists():
            return False
        if not registrant.reminder_due():
            return False
        notifications.send_reminder_email(registrant)
        registrant.reminder_sent_at = timezone.now()
        registrant.save(update_fields=["reminder_sent_at"])
    return True


@shared_task(ignore_result=True)
def send_announcement(announcement_id: int) -> int:
    """Send every unsent delivery of the message; each is marked as it goes."""
    sent = 0
    connection = get_connection()
    pending = AnnouncementDelivery.objects.filter(announcement_id=announcement_id, sent_at__isnull=True)
    for delivery_id in pending.values_list("pk", flat=True):
        with transaction.atomic():
            delivery = (
                AnnouncementDelivery.objects.select_for_update(of=("self",)).order_by()
                .select_related("announcement", "registrant__registration__event")
                .filter(pk=delivery_id, sent_at__isnull=True).first()
            )
            if delivery is None:
                continue
            if not delivery.registrant.is_erased:
                notifications.send_announcement_email(delivery.announcement, delivery.registrant, connection=connection)
                sent += 1
            delivery.sent_at = timezone.now()
            delivery.save(update_fields=["sent_at"])
    return sent


@shared_task(ignore_result=True)
def recover() -> dict[str, int]:
    """Periodic: fill places that lapsed holds freed, and re-send what a lost task owed."""
    promoted = 0
    for registration_id in Registration.objects.enabled().filter(event__end__gt=timezone.now()).values_list("pk", flat=True):
        promoted += len(services.registration_fill_from_waitlist(registration_id=registration_id, actor=SYSTEM))
    owed = list(Registrant.objects.notice_owed().values_list("pk", flat=True)[:500])
    for registrant_id in owed:
        send_status_notice.delay(registrant_id)
    candidates = Registrant.objects.reminder_candidates().select_related("registration__event")
    reminders = [registrant.pk for registrant in candidates if registrant.reminder_due()]
    for registrant_id in reminders:
        send_reminder.delay(registrant_id)
    announcements = set(AnnouncementDelivery.objects.filter(sent_at__isnull=True).values_list("announcement_id", flat=True))
    for announcement_id in announcements:
        send_announcement.delay(announcement_id)
    return {"promoted": promoted, "notices": len(owed), "reminders": len(reminders), "announcements": len(announcements)}


@shared_task(ignore_result=True)
def enforce_retention() -> int:
    """Periodic: erase registrants' personal data REGISTRATIONS_RETENTION_DAYS after the event."""
    return services.registrations_enforce_retention(actor=SYSTEM)
