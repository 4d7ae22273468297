"""Writes for registrations. The public views, the admin, the API and the tasks all
call these, each with the actor who acts.

No overbooking: every change that takes or frees a place locks the ``Registration``
row first (``select_for_update``), then counts its registrants, so two sign-ups for the
last place are served one after the other on PostgreSQL. SQLite runs each write
transaction alone (``transaction_mode=IMMEDIATE`` in settings), which gives the same."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from finest.core.permissions import Actor

from . import tasks
from .models import Announcement, AnnouncementDelivery, Hold, Registrant, RegistrantStatus, Registration, new_key


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _lock(registration_id: int) -> Registration:
    """The registration, locked until the transaction ends. Counts read after this are final."""
    registration = Registration.objects.select_for_update(of=("self",)).order_by().get(pk=registration_id)
    return Registration.objects.with_counts().select_related("event", "session").get(pk=registration.pk)


def _check_open(registration: Registration, now: datetime) -> None:
    if registration.event.is_cancelled:
        raise _refuse(_("This event has been cancelled, so registration is closed."), "event_cancelled")
    if registration.is_closed(now):
        if registration.opens_later(now):
            raise _refuse(_("Registration has not opened yet."), "not_open")
        raise _refuse(_("Registration for this event is closed."), "closed")


def _check_audience(registration: Registration, *, name: str, email: str) -> None:
    same_email = registration.registrants.active().filter(email__iexact=email)
    if same_email.filter(name__iexact=name).exists():
        raise _refuse(_("You have already registered with this name and email address."), "duplicate")
    if same_email.count() >= registration.max_per_email:
        raise _refuse(_("This email address has already used all the registrations it may make for this event."), "per_email")


def _what_is_free(registration: Registration) -> str:
    """PLACE, WAITLIST or NONE for a newcomer, from the locked counts."""
    counts = registration.counts()
    if registration.places_left(counts) != 0:
        return Hold.PLACE
    if registration.waitlist_left(counts) != 0:
        return Hold.WAITLIST
    return Hold.NONE


@transaction.atomic
def registrant_register(
    *,
    registration_id: int,
    name: str,
    email: str,
    language: str,
    organisation: str = "",
    dietary: str = "",
    accessibility: str = "",
    consent_share: bool = False,
    answers: dict[str, str] | None = None,
    actor: Actor,
) -> Registrant:
    """A sign-up waiting for its email to be confirmed. It holds a place (or a waiting-list
    place) for REGISTRATIONS_HOLD_MINUTES; with neither left it is refused."""
    now = timezone.now()
    registration = _lock(registration_id)
    _check_open(registration, now)
    _check_audience(registration, name=name, email=email)
    hold = _what_is_free(registration)
    if hold == Hold.NONE:
        raise _refuse(_("The event is full and its waiting list too."), "full")
    registrant = Registrant(
        registration=registration, status=RegistrantStatus.PENDING, hold=hold,
        hold_until=now + timedelta(minutes=settings.REGISTRATIONS_HOLD_MINUTES),
        name=name.strip(), email=email.strip(), language=language, organisation=organisation, dietary=dietary,
        accessibility=accessibility, consent_share=consent_share, answers=answers or {},
    )
    registrant.full_clean()
    registrant.save()
    tasks.send_status_notice.delay_on_commit(registrant.pk)
    return registrant


def _place(registrant: Registrant, registration: Registration, now: datetime) -> None:
    """Confirmed or waitlisted, from what is free now (its own active hold counts as free)."""
    held = registrant.hold if registrant.hold_until and registrant.hold_until > now else Hold.NONE
    free = held if held == Hold.PLACE else _what_is_free(registration)
    if free == Hold.PLACE:
        registrant.status = RegistrantStatus.CONFIRMED
    elif free == Hold.WAITLIST or held == Hold.WAITLIST:
        registrant.status = RegistrantStatus.WAITLISTED
        registrant.waitlisted_at = now
    else:
        raise _refuse(_("Sorry, the last places went while your confirmation was waiting. The event is full."), "full")


@transaction.atomic
def registrant_confirm_email(*, registrant: Registrant, actor: Actor) -> Registrant:
    """The email address is the registrant's: confirmed if a place is free, else waitlisted.
    Confirming twice changes nothing."""
    now = timezone.now()
    registration = _lock(registrant.registration_id)
    registrant = Registrant.objects.select_for_update(of=("self",)).order_by().get(pk=registrant.pk)
    if registrant.status != RegistrantStatus.PENDING:
        return registrant
    _check_open(registration, now)
    _place(registrant, registration, now)
    registrant.email_confirmed_at = now
    registrant.hold, registrant.hold_until = Hold.NONE, None
    registrant.full_clean()
    registrant.save()
    tasks.send_status_notice.delay_on_commit(registrant.pk)
    return registrant


def _promote_waiting(registration: Registration, now: datetime) -> list[int]:
    """Confirm the first waitlisted while places are free; their ids."""
    left = registration.places_left(registration.counts())
    queue = registration.registrants.waitlist_order()
    promoted = list(queue.values_list("pk", flat=True) if left is None else queue.values_list("pk", flat=True)[:left])
    Registrant.objects.filter(pk__in=promoted).update(status=RegistrantStatus.CONFIRMED)
    for pk in promoted:
        tasks.send_status_notice.delay_on_commit(pk)
    return promoted


@transaction.atomic
def registration_fill_from_waitlist(*, registration_id: int, actor: Actor) -> list[int]:
    """Promote from the waiting list into every free place (after a cancellation, a lapsed
    hold or more places). Returns the promoted registrants' ids."""
    registration = _lock(registration_id)
    if registration.event.is_cancelled or registration.event.is_past:
        return []
    return _promote_waiting(registration, timezone.now())


@transaction.atomic
def registrant_cancel(*, registrant: Registrant, actor: Actor) -> Registrant:
    """Cancel; a freed place goes at once to the first on the waiting list."""
    now = timezone.now()
    registration = _lock(registrant.registration_id)
    registrant = Registrant.objects.select_for_update(of=("self",)).order_by().get(pk=registrant.pk)
    if registrant.status == RegistrantStatus.CANCELLED:
        return registrant
    if registration.event.is_past and not actor.is_staff:
        raise _refuse(_("The event has already taken place."), "past")
    registrant.status = RegistrantStatus.CANCELLED
    registrant.cancelled_at = now
    registrant.hold, registrant.hold_until = Hold.NONE, None
    registrant.full_clean()
    registrant.save()
    if registrant.email_confirmed_at:
        tasks.send_status_notice.delay_on_commit(registrant.pk)
    else:
        # Nobody to tell: the address was never confirmed.
        registrant.notified_status = RegistrantStatus.CANCELLED
        registrant.save(update_fields=["notified_status"])
    registration = Registration.objects.with_counts().select_related("event").get(pk=registration.pk)
    if not (registration.event.is_cancelled or registration.event.is_past):
        _promote_waiting(registration, now)
    return registrant


@transaction.atomic
def registrant_staff_confirm(*, registrant: Registrant, actor: Actor) -> Registrant:
    """Staff confirm a pending or waitlisted registrant, also beyond the capacity: staff decide."""
    _require_staff(actor)
    _lock(registrant.registration_id)
    registrant = Registrant.objects.select_for_update(of=("self",)).order_by().get(pk=registrant.pk)
    if registrant.status == RegistrantStatus.CONFIRMED:
        return registrant
    registrant.status = RegistrantStatus.CONFIRMED
    registrant.email_confirmed_at = registrant.email_confirmed_at or timezone.now()
    registrant.hold, registrant.hold_until, registrant.cancelled_at = Hold.NONE, None, None
    registrant.full_clean()
    registrant.save()
    tasks.send_status_notice.delay_on_commit(registrant.pk)
    return registrant


@transaction.atomic
def registrant_check_in(*, registrant: Registrant, arrived: bool, actor: Actor) -> Registrant:
    _require_staff(actor)
    registrant = Registrant.objects.select_for_update(of=("self",)).order_by().get(pk=registrant.pk)
    if registrant.status != RegistrantStatus.CONFIRMED:
        raise _refuse(_("Only confirmed registrants can be checked in."), "not_confirmed")
    registrant.checked_in_at = (registrant.checked_in_at or timezone.now()) if arrived else None
    registrant.save(update_fields=["checked_in_at"])
    return registrant


def _anonymise(registrant: Registrant, now: datetime) -> None:
    registrant.name = registrant.email = registrant.organisation = registrant.dietary = registrant.accessibility = ""
    registrant.answers = {}
    registrant.consent_share = False
    registrant.key = new_key()
    registrant.erased_at = now
    # Nothing more is sent to an erased registrant.
    registrant.notified_status = registrant.status
    registrant.save()


def _log_staff_erasure(registrant: Registrant, actor: Actor, reason: str) -> None:
    LogEntry.objects.log_actions(
        user_id=actor.user.pk,
        queryset=[registrant],
        action_flag=CHANGE,
        change_message=_("Personal data erased on request. %(reason)s") % {"reason": reason},
        single_object=True,
    )


@transaction.atomic
def registrant_erase(*, registrant: Registrant, actor: Actor, reason: str = "") -> Registrant:
    """Erase the personal data and keep the row (and so the counts). An active registration
    is cancelled first, so its place goes to the waiting list. Staff erasures are logged."""
    if registrant.status != RegistrantStatus.CANCELLED and not registrant.registration.event.is_past:
        registrant = registrant_cancel(registrant=registrant, actor=actor)
    registrant = Registrant.objects.select_for_update(of=("self",)).order_by().get(pk=registrant.pk)
    if registrant.is_erased:
        return registrant
    if actor.is_staff and actor.user is not None:
        _log_staff_erasure(registrant, actor, reason)
    _anonymise(registrant, timezone.now())
    return registrant


@transaction.atomic
def registrations_enforce_retention(*, actor: Actor, now: datetime | None = None) -> int:
    """Anonymise the registrants of events that ended REGISTRATIONS_RETENTION_DAYS ago, and
    delete sign-ups whose email was never confirmed. Counts by status stay. Returns how many."""
    now = now or timezone.now()
    expired = Registrant.objects.not_erased().filter(registration__in=Registration.objects.past_retention(now))
    erased = 0
    for registrant in expired.select_for_update(of=("self",)).order_by():
        _anonymise(registrant, now)
        erased += 1
    stale = now - timedelta(hours=settings.REGISTRATIONS_CONFIRM_MAX_AGE_HOURS)
    deleted, _by_model = Registrant.objects.filter(status=RegistrantStatus.PENDING, created_at__lt=stale).delete()
    return erased + deleted


@transaction.atomic
def registration_save(*, registration: Registration, actor: Actor) -> Registration:
    """Create or change a registration's settings; places it adds go to the waiting list."""
    _require_staff(actor)
    registration.full_clean()
    registration.save()
    transaction.on_commit(lambda: registration_fill_from_waitlist(registration_id=registration.pk, actor=actor))
    return registration


@transaction.atomic
def announcement_create(
    *, registration: Registration, subject: dict[str, str], body: dict[str, str], registrant_ids: list[int], actor: Actor
) -> Announcement:
    """A message to the given registrants of ``registration``, each getting it in their language."""
    _require_staff(actor)
    announcement = Announcement(registration=registration, created_by=actor.user)
    for language, _name in settings.LANGUAGES:
        setattr(announcement, f"subject_{language}", subject.get(language, ""))
        setattr(announcement, f"body_{language}", body.get(language, ""))
    announcement.full_clean()
    announcement.save()
    recipients = registration.registrants.not_erased().filter(pk__in=registrant_ids)
    AnnouncementDelivery.objects.bulk_create(
        [AnnouncementDelivery(announcement=announcement, registrant=registrant) for registrant in recipients]
    )
    tasks.send_announcement.delay_on_commit(announcement.pk)
    return announcement


def _require_staff(actor: Actor) -> None:
    if not actor.is_staff:
        raise _refuse(_("Only staff can do this."), "forbidden")
