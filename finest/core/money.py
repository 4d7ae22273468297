"""Euro amounts as each language writes them: "6 300 000 €" and "6,3 M€" in Finnish and Swedish,
"€6,300,000" and "€6.3 million" in British English; and percentages, "26,5 %" in Finnish and
Swedish, "26.5%" in British English.

A page that shortens amounts uses one unit for all of them (``money_unit``, from the page's largest
amount), so it never shows "0,3 M€" beside "300 t€". Exact amounts (``format_eur``) stay in whole
euros, with cents only when an amount has them. The API is not formatted here: it returns numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import pgettext

MILLION = "M"
THOUSAND = "k"
EURO = ""
UNITS = (MILLION, THOUSAND, EURO)

_DIVISORS = {MILLION: Decimal(1_000_000), THOUSAND: Decimal(1_000)}
# Decimal places a shortened amount keeps: 1,67 M€ and 300 t€ are as exact as a reader needs.
_PLACES = {MILLION: 2, THOUSAND: 0}
# A no-break space between the number and its unit, so "M€" never starts a line on its own.
NBSP = "\xa0"


def to_decimal(value) -> Decimal | None:
    """``value`` as a Decimal, or None for anything that is not a finite number."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return amount if amount.is_finite() else None


def money_unit(amounts: Iterable) -> str:
    """The one unit for shortening these amounts, chosen by the largest: M€ from a million up, k€
    from a thousand up, whole euros below. Non-numbers and None are ignored."""
    values = [abs(amount) for amount in (to_decimal(value) for value in amounts) if amount is not None]
    largest = max(values, default=Decimal(0))
    if largest >= _DIVISORS[MILLION]:
        return MILLION
    if largest >= _DIVISORS[THOUSAND]:
        return THOUSAND
    return EURO


def _number(amount: Decimal, places: int) -> str:
    """``amount`` rounded to ``places`` with trailing zeros dropped, in the active language's format."""
    rounded = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    exponent = rounded.normalize().as_tuple().exponent
    shown = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(rounded, decimal_pos=shown, use_l10n=True, force_grouping=True)


def _with_sign(amount: Decimal, text: str) -> str:
    return f"-{text}" if amount < 0 else text


def format_eur(value) -> str:
    """An exact amount: "6 300 000 €" (fi, sv), "€6,300,000" (en); cents only when it has them."""
    amount = to_decimal(value)
    if amount is None:
        return ""
    places = 0 if amount == amount.to_integral_value() else 2
    number = number_format(abs(amount), decimal_pos=places, use_l10n=True, force_grouping=True)
    text = pgettext("money", "%(amount)s €") % {"amount": number}
    return _with_sign(amount, text.replace(" ", NBSP))


def format_eur_in(value, unit: str) -> str:
    """An amount shortened to ``unit`` (MILLION, THOUSAND, or EURO for whole euros): "0,3 M€",
    "300 t€", "€0.3 million", "€300k". A small amount that would round to nothing keeps more decimals."""
    amount = to_decimal(value)
    if amount is None:
        return ""
    if unit not in _DIVISORS:
        return format_eur(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    scaled = abs(amount) / _DIVISORS[unit]
    places = _PLACES[unit]
    while scaled and not scaled.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) and places < 6:
        places += 1
    number = _number(scaled, places)
    if unit == MILLION:
        text = pgettext("money", "%(amount)s M€") % {"amount": number}
    else:
        text = pgettext("money", "%(amount)s k€") % {"amount": number}
    return _with_sign(amount, text.replace(" ", NBSP))


def format_percent(value, places: int = 0) -> str:
    """A percentage with ``places`` decimals: "26,5 %" (fi, sv, with a no-break space), "26.5%" (en)."""
    number = to_decimal(value)
    if number is None:
        return ""
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = number_format(rounded, decimal_pos=places, use_l10n=True)
    return (pgettext("percent", "%(number)s %%") % {"number": text}).replace(" ", NBSP)
