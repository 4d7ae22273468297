"""A pilot's KPIs drawn as server-rendered SVG: per city, the way from the baseline to the target and how
far the achieved value has come, every city of one KPI on the same scale so Helsinki and Tallinn compare
at a glance. The page keeps the KPI's table beside it, with the same figures."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from finest.core.i18n import translated

ROW = 58
TOP = 6
TRACK_Y = 34
# The scale leaves this share of its width free on each side, so the end markers aren't cut in half.
MARGIN = 3.0


def _number(value: Decimal) -> str:
    return number_format(value.normalize() if value == value.to_integral() else value, use_l10n=True,
                         decimal_pos=None if value != value.to_integral() else 0, force_grouping=True)


def kpi_chart_svg(kpi) -> SafeString:
    """The chart of one KPI, from its prefetched values; empty when it has none."""
    values = list(kpi.values.all())
    if not values:
        return mark_safe("")  # noqa: S308 - empty string
    name = translated(kpi, "name").value
    unit = translated(kpi, "unit").value
    numbers = [v.baseline for v in values] + [v.target for v in values] + [v.achieved for v in values if v.achieved is not None]
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1

    def x(value: Decimal) -> float:
        return MARGIN + float((value - low) / (high - low)) * (100 - 2 * MARGIN)

    chart_id = f"kpi-chart-{kpi.pk}"
    rows = []
    for value in values:
        city = translated(value.city, "name").value if value.city else _("Whole pilot")
        if value.achieved is None:
            text = _("%(city)s: baseline %(baseline)s, target %(target)s, not measured yet") % {
                "city": city, "baseline": _number(value.baseline), "target": _number(value.target),
            }
        else:
            text = _("%(city)s: baseline %(baseline)s, target %(target)s, achieved %(achieved)s") % {
                "city": city, "baseline": _number(value.baseline), "target": _number(value.target),
                "achieved": _number(value.achieved),
            }
        rows.append((city, value, text))
    title = f"{name} ({unit})" if unit else name
    height = TOP + ROW * len(rows) + 26
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" class="chart-kpi" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape("; ".join(text for _city, _value, text in rows))}</desc>',
    ]
    for index, (city, value, _text) in enumerate(rows):
        y = TOP + index * ROW
        track = y + TRACK_Y
        base, target = x(value.baseline), x(value.target)
        summary = f"{_number(value.baseline)} → {_number(value.target)}"
        if value.achieved is not None:
            summary += " · " + _("achieved %(value)s") % {"value": _number(value.achieved)}
        parts.append(
            f'<text class="chart-text" x="0" y="{y + 14}"><tspan font-weight="600">{escape(city)}</tspan>'
            f'<tspan class="chart-muted"> {escape(summary)}</tspan></text>'
            f'<line class="chart-kpi-track" x1="{min(base, target):.2f}%" x2="{max(base, target):.2f}%" '
            f'y1="{track}" y2="{track}"></line>'
        )
        if value.achieved is not None:
            achieved = x(value.achieved)
            parts.append(
                f'<line class="chart-kpi-progress" x1="{base:.2f}%" x2="{achieved:.2f}%" y1="{track}" y2="{track}"></line>'
            )
        parts.append(
            f'<circle class="chart-kpi-baseline" cx="{base:.2f}%" cy="{track}" r="6"></circle>'
            f'<line class="chart-kpi-target" x1="{target:.2f}%" x2="{target:.2f}%" y1="{track - 11}" y2="{track + 11}"></line>'
        )
        if value.achieved is not None:
            parts.append(f'<circle class="chart-kpi-achieved" cx="{x(value.achieved):.2f}%" cy="{track}" r="7"></circle>')
    key_y = TOP + ROW * len(rows) + 14
    parts.append(
        f'<circle class="chart-kpi-baseline" cx="7" cy="{key_y}" r="5"></circle>'
        f'<text class="chart-text chart-muted" x="18" y="{key_y + 4}">{escape(_("baseline"))}</text>'
        f'<line class="chart-kpi-target" x1="30%" x2="30%" y1="{key_y - 7}" y2="{key_y + 7}"></line>'
        f'<text class="chart-text chart-muted" x="31.5%" y="{key_y + 4}">{escape(_("target"))}</text>'
        f'<circle class="chart-kpi-achieved" cx="60%" cy="{key_y}" r="6"></circle>'
        f'<text class="chart-text chart-muted" x="62%" y="{key_y + 4}">{escape(_("achieved"))}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text node is escaped above
