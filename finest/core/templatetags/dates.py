"""``{% load dates %}``: a period in the page's language (finest/core/dates.py).

{% date_range project.start_date project.end_date %}     <time>1.12.2019</time>–<time>30.11.2026</time>
{% date_range event.start event.end times=True %}        1.12.2026 klo 9.00–16.00 (one day) or both datetimes
{% date_range event.start event.end times="day" %}       the times only within one day, else the dates
{% date_range session.start session.end times="clock" %} klo 10.00–10.45 (a programme, under its day)
{% date_range event.start event.end times=True text=True %}   the same without markup (e-mails)
"""

from __future__ import annotations

from django import template

from finest.core.dates import CLOCK, DAY, date_range_html, date_range_text

register = template.Library()


@register.simple_tag
def date_range(start, end, times=False, text=False):
    times = times if times in (DAY, CLOCK) else bool(times)
    if text:
        return date_range_text(start, end, times=times)
    return date_range_html(start, end, times=times)
