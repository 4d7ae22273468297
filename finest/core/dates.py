"""Date ranges in the page's language: the one way a period is written on the site.

The dash follows what it joins (Kotus; the Oxford and Guardian style guides): an unspaced en dash
between numeric dates or times ("1.12.2019–30.11.2026", "klo 9.00–16.00", "09:00–17:00"), a spaced one
between dates written in several words ("1 December 2019 – 30 November 2026"). The separator is chosen
from the formatted text, not per language, so a format module that changes its DATE_FORMAT keeps the rule.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

EN_DASH = "\u2013"
DAY = "day"
CLOCK = "clock"


class _End(NamedTuple):
    value: date | datetime
    text: str
    time_only: bool = False  # the end time of a range within one day

    @property
    def machine(self) -> str:
        return date_format(self.value, "c") if isinstance(self.value, datetime) else self.value.strftime("%Y-%m-%d")


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _formatted(value, name: str) -> str:
    return date_format(value, get_format(name))


def _ends(start, end, times: bool | str) -> list[_End]:
    """The range's ends as written: one end when both fall on one day (without times) or one is
    missing; a range of times within one day writes its date once ("1.12.2026 klo 9.00–16.00").
    ``times="day"`` shows the times only for a range within one day (an event's listing);
    ``times="clock"`` leaves the date out of a range within one day (a programme under its day's heading)."""
    start, end = _local(start), _local(end)
    present = [v for v in (start, end) if v is not None]
    if not present:
        return []
    with_time = bool(times) and all(isinstance(v, datetime) for v in present)
    if times == DAY and len(present) == 2 and _day(start) != _day(end):
        with_time = False
    full = "DATETIME_FORMAT" if with_time else "DATE_FORMAT"
    if len(present) == 1:
        # An open range ("1.1.2025–", "1 January 2025 –"): the caller shows the dash with the one end.
        return [_End(present[0], _formatted(present[0], full))]
    if _day(start) == _day(end):
        if not with_time:
            return [_End(start, _formatted(start, full))]
        # Under a heading that gives the day (a programme), only the times: "klo 10.00–10.45".
        first = _formatted(start, "CLOCK_TIME_FORMAT" if times == CLOCK else full)
        return [_End(start, first), _End(end, _formatted(end, "TIME_FORMAT"), time_only=True)]
    return [_End(start, _formatted(start, full)), _End(end, _formatted(end, full))]


def _dash(first: _End, second: _End) -> str:
    if second.time_only or (" " not in first.text and " " not in second.text):
        return EN_DASH
    return f" {EN_DASH} "


def _shape(start, end, ends: list[_End]) -> tuple[str, str, str]:
    """(before, between, after): the dashes around the ends. An open range keeps its dash on the
    missing side ("1.1.2025–", "1 January 2025 –", "–31.12.2025")."""
    if len(ends) == 2:
        return "", _dash(*ends), ""
    if len(ends) == 1 and (start is None) != (end is None):
        spaced = " " in ends[0].text
        if end is None:
            return "", "", f" {EN_DASH}" if spaced else EN_DASH
        return (f"{EN_DASH} " if spaced else EN_DASH), "", ""
    return "", "", ""


def date_range_text(start, end, *, times: bool | str = False) -> str:
    """Plain text, for e-mails, SVG descriptions and other places without markup."""
    ends = _ends(start, end, times)
    before, between, after = _shape(start, end, ends)
    return before + between.join(e.text for e in ends) + after


def date_range_html(start, end, *, times: bool | str = False) -> SafeString:
    """Each end in a ``<time datetime>`` element, the dash between them."""
    ends = _ends(start, end, times)
    before, between, after = _shape(start, end, ends)
    elements = [format_html('<time datetime="{}">{}</time>', e.machine, e.text) for e in ends]
    return format_html("{}{}{}", before, mark_safe(between.join(elements)), after)  # noqa: S308 - escaped parts
