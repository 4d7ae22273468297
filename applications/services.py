"""Writes for applications and their review. The views, the admin and the tasks call
these; each takes the actor and asks the policy in ``permissions``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from finest.core.models import Country
from finest.core.money import format_eur
from finest.core.permissions import Actor
from finest.core.services import content_create, content_relations_set
from living_lab.models import OpenCall, Pilot, PilotPhase
from partners.models import Partner

from . import permissions, tasks
from .models import (
    Application,
    ApplicationStatus,
    Attachment,
    CallForm,
    Decision,
    ReviewAssignment,
    Score,
)
from .validators import validate_pdf

MB = 1024 * 1024
LINK_RESEND_AFTER = timedelta(minutes=1)


def _deadline_passed() -> ValidationError:
    return ValidationError(_("The deadline has passed: the application can no longer be changed."), code="deadline")


def form_of(call: OpenCall) -> CallForm | None:
    return CallForm.objects.filter(call=call, is_active=True).first()


@transaction.atomic
def application_start(*, call: OpenCall, email: str, language: str, actor: Actor) -> Application:
    """A draft for ``email``, or the one it already has for this call, and its private link
    sent to that address. The answer is the same either way, so nobody learns who applied."""
    if form_of(call) is None or not permissions.call_is_open(call):
        raise ValidationError(_("This call does not take applications now."), code="closed")
    application = Application.objects.select_for_update().filter(call=call, email__iexact=email).first()
    now = timezone.now()
    if application is None:
        application = Application(call=call, email=email, language=language)
        application.full_clean()
    elif application.link_requested_at and now - application.link_requested_at < LINK_RESEND_AFTER:
        # Repeated requests for one address within a minute get the mail already on its way.
        return application
    application.link_requested_at = now
    application.save()
    tasks.send_link.delay_on_commit(application.pk, application.link_requested_at.isoformat())
    return application


@transaction.atomic
def application_confirm_email(*, application: Application, actor: Actor) -> Application:
    """Opening the private link proves the address: the link went only there."""
    if not permissions.is_applicant(actor, application):
        raise PermissionDenied
    if application.email_confirmed_at is None:
        application.email_confirmed_at = timezone.now()
        application.save(update_fields=["email_confirmed_at", "modified_at"])
    return application


@dataclass(frozen=True)
class ApplicationData:
    language: str
    company_name: str
    business_id: str
    company_country: str
    contact_name: str
    title: str
    summary: str
    requested_grant: Decimal | None
    city_ids: list[int]
    answers: dict[str, str]


def _check_editable(actor: Actor, application: Application) -> None:
    if not permissions.is_applicant(actor, application):
        raise PermissionDenied
    if not permissions.call_is_open(application.call):
        raise _deadline_passed()


def _submission_errors(application: Application, form: CallForm) -> dict[str, list[str]]:
    """What keeps a complete application from being submitted, by field."""
    errors: dict[str, list[str]] = {}
    for field in ("company_name", "company_country", "contact_name", "title", "summary"):
        if not getattr(application, field):
            errors.setdefault(field, []).append(_("This field is required."))
    countries = form.country_codes
    if countries and application.company_country and application.company_country not in countries:
        errors.setdefault("company_country", []).append(_("Companies from this country are not eligible for this call."))
    if form.requires_cross_border:
        city_countries = set(application.cities.values_list("country", flat=True))
        if not {Country.FINLAND, Country.ESTONIA} <= city_countries:
            errors.setdefault("cities", []).append(_("Choose at least one Finnish and one Estonian city."))
    max_grant = application.call.max_grant
    if max_grant is not None and (application.requested_grant is None or application.requested_grant > max_grant):
        errors.setdefault("requested_grant", []).append(
            _("Give the grant you apply for: at most %(amount)s.") % {"amount": format_eur(max_grant)},
        )
    for question in form_questions(form):
        if question.required and not application.answers.get(str(question.pk), "").strip():
            errors.setdefault(f"q_{question.pk}", []).append(_("This question must be answered."))
    if application.attachments.count() < form.attachments_required:
        errors.setdefault("attachments", []).append(
            _("Attach at least %(count)s PDF file(s).") % {"count": form.attachments_required},
        )
    return errors


def form_questions(form: CallForm):
    return [question for section in form.sections.all() for question in section.questions.all()]


def application_save(*, application: Application, data: ApplicationData, submit: bool, actor: Actor) -> Application:
    """Store the applicant's answers; with ``submit``, also check that the application is
    complete and eligible and submit it with a new timestamp. A draft keeps what was typed
    even when the check fails; a submitted application changes only by a complete
    resubmission, so it is never left half-edited."""
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).select_related("call").get(pk=application.pk)
        _check_editable(actor, application)
        form = form_of(application.call)
        if form is None:
            raise _deadline_passed()
        submit = submit or application.is_submitted
        _apply(application, data, form)
        errors = _submission_errors(application, form) if submit else {}
        if errors and application.is_submitted:
            transaction.set_rollback(True)
        elif submit and not errors:
            application.status = ApplicationStatus.SUBMITTED
            application.submitted_at = timezone.now()
            application.save(update_fields=["status", "submitted_at", "modified_at"])
            tasks.send_receipt.delay_on_commit(application.pk)
    if errors:
        raise ValidationError(errors)
    return application


def _apply(application: Application, data: ApplicationData, form: CallForm) -> None:
    for field in ("language", "company_name", "business_id", "company_country", "contact_name", "title", "summary", "requested_grant"):
        setattr(application, field, getattr(data, field))
    known = {str(question.pk) for question in form_questions(form)}
    application.answers = {key: value for key, value in data.answers.items() if key in known}
    business_id = application.business_id.strip()
    application.organisation = Partner.objects.filter(business_id__iexact=business_id).first() if business_id else None
    application.full_clean()
    application.save()
    application.cities.set(data.city_ids)


@transaction.atomic
def attachment_add(*, application: Application, upload, actor: Actor) -> Attachment:
    """Keep a PDF that passed the content checks; it is stored at once, so a failed
    submission never loses it."""
    application = Application.objects.select_for_update(of=("self",)).select_related("call").get(pk=application.pk)
    _check_editable(actor, application)
    form = form_of(application.call)
    if application.attachments.count() >= form.attachments_max:
        raise ValidationError(_("At most %(count)s attachments are allowed.") % {"count": form.attachments_max}, code="too_many")
    checked = validate_pdf(upload, max_bytes=form.attachment_max_mb * MB, max_pages=form.attachment_max_pages)
    name = (upload.name or "attachment.pdf").rsplit("/", 1)[-1][:200]
    attachment = Attachment(application=application, original_name=name, size=checked.size, pages=checked.pages)
    attachment.file.save("attachment.pdf", upload, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment


def _delete_files(attachments) -> None:
    names = [attachment.file.name for attachment in attachments]
    storage = Attachment._meta.get_field("file").storage

    def remove():
        for name in names:
            storage.delete(name)

    # Files go only once the rows are gone for good.
    transaction.on_commit(remove)


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor: Actor) -> None:
    _check_editable(actor, attachment.application)
    _delete_files([attachment])
    attachment.delete()


@transaction.atomic
def application_withdraw(*, application: Application, actor: Actor) -> None:
    """The applicant takes the application back: it and its files are deleted."""
    if not permissions.is_applicant(actor, application):
        raise PermissionDenied
    if application.pilot_id is not None:
        raise ValidationError(_("This application has already become a pilot; please contact us."), code="pilot")
    _delete_files(list(application.attachments.all()))
    application.delete()


@transaction.atomic
def review_assign(*, application: Application, reviewer, actor: Actor) -> ReviewAssignment:
    if not permissions.can_manage(actor):
        raise PermissionDenied
    if not application.is_submitted:
        raise ValidationError(_("Only submitted applications can be reviewed."))
    assignment = ReviewAssignment(application=application, reviewer=reviewer)
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def review_declare_conflict(*, assignment: ReviewAssignment, note: str, actor: Actor) -> ReviewAssignment:
    """The reviewer steps aside; the application disappears from their list."""
    if not permissions.can_review(actor, assignment):
        raise PermissionDenied
    assignment.conflict_declared = True
    assignment.conflict_note = note
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def review_submit(*, assignment: ReviewAssignment, scores: dict[int, tuple[int, str]], actor: Actor) -> ReviewAssignment:
    """Every criterion scored from 0 to the form's top score, with a comment; then final."""
    assignment = ReviewAssignment.objects.select_for_update(of=("self",)).select_related("application__call").get(pk=assignment.pk)
    if not permissions.can_review(actor, assignment):
        raise PermissionDenied
    form = CallForm.objects.get(call=assignment.application.call)
    criteria = list(form.criteria.all())
    errors = {}
    for criterion in criteria:
        value, comment = scores.get(criterion.pk, (None, ""))
        if value is None or not 0 <= value <= form.score_max:
            errors[f"score_{criterion.pk}"] = _("Give a score from 0 to %(max)s.") % {"max": form.score_max}
    if errors:
        raise ValidationError(errors)
    for criterion in criteria:
        value, comment = scores[criterion.pk]
        score = Score(assignment=assignment, criterion=criterion, value=value, comment=comment.strip())
        score.full_clean(validate_constraints=False)
        Score.objects.update_or_create(assignment=assignment, criterion=criterion, defaults={"value": value, "comment": score.comment})
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["submitted_at"])
    return assignment


@transaction.atomic
def application_decide(*, application: Application, decision: str, share_comments: bool, actor: Actor) -> Application:
    """Record the decision; the applicant is emailed about it in their language."""
    if not permissions.can_manage(actor):
        raise PermissionDenied
    if not application.is_submitted:
        raise ValidationError(_("Only submitted applications can be decided."))
    if permissions.call_is_open(application.call):
        raise ValidationError(_("Decisions are made after the deadline."))
    application.decision = decision
    application.share_comments = share_comments
    application.decided_at = timezone.now() if decision else None
    application.full_clean()
    # Only these columns: the task's own bookkeeping (what was mailed) must not be overwritten.
    application.save(update_fields=["decision", "share_comments", "decided_at", "modified_at"])
    if decision:
        tasks.send_decision.delay_on_commit(application.pk)
    return application


@transaction.atomic
def application_make_pilot(*, application: Application, actor: Actor) -> Pilot:
    """A draft Living Lab pilot from a selected application: the company takes part, the
    call's organiser hosts it, and the cities and the description carry over."""
    if not permissions.can_manage(actor):
        raise PermissionDenied
    application = Application.objects.select_for_update(of=("self",)).select_related("call__host", "organisation").get(pk=application.pk)
    if application.decision != Decision.SELECTED:
        raise ValidationError(_("Only a selected application can become a pilot."))
    if application.pilot_id is not None:
        return application.pilot
    company = application.organisation or _company_partner(application, actor=actor)
    pilot = Pilot(
        title=application.title, summary=application.summary, phase=PilotPhase.SELECTED,
        host=application.call.host or company, open_call=application.call,
    )
    # Through the content services, as the admin and the API write pilots and partners.
    content_create(obj=pilot, actor=actor)
    content_relations_set(obj=pilot, relations={"cities": application.cities.all(), "participants": [company]}, actor=actor)
    application.pilot = pilot
    application.save(update_fields=["pilot", "modified_at"])
    return pilot


def _company_partner(application: Application, *, actor: Actor) -> Partner:
    """A draft partner for a company new to the portal, for staff to complete."""
    country = application.company_country or Country.OTHER
    partner = Partner(name=application.company_name, type="company", country=country, business_id=application.business_id)
    return content_create(obj=partner, actor=actor)


def applications_purge_expired(*, now=None) -> tuple[int, int]:
    """Delete applications past the retention period, and attachments past theirs.
    Returns (applications, attachments) deleted."""
    now = now or timezone.now()
    with transaction.atomic():
        old = Application.objects.past_retention(now)
        files = list(Attachment.objects.filter(application__in=old))
        _delete_files(files)
        applications = old.count()
        old.delete()
    cutoff = now - timedelta(days=settings.APPLICATIONS_ATTACHMENT_RETENTION_DAYS)
    with transaction.atomic():
        expired = list(Attachment.objects.filter(application__call__deadline__lt=cutoff))
        _delete_files(expired)
        Attachment.objects.filter(pk__in=[attachment.pk for attachment in expired]).delete()
    return applications, len(files) + len(expired)
