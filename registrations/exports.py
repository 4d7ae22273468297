"""The staff's exports of a registration's registrants and their answers, as CSV and XLSX.
Cells that a spreadsheet would run as a formula are prefixed with an apostrophe."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from finest.core.i18n import translated

from .models import Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def rows(registration: Registration) -> list[list]:
    """A header row, then one row per registrant not erased."""
    questions = list(registration.questions.all())
    header = [
        _("Name"), _("Email address"), _("Language"), _("Status"), _("Organisation"), _("Dietary needs"),
        _("Accessibility needs"), _("May share contact details"), _("Registered"), _("Email confirmed"), _("Arrived"),
        *[translated(question, "text").value for question in questions],
    ]
    table = [header]
    for registrant in registration.registrants.not_erased().order_by("status", "name", "pk"):
        table.append([
            registrant.name, registrant.email, registrant.language, registrant.get_status_display(), registrant.organisation,
            registrant.dietary, registrant.accessibility, _("yes") if registrant.consent_share else _("no"),
            _moment(registrant.created_at), _moment(registrant.email_confirmed_at), _moment(registrant.checked_in_at),
            *[registrant.answers.get(str(question.pk), "") for question in questions],
        ])
    return [[_safe(cell) for cell in row] for row in table]


def as_csv(registration: Registration) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows(registration))
    # With a BOM so that spreadsheet programs read the letters ä, ö and õ right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(registration: Registration) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrants")[:31]
    for row in rows(registration):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
