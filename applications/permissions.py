"""The applications policy: who may see and change an application, its attachments and
its reviews. Views, the API and services ask these functions only.

The applicant is not a user: the signed private link makes an actor that holds the
scope ``application:<public id>`` for that one application."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from finest.core.permissions import Actor, ModelPolicy, register

from .models import REVIEWERS_GROUP, Application, ApplicationStatus, ReviewAssignment


def applicant_actor(application: Application) -> Actor:
    return Actor(scopes=frozenset({applicant_scope(application)}))


def applicant_scope(application: Application) -> str:
    return f"application:{application.public_id}"


def is_applicant(actor: Actor, application: Application) -> bool:
    return applicant_scope(application) in actor.scopes


def is_reviewer(actor: Actor) -> bool:
    user = actor.user
    return bool(user and user.is_authenticated and user.is_active and user.groups.filter(name=REVIEWERS_GROUP).exists())


def _user_id(actor: Actor):
    user = actor.user
    return user.pk if user is not None and user.is_authenticated else None


def assignment_of(actor: Actor, application: Application) -> ReviewAssignment | None:
    """The actor's own assignment to ``application``, if they are an active reviewer."""
    if not is_reviewer(actor):
        return None
    return ReviewAssignment.objects.filter(application=application, reviewer_id=_user_id(actor)).first()


def visible_applications(actor: Actor, queryset: models.QuerySet, *, api_grant: bool = False) -> models.QuerySet:
    """Staff see every application; a reviewer those assigned to them without a conflict;
    a partner key with the applications scope the submitted ones to calls its
    organisation hosts; everybody else none."""
    if actor.is_staff:
        return queryset
    if is_reviewer(actor):
        return queryset.assigned_to(actor.user)
    if api_grant and actor.organisation is not None:
        return queryset.hosted_by(actor.organisation).filter(status=ApplicationStatus.SUBMITTED)
    return queryset.none()


def can_view(actor: Actor, application: Application) -> bool:
    if actor.is_staff or is_applicant(actor, application):
        return True
    assignment = assignment_of(actor, application)
    return assignment is not None and not assignment.conflict_declared


def can_edit(actor: Actor, application: Application) -> bool:
    """Only the applicant, and only while the call takes applications."""
    return is_applicant(actor, application) and call_is_open(application.call)


def can_review(actor: Actor, assignment: ReviewAssignment) -> bool:
    return (
        is_reviewer(actor) and assignment.reviewer_id == _user_id(actor)
        and not assignment.conflict_declared and assignment.submitted_at is None
    )


def can_see_all_scores(actor: Actor, application: Application) -> bool:
    """Staff, and a reviewer once their own review is submitted."""
    if actor.is_staff:
        return True
    assignment = assignment_of(actor, application)
    return assignment is not None and not assignment.conflict_declared and assignment.submitted_at is not None


def can_manage(actor: Actor) -> bool:
    """Assigning reviewers, ranking and deciding are for staff."""
    return actor.is_staff


def call_is_open(call, now=None) -> bool:
    """The server's rule for the deadline: open from ``opens_at`` until just before ``deadline``."""
    from_time = now or timezone.now()
    return call.opens_at <= from_time < call.deadline


class ApplicationPolicy(ModelPolicy):
    """The registry's view of the rules above: the admin and other apps ask ``policy_for(Application)``."""

    def visible(self, actor: Actor, queryset: models.QuerySet) -> models.QuerySet:
        return visible_applications(actor, queryset)

    def can(self, actor: Actor, action: str, obj: models.Model | None = None) -> bool:
        if actor.is_staff:
            return True
        if obj is None:
            return False
        if action == "view":
            return can_view(actor, obj)
        return action == "change" and can_edit(actor, obj)


register(Application, ApplicationPolicy)
