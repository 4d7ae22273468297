"""Attachments are judged by their content."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from applications.validators import validate_pdf
from tests.applications.factories import pdf_bytes, pdf_with_open_action, upload

MB = 1024 * 1024


def check(content: bytes, *, max_bytes: int = MB, max_pages: int = 3):
    return validate_pdf(upload(content), max_bytes=max_bytes, max_pages=max_pages)


def test_a_plain_pdf_passes_with_its_page_count():
    checked = check(pdf_bytes(pages=2))
    assert checked.pages == 2
    assert checked.size > 0


@pytest.mark.parametrize(("content", "code"), [
    (b"<html><script>alert(1)</script></html>", "not_pdf"),
    (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "not_pdf"),
    (b"%PDF-1.7\n garbage that is no PDF at all", "unreadable"),
    (pdf_bytes(pages=4), "too_many_pages"),
    (pdf_bytes(javascript=True), "active"),
    (pdf_with_open_action(), "active"),
])
def test_forged_damaged_or_active_files_are_refused(content, code):
    with pytest.raises(ValidationError) as error:
        check(content)
    assert error.value.code == code


def test_the_size_is_checked_before_the_content_is_read():
    with pytest.raises(ValidationError) as error:
        check(pdf_bytes() + b"\n%" + b"0" * MB)
    assert error.value.code == "too_large"


def test_a_renamed_html_file_is_refused_in_the_applicants_language():
    with translation.override("fi"), pytest.raises(ValidationError) as error:
        validate_pdf(upload(b"<html></html>", name="cv.pdf"), max_bytes=MB, max_pages=3)
    assert error.value.messages == ["Tiedosto ei ole PDF-asiakirja."]
