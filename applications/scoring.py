"""The scoring maths: a review's weighted score, an application's mean over its reviews
and the spread between reviewers. Scores are percentages of the form's top score, so
calls with different scales compare."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


def weighted_score(scores: Iterable[tuple[int, Decimal]], *, score_max: int) -> Decimal | None:
    """``scores`` are (value, weight) pairs; None when there are none."""
    pairs = list(scores)
    total_weight = sum((Decimal(weight) for _value, weight in pairs), Decimal(0))
    if not pairs or total_weight == 0:
        return None
    weighted = sum((Decimal(value) * Decimal(weight) for value, weight in pairs), Decimal(0))
    return (weighted / (total_weight * score_max) * 100).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Standing:
    mean: Decimal | None
    spread: Decimal | None
    reviews: int


def standing(review_scores: Iterable[Decimal | None]) -> Standing:
    """The mean of the reviews' weighted scores and their spread (highest minus lowest)."""
    values = [score for score in review_scores if score is not None]
    if not values:
        return Standing(mean=None, spread=None, reviews=0)
    mean = (sum(values, Decimal(0)) / len(values)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return Standing(mean=mean, spread=max(values) - min(values), reviews=len(values))


def rank(rows: list, key) -> list:
    """``rows`` sorted best first by ``key(row)`` (a Standing); unreviewed rows last."""
    return sorted(rows, key=lambda row: (key(row).mean is None, -(key(row).mean or 0)))
