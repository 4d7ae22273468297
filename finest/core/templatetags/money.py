"""``{% load money %}``: euro amounts in the page's language (finest/core/money.py).

{{ amount|eur }}                       exact: 6 300 000 € / €6,300,000
{% money_unit project.total_budget other_amounts as unit %}
{{ share|eur:unit }}                   shortened, one unit for the page: 1,67 M€ / €1.67 million
{{ amount|eur:"M" }}                   always millions (budgets)
{{ share|percent:1 }}                  26,5 % / 26.5%
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from finest.core import money

register = template.Library()


@register.filter
def eur(value, unit=None) -> str:
    """An exact amount, or with a unit ("M", "k", "") the amount shortened to it; "" for a non-number."""
    if unit is None or unit not in money.UNITS:
        return money.format_eur(value)
    return money.format_eur_in(value, unit)


@register.filter
def percent(value, places=0) -> str:
    """A percentage in the page's language, with ``places`` decimals; "" for a non-number."""
    try:
        places = max(0, min(int(places), 6))
    except (TypeError, ValueError):
        places = 0
    return money.format_percent(value, places)


@register.simple_tag(name="money_unit")
def money_unit_tag(*amounts) -> str:
    """The unit for every shortened amount on a page, from the largest of ``amounts`` (lists are looked into)."""
    flat = []
    for amount in amounts:
        if isinstance(amount, Iterable) and not isinstance(amount, str | bytes):
            flat.extend(amount)
        else:
            flat.append(amount)
    return money.money_unit(flat)
