"""Markers in page bodies that stand for settings, filled when the page is shown, so the
privacy notice stays true to the configured retention periods and contact address."""

from __future__ import annotations

from django.conf import settings
from django.utils.html import escape


def markers() -> dict[str, str]:
    return {
        "[contact-email]": settings.CONTACT_EMAIL,
        "[login-record-retention-days]": str(settings.LOGIN_RECORD_RETENTION_DAYS),
        "[registration-retention-days]": str(settings.REGISTRATIONS_RETENTION_DAYS),
        "[application-retention-days]": str(settings.APPLICATIONS_RETENTION_DAYS),
        "[application-attachment-retention-days]": str(settings.APPLICATIONS_ATTACHMENT_RETENTION_DAYS),
    }


def fill_markers(html: str) -> str:
    for marker, value in markers().items():
        html = html.replace(marker, escape(value))
    return html
