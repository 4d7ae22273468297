"""Attachments are checked by their content, not by their name or declared type."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

PDF_MAGIC = b"%PDF-"
# Actions that make a viewer run something: a plain "open at page 1" OpenAction is harmless.
ACTIVE_ACTIONS = ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData")


@dataclass(frozen=True)
class CheckedPDF:
    size: int
    pages: int


def _active_content(reader: PdfReader) -> bool:
    root = reader.trailer["/Root"]
    if "/AA" in root:
        return True
    open_action = root.get("/OpenAction")
    if open_action is not None:
        open_action = open_action.get_object()
        if hasattr(open_action, "get") and open_action.get("/S") in ACTIVE_ACTIONS:
            return True
    names = root.get("/Names")
    return names is not None and "/JavaScript" in names.get_object()


def validate_pdf(upload, *, max_bytes: int, max_pages: int) -> CheckedPDF:
    """Size, the PDF magic number, a readable page tree within ``max_pages``, no encryption
    and no scripts or actions that run on opening. Raises ValidationError with a message
    in the active language."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB is allowed.") % {"mb": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
        raise ValidationError(_("The file is not a PDF document."), code="not_pdf")
    upload.seek(0)
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(_("Password-protected PDF files cannot be accepted."), code="encrypted")
        pages = len(reader.pages)
        active = _active_content(reader)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise ValidationError(_("The PDF file is damaged or cannot be read."), code="unreadable") from error
    finally:
        upload.seek(0)
    if pages == 0:
        raise ValidationError(_("The PDF file has no pages."), code="empty")
    if pages > max_pages:
        raise ValidationError(
            _("The PDF file has %(pages)s pages; at most %(max)s are allowed.") % {"pages": pages, "max": max_pages},
            code="too_many_pages",
        )
    if active:
        raise ValidationError(
            _("The PDF file contains scripts or actions; please save it as a plain PDF."), code="active",
        )
    return CheckedPDF(size=upload.size, pages=pages)
