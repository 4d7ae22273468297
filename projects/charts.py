"""Server-rendered SVG charts for a project's budget breakdown. The SVG carries
its own <title> and <desc>; the page puts a data table with the same figures
beside it, so nothing depends on seeing the bars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from finest.core.dates import date_range_text
from finest.core.money import format_eur, format_eur_in, format_percent, money_unit

BAR_HEIGHT = 30
BAR_TOP = 22
KEY_ROW = 42
LABEL_MAX = 44
# A segment this wide (in per cent of the bar) has room for its share written inside it.
INSIDE_FROM_PERCENT_SEGMENT = 12
# White text on each of these has at least 4.5:1 contrast; the remainder's grey takes dark text.
BAR_COLOURS = ("#0a4d86", "#00745f", "#7a3e9d", "#a45200", "#3d5a80", "#6b4e16")
REMAINDER_COLOUR = "#d5dbe1"


@dataclass(frozen=True)
class BudgetRow:
    label: str
    amount: Decimal
    share_percent: float
    amount_text: str
    short_text: str


def budget_rows(
    items: list[tuple[str, Decimal]], total: Decimal | None = None, *, unit: str | None = None
) -> list[BudgetRow]:
    """Rows sorted by amount, each with its share of ``total`` (or of their sum). Their short amounts
    use ``unit`` (the page's, see ``finest.core.money.money_unit``), by default the one ``total`` calls for."""
    items = [(label, amount) for label, amount in items if amount is not None]
    base = total or sum((amount for _label, amount in items), Decimal("0"))
    if unit is None:
        unit = money_unit([base, *(amount for _label, amount in items)])
    rows = []
    for label, amount in sorted(items, key=lambda item: item[1], reverse=True):
        share = float(amount / base * 100) if base else 0.0
        rows.append(BudgetRow(label=label, amount=amount, share_percent=round(share, 1),
                              amount_text=format_eur_whole(amount), short_text=format_eur_in(amount, unit)))
    return rows


def format_eur_whole(amount: Decimal) -> str:
    """Budgets are planned in whole euros; cents appear only when an amount has them."""
    return format_eur(amount)


def remainder_row(
    rows: list[BudgetRow], total: Decimal | None, label: str, *, unit: str | None = None
) -> BudgetRow | None:
    """The part of ``total`` that no row covers, as a row of its own (None when the rows cover it)."""
    shown = sum((row.amount for row in rows), Decimal("0"))
    if not rows or not total or shown >= total:
        return None
    rest = total - shown
    if unit is None:
        unit = money_unit([total, *(row.amount for row in rows)])
    return BudgetRow(label=label, amount=rest, share_percent=round(float(rest / total * 100), 1),
                     amount_text=format_eur_whole(rest), short_text=format_eur_in(rest, unit))


def composition_chart_svg(
    *, rows: list[BudgetRow], total: Decimal | None, title: str, description: str, chart_id: str,
    remainder: BudgetRow | None = None, unit: str | None = None,
) -> SafeString:
    """How the whole budget divides: one bar the width of the total, a segment per row in order, and
    (when the rows don't add up to the total) a grey segment for the rest. A key below names each
    segment with its amount and share. Widths are percentages and there is no viewBox, so the text
    keeps its size on a 320 px phone instead of shrinking with the drawing."""
    if not rows:
        return mark_safe("")  # noqa: S308 - empty string
    base = total or sum((row.amount for row in rows), Decimal("0"))
    if unit is None:
        unit = money_unit([base, *(row.amount for row in rows)])
    segments = [(row.label, row.share_percent, row.short_text, BAR_COLOURS[index % len(BAR_COLOURS)])
                for index, row in enumerate(rows)]
    if remainder is not None:
        segments.append((remainder.label, remainder.share_percent, remainder.short_text, REMAINDER_COLOUR))
    height = BAR_TOP + BAR_HEIGHT + 14 + KEY_ROW * len(segments)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" class="composition-chart" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        '<text x="0" y="14" font-size="13" fill="#4a5360">0</text>',
        f'<text x="100%" y="14" font-size="13" fill="#4a5360" text-anchor="end">{escape(format_eur_in(base, unit))}</text>',
    ]
    left = 0.0
    for _label, percent, _short, colour in segments:
        width = max(min(percent, 100.0 - left), 0.4)
        parts.append(
            f'<rect x="{left:.2f}%" y="{BAR_TOP}" width="{width:.2f}%" height="{BAR_HEIGHT}" fill="{colour}" '
            f'stroke="#ffffff" stroke-width="1"></rect>'
        )
        if width >= INSIDE_FROM_PERCENT_SEGMENT:
            text_fill = "#1b1f24" if colour == REMAINDER_COLOUR else "#ffffff"
            parts.append(
                f'<text x="{left + width / 2:.2f}%" y="{BAR_TOP + BAR_HEIGHT / 2 + 5:.0f}" font-size="13" '
                f'fill="{text_fill}" text-anchor="middle">{escape(_percent(percent))}</text>'
            )
        left += width
    for index, (label, percent, short, colour) in enumerate(segments):
        y = BAR_TOP + BAR_HEIGHT + 14 + index * KEY_ROW
        parts.append(
            f'<rect x="0" y="{y + 3}" width="14" height="14" rx="2" fill="{colour}"></rect>'
            f'<text x="22" y="{y + 15}" font-size="14" fill="#1b1f24">{escape(_truncate(label, LABEL_MAX))}</text>'
            f'<text x="22" y="{y + 33}" font-size="14" fill="#4a5360">{escape(short)} ({escape(_percent(percent))})</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text node is escaped above


def _percent(value: float) -> str:
    return format_percent(value, 1)


def _truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def chart_description(rows: list[BudgetRow]) -> str:
    """The chart's text alternative: every bar as 'label: amount (share)'."""
    return "; ".join(
        _("%(label)s: %(amount)s (%(share)s)")
        % {"label": row.label, "amount": row.amount_text, "share": format_percent(row.share_percent, 1)}
        for row in rows
    )


@dataclass(frozen=True)
class TimelineItem:
    label: str
    url: str
    start: date
    end: date
    status: str  # a ProjectStatus value: its colour and its word in the text alternative


TIMELINE_ROW = 46
TIMELINE_TOP = 28
TIMELINE_BAR = 14


def timeline_svg(*, items: list[TimelineItem], today: date, title: str, chart_id: str,
                 status_labels: dict[str, str]) -> SafeString:
    """Projects as bars on one time axis from the first start to the last end, with a tick per
    year and a line for today. Each project's name sits above its bar and links to its page. Widths
    are percentages and there is no viewBox, so the labels keep their size on a phone."""
    if not items:
        return mark_safe("")  # noqa: S308 - empty string
    first = date(min(item.start for item in items).year, 1, 1)
    last = date(max(item.end for item in items).year + 1, 1, 1)
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return min(max((day - first).days / span * 100, 0.0), 100.0)

    height = TIMELINE_TOP + TIMELINE_ROW * len(items) + 4
    description = "; ".join(
        _("%(project)s: %(period)s (%(status)s)") % {
            "project": item.label, "period": date_range_text(item.start, item.end),
            "status": status_labels.get(item.status, ""),
        }
        for item in items
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" class="chart-timeline" '
        f'role="group" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    years = range(first.year, last.year + 1)
    # Label every year while they fit; on long spans every other one.
    step = 1 if len(years) <= 9 else 2
    for index, year in enumerate(years):
        position = x(date(year, 1, 1))
        parts.append(f'<line class="chart-grid" x1="{position:.2f}%" x2="{position:.2f}%" y1="18" y2="{height}"></line>')
        if index % step == 0 and year < last.year:
            parts.append(f'<text class="chart-text chart-muted" x="{position + 0.5:.2f}%" y="13">{year}</text>')
    for index, item in enumerate(items):
        y = TIMELINE_TOP + index * TIMELINE_ROW
        left, right = x(item.start), x(item.end)
        anchor, label_x = ("end", right) if left > 55 else ("start", left)
        css = {"completed": "chart-bar-past", "ongoing": "chart-bar-current"}.get(item.status, "chart-bar-future")
        parts.append(
            f'<a href="{escape(item.url)}"><title>{escape(item.label)}</title>'
            f'<text class="chart-text" x="{label_x:.2f}%" y="{y + 12}" text-anchor="{anchor}">'
            f'{escape(_truncate(item.label, LABEL_MAX))}</text>'
            f'<rect class="{css}" x="{left:.2f}%" y="{y + 18}" width="{max(right - left, 0.6):.2f}%" '
            f'height="{TIMELINE_BAR}" rx="3"></rect></a>'
        )
    if first <= today <= last:
        position = x(today)
        parts.append(
            f'<line class="chart-today" x1="{position:.2f}%" x2="{position:.2f}%" y1="18" y2="{height}"></line>'
            f'<text class="chart-today-label" x="{position - 0.5:.2f}%" y="{height - 4}" text-anchor="end">{escape(_("Today"))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text node and URL is escaped above
