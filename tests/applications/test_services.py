"""The rules of the services: the deadline, eligibility, submission, emails, decisions,
pilots, withdrawal and retention."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from applications import services
from applications.models import Application, ApplicationStatus, Attachment, Decision
from applications.permissions import applicant_actor
from applications.tasks import purge_expired, send_receipt
from finest.core.models import Country
from finest.core.permissions import Actor
from living_lab.models import PilotPhase
from tests.applications.factories import (
    cities,
    make_application,
    make_form,
    review,
    reviewer_of,
    upload,
)
from tests.factories import OpenCallFactory, PartnerFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")


def data(application, **overrides):
    question = application.call.application_form.sections.first().questions.first()
    values = {
        "language": "en", "company_name": "Acme Oy", "business_id": "", "company_country": Country.FINLAND,
        "contact_name": "Ann", "title": "Snow", "summary": "Sensors.", "requested_grant": Decimal("1000"),
        "city_ids": [city.pk for city in cities()], "answers": {str(question.pk): "Slush."},
    }
    values.update(overrides)
    return services.ApplicationData(**values)


def draft(call, **kwargs):
    return make_application(call.application_form, submitted=False, **kwargs)


def staff():
    return Actor.from_user(StaffUserFactory())


class TestDeadline:
    def test_the_last_second_before_the_deadline_is_accepted_and_the_deadline_itself_is_not(self, call):
        application = draft(call)
        Attachment.objects.create(application=application, file="x.pdf", original_name="x.pdf", size=1, pages=1)
        actor = applicant_actor(application)
        with time_machine.travel(call.deadline - timedelta(seconds=1), tick=False):
            services.application_save(application=application, data=data(application), submit=True, actor=actor)
        application.refresh_from_db()
        assert application.status == ApplicationStatus.SUBMITTED
        assert application.submitted_at == call.deadline - timedelta(seconds=1)
        with time_machine.travel(call.deadline, tick=False), pytest.raises(ValidationError) as error:
            services.application_save(application=application, data=data(application, title="Late"), submit=True, actor=actor)
        assert error.value.code == "deadline"
        application.refresh_from_db()
        assert application.title == "Snow"

    def test_the_deadline_is_helsinki_time_whatever_the_clock_shows(self, form):
        call = form.call
        # 29.1.2027 16:00 in Helsinki is 14:00 UTC.
        call.deadline = datetime(2027, 1, 29, 14, 0, tzinfo=UTC)
        call.opens_at = datetime(2027, 1, 1, tzinfo=UTC)
        call.save()
        application = draft(call)
        with time_machine.travel(datetime(2027, 1, 29, 15, 59, tzinfo=HELSINKI), tick=False):
            services.application_save(application=application, data=data(application), submit=False, actor=applicant_actor(application))
        with time_machine.travel(datetime(2027, 1, 29, 16, 0, tzinfo=HELSINKI), tick=False), pytest.raises(ValidationError):
            services.application_save(application=application, data=data(application), submit=False, actor=applicant_actor(application))

    def test_attachments_cannot_be_added_after_the_deadline(self, call):
        application = draft(call)
        with time_machine.travel(call.deadline + timedelta(minutes=1), tick=False), pytest.raises(ValidationError):
            services.attachment_add(application=application, upload=upload(), actor=applicant_actor(application))
        assert not application.attachments.exists()


class TestSubmission:
    def test_an_incomplete_draft_keeps_what_was_typed_and_lists_what_is_missing(self, call):
        application = draft(call)
        with pytest.raises(ValidationError) as error:
            services.application_save(
                application=application, data=data(application, title="Kept", company_country=Country.OTHER, city_ids=[],
                                                    requested_grant=Decimal("999999")),
                submit=True, actor=applicant_actor(application),
            )
        assert set(error.value.message_dict) == {"company_country", "cities", "requested_grant", "attachments"}
        application.refresh_from_db()
        assert application.title == "Kept"
        assert application.status == ApplicationStatus.DRAFT

    def test_a_failed_resubmission_leaves_the_submitted_version_untouched(self, call):
        application = make_application(call.application_form)
        with pytest.raises(ValidationError):
            services.application_save(application=application, data=data(application, title="", city_ids=[]), submit=True,
                                      actor=applicant_actor(application))
        application.refresh_from_db()
        assert application.title == "Snow pilot"
        assert application.cities.count() == 2

    def test_submitting_mails_one_receipt_in_the_applicants_language(self, call, django_capture_on_commit_callbacks):
        application = draft(call)
        actor = applicant_actor(application)
        services.attachment_add(application=application, upload=upload(), actor=actor)
        with django_capture_on_commit_callbacks(execute=True):
            services.application_save(application=application, data=data(application, language="sv"), submit=True, actor=actor)
        assert len(mail.outbox) == 1
        assert "Ansökan mottagen" in mail.outbox[0].subject
        assert "plan.pdf" in mail.outbox[0].body
        assert mail.outbox[0].alternatives[0][1] == "text/html"
        assert send_receipt(application.pk) is False
        assert len(mail.outbox) == 1

    def test_the_business_id_links_the_partner_organisation(self, call):
        partner = PartnerFactory(business_id="1234567-8")
        application = draft(call)
        services.application_save(application=application, data=data(application, business_id="1234567-8"), submit=False,
                                  actor=applicant_actor(application))
        application.refresh_from_db()
        assert application.organisation == partner

    def test_another_applicants_actor_cannot_save(self, call):
        mine, theirs = draft(call), draft(call, email="other@example.org")
        with pytest.raises(PermissionDenied):
            services.application_save(application=theirs, data=data(theirs), submit=False, actor=applicant_actor(mine))


class TestStart:
    def test_one_draft_per_email_and_one_link_a_minute(self, call, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            first = services.application_start(call=call, email="a@example.org", language="fi", actor=Actor.anonymous())
        with django_capture_on_commit_callbacks(execute=True):
            services.application_start(call=call, email="a@example.org", language="fi", actor=Actor.anonymous())
        assert len(mail.outbox) == 1
        with time_machine.travel(timezone.now() + timedelta(minutes=2)), django_capture_on_commit_callbacks(execute=True):
            again = services.application_start(call=call, email="A@example.org", language="fi", actor=Actor.anonymous())
        assert first.pk == again.pk
        assert len(mail.outbox) == 2
        assert "/fi/" in mail.outbox[0].body

    def test_a_closed_call_takes_no_new_drafts(self, form):
        form.call.deadline = timezone.now() - timedelta(days=1)
        form.call.opens_at = timezone.now() - timedelta(days=30)
        form.call.save()
        with pytest.raises(ValidationError):
            services.application_start(call=form.call, email="a@example.org", language="fi", actor=Actor.anonymous())


@pytest.fixture
def closed_call(db):
    call = OpenCallFactory(opens_at=timezone.now() - timedelta(days=60), deadline=timezone.now() - timedelta(days=1))
    make_form(call)
    return call


class TestReview:
    def test_a_reviewer_of_the_applicants_organisation_is_never_assigned(self, closed_call):
        partner = PartnerFactory()
        application = make_application(closed_call.application_form, organisation=partner)
        with pytest.raises(ValidationError):
            services.review_assign(application=application, reviewer=reviewer_of(partner), actor=staff())
        assert services.review_assign(application=application, reviewer=reviewer_of(PartnerFactory()), actor=staff())

    def test_only_staff_assign_and_only_reviewers_are_assigned(self, closed_call):
        application = make_application(closed_call.application_form)
        reviewer = reviewer_of(None)
        with pytest.raises(PermissionDenied):
            services.review_assign(application=application, reviewer=reviewer, actor=Actor.from_user(reviewer))
        with pytest.raises(ValidationError):
            services.review_assign(application=application, reviewer=StaffUserFactory(), actor=staff())

    def test_scores_are_checked_against_the_scale_and_submitting_is_final(self, closed_call):
        application = make_application(closed_call.application_form)
        reviewer = reviewer_of(None)
        assignment = services.review_assign(application=application, reviewer=reviewer, actor=staff())
        criteria = list(closed_call.application_form.criteria.all())
        actor = Actor.from_user(reviewer)
        with pytest.raises(ValidationError):
            services.review_submit(assignment=assignment, scores={criteria[0].pk: (6, ""), criteria[1].pk: (1, "")}, actor=actor)
        services.review_submit(assignment=assignment, scores={criteria[0].pk: (5, "Great"), criteria[1].pk: (1, "")}, actor=actor)
        with pytest.raises(PermissionDenied):
            services.review_submit(assignment=assignment, scores={criteria[0].pk: (1, ""), criteria[1].pk: (1, "")}, actor=actor)

    def test_a_declared_conflict_removes_the_application_from_the_reviewers_list(self, closed_call):
        application = make_application(closed_call.application_form)
        reviewer = reviewer_of(None)
        assignment = services.review_assign(application=application, reviewer=reviewer, actor=staff())
        services.review_declare_conflict(assignment=assignment, note="My cousin", actor=Actor.from_user(reviewer))
        assert not Application.objects.assigned_to(reviewer).exists()


class TestDecision:
    def test_decisions_wait_for_the_deadline(self, call):
        application = make_application(call.application_form)
        with pytest.raises(ValidationError):
            services.application_decide(application=application, decision=Decision.SELECTED, share_comments=False, actor=staff())

    def test_the_decision_is_mailed_once_in_the_applicants_language_with_comments_if_chosen(
        self, closed_call, django_capture_on_commit_callbacks,
    ):
        application = make_application(closed_call.application_form, language="fi")
        review(application, reviewer_of(None), [4, 3], comment="Hyvä suunnitelma.")
        review(application, reviewer_of(None), [2, 2], submitted=False, comment="Unsubmitted draft")
        with django_capture_on_commit_callbacks(execute=True):
            services.application_decide(application=application, decision=Decision.RESERVE, share_comments=True, actor=staff())
        with django_capture_on_commit_callbacks(execute=True):
            services.application_decide(application=application, decision=Decision.RESERVE, share_comments=True, actor=staff())
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert "varasijalla" in message.body
        assert "Hyvä suunnitelma." in message.body
        assert "Unsubmitted draft" not in message.body

    def test_comments_stay_out_unless_staff_include_them(self, closed_call, django_capture_on_commit_callbacks):
        application = make_application(closed_call.application_form)
        review(application, reviewer_of(None), [4, 3], comment="Secret remark")
        with django_capture_on_commit_callbacks(execute=True):
            services.application_decide(application=application, decision=Decision.REJECTED, share_comments=False, actor=staff())
        assert "Secret remark" not in mail.outbox[0].body

    def test_a_selected_application_becomes_a_pilot_in_one_action(self, closed_call):
        application = make_application(closed_call.application_form, business_id="555-1")
        services.application_decide(application=application, decision=Decision.SELECTED, share_comments=False, actor=staff())
        pilot = services.application_make_pilot(application=application, actor=staff())
        assert pilot.title == "Snow pilot"
        assert pilot.summary == "Sensors."
        assert pilot.phase == PilotPhase.SELECTED
        assert pilot.open_call == closed_call
        assert pilot.host == closed_call.host
        assert set(pilot.cities.all()) == set(application.cities.all())
        company = pilot.participants.get()
        assert (company.name, company.business_id, company.is_public) == ("Acme Oy", "555-1", False)
        assert services.application_make_pilot(application=application, actor=staff()) == pilot

    def test_a_rejected_application_does_not_become_a_pilot(self, closed_call):
        application = make_application(closed_call.application_form, decision=Decision.REJECTED)
        with pytest.raises(ValidationError):
            services.application_make_pilot(application=application, actor=staff())


class TestPrivacy:
    def test_withdrawal_deletes_the_application_and_its_files(self, call, django_capture_on_commit_callbacks, settings):
        application = draft(call)
        attachment = services.attachment_add(application=application, upload=upload(), actor=applicant_actor(application))
        path = settings.PRIVATE_MEDIA_ROOT / attachment.file.name
        assert path.exists()
        assert not str(path).startswith(str(settings.MEDIA_ROOT))
        with django_capture_on_commit_callbacks(execute=True):
            services.application_withdraw(application=application, actor=applicant_actor(application))
        assert not Application.objects.filter(pk=application.pk).exists()
        assert not path.exists()

    def test_retention_deletes_attachments_first_and_applications_later(self, settings, django_capture_on_commit_callbacks):
        settings.APPLICATIONS_RETENTION_DAYS = 100
        settings.APPLICATIONS_ATTACHMENT_RETENTION_DAYS = 10
        old = OpenCallFactory(opens_at=timezone.now() - timedelta(days=200), deadline=timezone.now() - timedelta(days=101))
        middle = OpenCallFactory(opens_at=timezone.now() - timedelta(days=200), deadline=timezone.now() - timedelta(days=11))
        recent = OpenCallFactory(opens_at=timezone.now() - timedelta(days=200), deadline=timezone.now() - timedelta(days=9))
        kept = {}
        for name, call in (("old", old), ("middle", middle), ("recent", recent)):
            application = make_application(make_form(call))
            Attachment.objects.create(application=application, file=f"{name}.pdf", original_name="x.pdf", size=1, pages=1)
            kept[name] = application
        with django_capture_on_commit_callbacks(execute=True):
            assert purge_expired() == (1, 2)
        assert not Application.objects.filter(pk=kept["old"].pk).exists()
        assert Application.objects.filter(pk=kept["middle"].pk).exists()
        assert not Attachment.objects.filter(application=kept["middle"]).exists()
        assert Attachment.objects.filter(application=kept["recent"]).exists()
        assert purge_expired() == (0, 0)
