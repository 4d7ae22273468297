"""Reads that span several models: the ranking of a call's applications, a call's public
statistics and what an email summarises."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from . import scoring
from .models import Application, CallForm, Criterion, Decision, ReviewAssignment, Score


@dataclass
class RankedApplication:
    application: Application
    standing: scoring.Standing
    review_scores: list


def review_score(assignment: ReviewAssignment, weights: dict[int, object], score_max: int):
    return scoring.weighted_score(
        ((score.value, weights[score.criterion_id]) for score in assignment.scores.all() if score.criterion_id in weights),
        score_max=score_max,
    )


def call_ranking(call) -> list[RankedApplication]:
    """Submitted applications, best weighted mean first, with every submitted review's score."""
    form = CallForm.objects.get(call=call)
    weights = {criterion.pk: criterion.weight for criterion in form.criteria.all()}
    submitted_reviews = ReviewAssignment.objects.filter(submitted_at__isnull=False, conflict_declared=False).select_related(
        "reviewer",
    ).prefetch_related("scores")
    applications = Application.objects.for_call(call).submitted().select_related("pilot").prefetch_related(
        Prefetch("assignments", queryset=submitted_reviews, to_attr="submitted_reviews"),
    )
    rows = []
    for application in applications:
        scores = [review_score(review, weights, form.score_max) for review in application.submitted_reviews]
        rows.append(RankedApplication(application=application, standing=scoring.standing(scores), review_scores=scores))
    return scoring.rank(rows, key=lambda row: row.standing)


def call_statistics(call) -> dict:
    """What the public sees of a closed call: submitted applications, selected, by country."""
    submitted = Application.objects.for_call(call).submitted()
    by_country = list(submitted.values("company_country").annotate(count=Count("pk")).order_by("-count", "company_country"))
    return {
        "received": sum(row["count"] for row in by_country),
        "selected": submitted.filter(decision=Decision.SELECTED).count(),
        "by_country": by_country,
    }


def answered_questions(application: Application) -> list[tuple]:
    """(section, [(question, answer)]) in the form's order."""
    form = CallForm.objects.filter(call_id=application.call_id).prefetch_related("sections__questions").first()
    if form is None:
        return []
    return [
        (section, [(question, application.answers.get(str(question.pk), "")) for question in section.questions.all()])
        for section in form.sections.all()
    ]


def summary_context(application: Application) -> dict:
    return {
        "application": application,
        "call": application.call,
        "sections": answered_questions(application),
        "cities": list(application.cities.all()),
        "attachments": list(application.attachments.all()),
    }


def shared_comments(application: Application) -> list[tuple[Criterion, list[str]]]:
    """The reviewers' comments by criterion, without names or scores."""
    scores = Score.objects.filter(
        assignment__application=application, assignment__submitted_at__isnull=False, assignment__conflict_declared=False,
    ).exclude(comment="").select_related("criterion")
    grouped: dict[int, tuple[Criterion, list[str]]] = {}
    for score in scores:
        grouped.setdefault(score.criterion_id, (score.criterion, []))[1].append(score.comment)
    return list(grouped.values())
