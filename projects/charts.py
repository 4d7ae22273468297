"""Server-rendered SVG bar charts for a project's budget breakdown. The SVG carries
its own <title> and <desc>; the page puts a data table with the same figures
beside it, so nothing depends on seeing the bars."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .services import format_eur, format_million

ROW_HEIGHT = 56
BAR_HEIGHT = 22
BAR_TOP = 22
TOP = 4
LABEL_MAX = 48
# Past this share the amount is written inside the bar instead of after it.
INSIDE_FROM_PERCENT = 60
BAR_COLOURS = ("#0a4d86", "#00745f", "#7a3e9d", "#a45200", "#3d5a80", "#6b4e16")


@dataclass(frozen=True)
class BudgetRow:
    label: str
    amount: Decimal
    share_percent: float
    amount_text: str
    short_text: str


def budget_rows(items: list[tuple[str, Decimal]], total: Decimal | None = None) -> list[BudgetRow]:
    """Rows sorted by amount, each with its share of ``total`` (or of their sum)."""
    items = [(label, amount) for label, amount in items if amount is not None]
    base = total or sum((amount for _label, amount in items), Decimal("0"))
    rows = []
    for label, amount in sorted(items, key=lambda item: item[1], reverse=True):
        share = float(amount / base * 100) if base else 0.0
        rows.append(BudgetRow(label=label, amount=amount, share_percent=round(share, 1),
                              amount_text=format_eur_whole(amount), short_text=compact_eur(amount)))
    return rows


def format_eur_whole(amount: Decimal) -> str:
    """Budgets are planned in whole euros; cents would only add noise to the tables."""
    if amount != amount.to_integral_value():
        return format_eur(amount)
    return f"{number_format(amount.quantize(Decimal('1')), decimal_pos=0, use_l10n=True, force_grouping=True)} €"


def compact_eur(amount: Decimal) -> str:
    if amount >= Decimal(1_000_000):
        return format_million(amount)
    thousands = (amount / Decimal(1000)).quantize(Decimal("1"))
    return _("%(amount)s k€") % {"amount": number_format(thousands, use_l10n=True, force_grouping=True)}


def bar_chart_svg(*, rows: list[BudgetRow], title: str, description: str, chart_id: str) -> SafeString:
    """A horizontal bar chart: each row's label above its bar, the amount and share at the
    bar's end. Widths are percentages and there is no viewBox, so the text keeps its size
    on a 320 px phone instead of shrinking with the drawing."""
    if not rows:
        return mark_safe("")  # noqa: S308 - empty string
    height = TOP + ROW_HEIGHT * len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        # Bars are scaled to the whole budget, so a 26 % share looks like a quarter, not like "the most".
        percent = max(0.5, min(row.share_percent, 100.0))
        colour = BAR_COLOURS[index % len(BAR_COLOURS)]
        value = f"{row.short_text} ({number_format(row.share_percent, decimal_pos=1, use_l10n=True)} %)"
        if percent >= INSIDE_FROM_PERCENT:
            value_text = (
                f'<text x="{percent - 1:.1f}%" y="{y + BAR_TOP + 16}" font-size="14" fill="#ffffff" '
                f'text-anchor="end">{escape(value)}</text>'
            )
        else:
            value_text = f'<text x="{percent + 1:.1f}%" y="{y + BAR_TOP + 16}" font-size="14" fill="#1b1f24">{escape(value)}</text>'
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="14" fill="#1b1f24">{escape(_truncate(row.label, LABEL_MAX))}</text>'
            f'<rect x="0" y="{y + BAR_TOP}" width="{percent:.1f}%" height="{BAR_HEIGHT}" rx="3" fill="{colour}"></rect>'
            f"{value_text}"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text node is escaped above


def _truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def chart_description(rows: list[BudgetRow]) -> str:
    """The chart's text alternative: every bar as 'label: amount (share)'."""
    return "; ".join(
        _("%(label)s: %(amount)s (%(share)s %%)")
        % {"label": row.label, "amount": row.amount_text, "share": number_format(row.share_percent, decimal_pos=1, use_l10n=True)}
        for row in rows
    )
