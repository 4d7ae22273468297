"""The pages and the permission matrix: applicant, reviewer, reviewer with a conflict,
staff, partner key and anonymous."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from applications import links, services
from applications.models import Application, ApplicationStatus, Attachment, Decision, ReviewAssignment
from applications.permissions import applicant_actor
from tests.applications.factories import (
    cities,
    make_application,
    make_form,
    pdf_bytes,
    review,
    reviewer_of,
    upload,
)
from tests.factories import OpenCallFactory, PartnerFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db


def private(application, language="en"):
    return links.private_path(application, language)


def attach(application, content=None, name="plan.pdf"):
    return services.attachment_add(application=application, upload=upload(content, name), actor=applicant_actor(application))


def post_data(application, **overrides):
    question = application.call.application_form.sections.first().questions.first()
    values = {
        "language": "en", "company_name": "Acme Oy", "business_id": "", "company_country": "FI", "contact_name": "Ann",
        "title": "Snow", "summary": "Sensors", "requested_grant": "1000",
        "cities": [str(c.pk) for c in application.call.cities.all()] or [str(c.pk) for c in cities()],
        f"q_{question.pk}": "Slush.",
    }
    values.update(overrides)
    return values


class TestApplicant:
    def test_apply_asks_for_the_email_and_mails_the_private_link(self, client, call, mailoutbox, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("applications:start", "sv", call_id=call.pk), {"email": "a@example.org", "consent": "on"})
        assert response.status_code == 200
        application = Application.objects.get()
        assert application.language == "sv"
        assert private(application, "sv") in mailoutbox[0].body

    def test_the_call_page_links_to_the_form_while_open(self, client, call):
        with translation.override("fi"):
            response = client.get(call.get_absolute_url())
        assert url("applications:start", "fi", call_id=call.pk) in response.content.decode()

    def test_opening_the_link_confirms_the_email(self, client, call):
        application = make_application(call.application_form, submitted=False)
        assert client.get(private(application)).status_code == 200
        application.refresh_from_db()
        assert application.email_confirmed_at is not None

    @pytest.mark.parametrize("language", ["fi", "en"])
    def test_a_forged_link_gets_a_clear_page_in_the_visitors_language(self, client, call, language):
        application = make_application(call.application_form, submitted=False)
        token = links.link_token(application)
        forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
        response = client.get(url("applications:edit", language, token=forged))
        assert response.status_code == 404
        expected = {"fi": "Linkki ei kelpaa", "en": "This link is not valid"}[language]
        assert expected in response.content.decode()

    def test_a_failed_submit_keeps_the_typed_text_and_the_uploaded_file(self, client, call):
        application = make_application(call.application_form, submitted=False)
        data = post_data(application, title="My typed title", company_country="XX", submit="1")
        data["new_attachments"] = upload(name="kept.pdf")
        response = client.post(private(application), data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "My typed title" in html
        assert "kept.pdf" in html
        assert application.attachments.get().original_name == "kept.pdf"
        application.refresh_from_db()
        assert application.status == ApplicationStatus.DRAFT

    def test_a_forged_attachment_is_refused_with_a_message_and_the_rest_is_saved(self, client, call):
        application = make_application(call.application_form, submitted=False)
        data = post_data(application, title="Saved title", save="1")
        data["new_attachments"] = upload(b"<html><script>alert(1)</script>", name="evil.pdf")
        response = client.post(private(application), data)
        assert response.status_code == 400
        assert "evil.pdf: The file is not a PDF document." in response.content.decode()
        assert not application.attachments.exists()

    def test_an_oversized_attachment_is_refused(self, client, call):
        application = make_application(call.application_form, submitted=False)
        data = post_data(application, save="1")
        data["new_attachments"] = upload(pdf_bytes() + b"%" + b"0" * (1024 * 1024), name="big.pdf")
        response = client.post(private(application), data)
        assert "at most 1 MB" in response.content.decode()
        assert not application.attachments.exists()

    def test_submit_then_edit_and_resubmit_until_the_deadline(self, client, call, mailoutbox, django_capture_on_commit_callbacks):
        application = make_application(call.application_form, submitted=False)
        attach(application)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(private(application), post_data(application, submit="1"))
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == ApplicationStatus.SUBMITTED
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(private(application), post_data(application, title="Better", submit="1"))
        assert response.status_code == 302
        assert len(mailoutbox) == 2

    def test_after_the_deadline_the_application_is_frozen(self, client, call):
        application = make_application(call.application_form)
        with time_machine.travel(call.deadline + timedelta(seconds=1), tick=False):
            page = client.get(private(application))
            response = client.post(private(application), post_data(application, title="Changed", submit="1"))
        assert "can no longer be changed" in page.content.decode()
        assert 'name="submit"' not in page.content.decode()
        assert response.status_code == 400
        application.refresh_from_db()
        assert application.title == "Snow pilot"

    def test_the_applicant_downloads_their_file_as_an_attachment_only(self, client, call):
        application = make_application(call.application_form, submitted=False)
        attachment = attach(application, name="<script>.pdf")
        response = client.get(url("applications:applicant-file", token=links.link_token(application), pk=attachment.pk))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_another_applicants_file_is_not_found_through_my_link(self, client, call):
        mine = make_application(call.application_form, submitted=False)
        theirs = make_application(call.application_form, submitted=False, email="b@example.org")
        attachment = attach(theirs)
        response = client.get(url("applications:applicant-file", token=links.link_token(mine), pk=attachment.pk))
        assert response.status_code == 404

    def test_withdrawal_from_the_link(self, client, call):
        application = make_application(call.application_form, submitted=False)
        response = client.post(url("applications:withdraw", token=links.link_token(application)), {"confirm": "1"})
        assert response.status_code == 200
        assert not Application.objects.exists()


@pytest.fixture
def closed(db):
    call = OpenCallFactory(opens_at=timezone.now() - timedelta(days=60), deadline=timezone.now() - timedelta(days=1))
    return make_form(call)


@pytest.fixture
def round_(closed):
    """A submitted application with an attachment, two assigned reviewers (one done) and
    a reviewer with a declared conflict."""
    company = PartnerFactory()
    application = make_application(closed, organisation=company)
    attachment = Attachment.objects.create(application=application, file="f.pdf", original_name="f.pdf", size=1, pages=1)
    done = reviewer_of(None)
    review(application, done, [5, 4], comment="Top marks")
    pending = reviewer_of(PartnerFactory())
    ReviewAssignment.objects.create(application=application, reviewer=pending)
    conflicted = reviewer_of(None)
    ReviewAssignment.objects.create(application=application, reviewer=conflicted, conflict_declared=True)
    return {"application": application, "attachment": attachment, "done": done, "pending": pending,
            "conflicted": conflicted, "outsider": reviewer_of(None), "company": company}


@pytest.fixture(autouse=True)
def _attachment_file(settings):
    settings.PRIVATE_MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.PRIVATE_MEDIA_ROOT / "f.pdf").write_bytes(pdf_bytes())


class TestPermissionMatrix:
    @pytest.mark.parametrize(("who", "status"), [
        ("done", 200), ("pending", 200), ("conflicted", 404), ("outsider", 404), ("staff", 200), ("anonymous", 302),
    ])
    def test_the_attachment(self, client, round_, staff_user, who, status):
        user = staff_user if who == "staff" else round_.get(who)
        if user is not None:
            client.force_login(user)
        response = client.get(url("applications:review-file", pk=round_["attachment"].pk))
        assert response.status_code == status

    @pytest.mark.parametrize(("who", "status"), [("pending", 200), ("conflicted", 404), ("outsider", 404), ("anonymous", 302)])
    def test_the_review_page(self, client, round_, who, status):
        user = round_.get(who)
        assignment = ReviewAssignment.objects.filter(reviewer=user).first() if user else ReviewAssignment.objects.first()
        if user is not None:
            client.force_login(user)
        if who == "outsider":
            assignment = ReviewAssignment.objects.get(reviewer=round_["pending"])
        response = client.get(url("applications:review-detail", pk=assignment.pk))
        assert response.status_code == status

    def test_a_reviewer_sees_others_scores_only_after_submitting_their_own(self, client, round_):
        client.force_login(round_["pending"])
        assignment = ReviewAssignment.objects.get(reviewer=round_["pending"])
        page = client.get(url("applications:review-detail", pk=assignment.pk)).content.decode()
        assert "Top marks" not in page
        criteria = list(round_["application"].call.application_form.criteria.all())
        data = {"score": "1"}
        for criterion in criteria:
            data[f"score_{criterion.pk}"] = "3"
            data[f"comment_{criterion.pk}"] = "Mine"
        assert client.post(url("applications:review-detail", pk=assignment.pk), data).status_code == 302
        page = client.get(url("applications:review-detail", pk=assignment.pk)).content.decode()
        assert "Top marks" in page

    def test_a_score_out_of_the_scale_is_a_form_error(self, client, round_):
        client.force_login(round_["pending"])
        assignment = ReviewAssignment.objects.get(reviewer=round_["pending"])
        criteria = list(round_["application"].call.application_form.criteria.all())
        data = {"score": "1", **{f"score_{c.pk}": "9" for c in criteria}}
        response = client.post(url("applications:review-detail", pk=assignment.pk), data)
        assert response.status_code == 400
        assert ReviewAssignment.objects.get(pk=assignment.pk).submitted_at is None

    def test_the_reviewers_list_shows_only_their_assignments(self, client, round_):
        client.force_login(round_["conflicted"])
        assert "Snow pilot" not in client.get(url("applications:review-list")).content.decode()
        client.force_login(round_["pending"])
        assert "Snow pilot" in client.get(url("applications:review-list")).content.decode()

    @pytest.mark.parametrize("who", ["done", "outsider"])
    def test_the_ranking_is_for_staff_only(self, client, round_, who):
        client.force_login(round_[who])
        assert client.get(url("applications:ranking", call_id=round_["application"].call_id)).status_code == 404

    def test_staff_rank_decide_and_make_a_pilot(
        self, client, round_, staff_user, mailoutbox, django_assert_max_num_queries, django_capture_on_commit_callbacks,
    ):
        call = round_["application"].call
        for _n in range(15):
            review(make_application(call.application_form, email="x@example.org"), reviewer_of(None), [1, 2])
        client.force_login(staff_user)
        with django_assert_max_num_queries(25):
            page = client.get(url("applications:ranking", call_id=call.pk)).content.decode()
        assert page.count('<tr id="application-') == 16
        # The best first: 93.3 % before the others' (1*2 + 2*1) / 15 = 26.7 %.
        assert page.index("93.3") < page.index("26.7")
        assert "93.3" in page  # (5*2 + 4*1) / 15 = 93.3 %, the one submitted review
        application = round_["application"]
        decide = url("applications:decide", call_id=call.pk, pk=application.pk)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(decide, {f"{application.pk}-decision": "selected", f"{application.pk}-share_comments": "on"})
        application.refresh_from_db()
        assert application.decision == Decision.SELECTED
        assert "Top marks" in mailoutbox[0].body
        client.post(decide, {"make_pilot": "1"})
        application.refresh_from_db()
        assert application.pilot.participants.get() == round_["company"]


class TestPublic:
    def test_a_closed_calls_page_shows_its_statistics(self, client, closed):
        make_application(closed)
        make_application(closed, company_country="EE", decision=Decision.SELECTED)
        make_application(closed, submitted=False)
        with translation.override("en"):
            html = client.get(closed.call.get_absolute_url()).content.decode()
        assert "<dt>Applications received</dt><dd>2</dd>" in html
        assert "<dt>Applications selected</dt><dd>1</dd>" in html
        assert "<dt>Estonia</dt><dd>1</dd>" in html

    def test_the_privacy_page_states_the_retention(self, client, settings):
        settings.APPLICATIONS_RETENTION_DAYS = 1000
        html = client.get(url("website:privacy")).content.decode()
        assert "Applications are deleted 1000 days after the call" in html


def test_staff_who_need_a_second_factor_decide_only_when_verified(client, closed, staff_user, settings):
    settings.ADMIN_REQUIRE_2FA = True
    client.force_login(staff_user)
    assert client.get(url("applications:ranking", call_id=closed.call_id)).status_code == 403
