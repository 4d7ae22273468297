"""The open-call round in a real browser: a company applies with an attachment (in
English) and submits; a reviewer scores it (in Finnish); staff decide and the company
is told. A forged attachment and another applicant's URL are tried on the way."""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from applications import services
from applications.models import Application, ApplicationStatus, Decision
from finest.core.permissions import Actor
from tests.applications.factories import ReviewerFactory, cities, make_form, pdf_bytes
from tests.factories import StaffUserFactory
from tests.helpers import url

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def sign_in(page, base, username, language):
    page.goto(base + url("applications:login", language))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def test_apply_submit_review_and_decide(live_server, page, settings, tmp_path, axe_check):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    form = make_form()
    call = form.call
    call.cities.set(cities())
    base = live_server.url
    with translation.override("en"):
        call_url = call.get_absolute_url()

    page.goto(base + call_url)
    axe_check(page)
    page.click("text=Apply now")
    axe_check(page)
    page.fill("input[name=email]", "founder@example.org")
    page.check("input[name=consent]")
    page.click("text=Send me the link")
    page.wait_for_selector("text=Check your email")
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    private_path = link[link.index("/en/"):]

    page.goto(base + private_path)
    axe_check(page)
    page.fill("input[name=company_name]", "Snowplough Oy")
    page.select_option("select[name=company_country]", "FI")
    page.fill("input[name=contact_name]", "Sanna")
    page.fill("input[name=title]", "Slush radar")
    page.fill("textarea[name=summary]", "Radar for slushy streets.")
    for checkbox in page.locator("input[name=cities]").all():
        checkbox.check()
    page.fill("input[name=requested_grant]", "20000")
    page.fill("textarea[name^=q_]", "Slush on pavements.")
    # A forged PDF first: refused with a message, and nothing typed is lost.
    page.set_input_files("input[name=new_attachments]", files=[
        {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"<html><script>alert(1)</script></html>"},
    ])
    page.click("button[name=submit]")
    page.wait_for_selector("text=The file is not a PDF document.")
    assert page.input_value("input[name=title]") == "Slush radar"
    axe_check(page)
    page.set_input_files("input[name=new_attachments]", files=[
        {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(pages=2)},
    ])
    page.click("button[name=submit]")
    page.wait_for_selector("text=Your application was submitted.")
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert "Application received" in mail.outbox[-1].subject
    assert page.js_errors == []

    # Somebody else's URL: a tampered link gets the clear page, not the application.
    page.goto(base + private_path[:-3] + "xx/")
    page.wait_for_selector("text=This link is not valid")

    # The deadline passes; staff assign a reviewer.
    call.opens_at, call.deadline = timezone.now() - timedelta(days=30), timezone.now() - timedelta(minutes=1)
    call.save()
    reviewer = ReviewerFactory(username="arvioija")
    staff = StaffUserFactory(username="staff")
    assignment = services.review_assign(application=application, reviewer=reviewer, actor=Actor.from_user(staff))

    sign_in(page, base, "arvioija", "fi")
    page.wait_for_selector("text=Sinulle määrätyt hakemukset")
    axe_check(page)
    page.click("text=Slush radar")
    with page.expect_download() as download:
        page.click("text=plan.pdf")
    assert download.value.suggested_filename == "plan.pdf"
    for criterion in form.criteria.all():
        page.fill(f"input[name=score_{criterion.pk}]", "4")
        page.fill(f"textarea[name=comment_{criterion.pk}]", "Selkeä suunnitelma.")
    page.click("button[name=score]")
    page.wait_for_selector("text=Selkeä suunnitelma.")
    axe_check(page)
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    page.context.clear_cookies()

    sign_in(page, base, "staff", "en")
    page.click("text=" + call.title_en)
    page.wait_for_selector("text=80.0")  # 4 of 5 on every criterion
    axe_check(page)
    page.select_option(f"select[name='{application.pk}-decision']", "selected")
    page.check(f"input[name='{application.pk}-share_comments']")
    page.click("text=Save and email the decision")
    page.click("text=Make it a Living Lab pilot")
    page.wait_for_selector("text=Pilot created")
    application.refresh_from_db()
    assert application.decision == Decision.SELECTED
    assert application.pilot.title == "Slush radar"
    decision_mail = mail.outbox[-1]
    assert decision_mail.to == ["founder@example.org"]
    assert "selected" in decision_mail.body
    assert "Selkeä suunnitelma." in decision_mail.body
    assert page.js_errors == []
