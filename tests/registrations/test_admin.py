"""Staff per event: counts as bars, registrants with search, the actions, the exports,
the printable check-in list and the check-in page for a phone."""

import csv
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from registrations.models import Announcement, RegistrantStatus

from .factories import QuestionFactory, RegistrantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(staff_client):
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return staff_client


@pytest.fixture
def registration():
    registration = RegistrationFactory(capacity=3)
    question = QuestionFactory(registration=registration)
    RegistrantFactory(registration=registration, name="Ada Lovelace", organisation="=HYPERLINK()", answers={str(question.pk): "Maps"})
    RegistrantFactory(registration=registration, name="Grace Hopper", language="sv")
    RegistrantFactory(registration=registration, name="Waiting Person", status=RegistrantStatus.WAITLISTED, language="fi")
    RegistrantFactory(registration=registration, name="Gone Person", status=RegistrantStatus.CANCELLED)
    return registration


def test_change_page_shows_counts_as_bars_and_the_tools(staff_client, registration):
    response = staff_client.get(reverse("admin:registrations_registration_change", args=[registration.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("height:0.9em") == 3
    for name in ("export", "checkin_list", "checkin"):
        assert reverse(f"admin:registrations_registration_{name}", args=[registration.pk, "csv"][: 2 if name == "export" else 1]) in html


def test_changelist_queries(staff_client, django_assert_max_num_queries):
    for _ in range(20):
        RegistrantFactory(registration=RegistrationFactory())
    with django_assert_max_num_queries(20):
        assert staff_client.get(reverse("admin:registrations_registration_changelist")).status_code == 200
    with django_assert_max_num_queries(20):
        assert staff_client.get(reverse("admin:registrations_registrant_changelist")).status_code == 200


def test_registrants_search(staff_client, registration):
    response = staff_client.get(reverse("admin:registrations_registrant_changelist"), {"q": "hopper"})
    html = response.content.decode()
    assert "Grace Hopper" in html and "Ada Lovelace" not in html


def test_csv_and_xlsx_exports(staff_client, registration):
    response = staff_client.get(reverse("admin:registrations_registration_export", args=[registration.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Name" and rows[0][-1] == "What interests you?"
    ada = next(row for row in rows if row[0] == "Ada Lovelace")
    assert ada[4] == "'=HYPERLINK()" and ada[-1] == "Maps"
    assert len(rows) == 5
    response = staff_client.get(reverse("admin:registrations_registration_export", args=[registration.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 5 and sheet.cell(1, 1).value == "Name"
    assert staff_client.get(reverse("admin:registrations_registration_export", args=[registration.pk, "pdf"])).status_code == 404


def test_exports_are_for_staff_only(client, registration):
    response = client.get(reverse("admin:registrations_registration_export", args=[registration.pk, "csv"]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_printable_check_in_list(staff_client, registration):
    html = staff_client.get(reverse("admin:registrations_registration_checkin_list", args=[registration.pk])).content.decode()
    assert "Ada Lovelace" in html and "Grace Hopper" in html
    assert "Waiting Person" not in html and "Gone Person" not in html
    assert "@media print" in html


def test_phone_check_in_search_and_tap(staff_client, registration):
    page = reverse("admin:registrations_registration_checkin", args=[registration.pk])
    html = staff_client.get(page, {"q": "grace"}).content.decode()
    assert "Grace Hopper" in html and "Ada Lovelace" not in html
    grace = registration.registrants.get(name="Grace Hopper")
    response = staff_client.post(page + "?q=grace", {"registrant": grace.pk, "arrived": "1"})
    assert response.status_code == 302 and response["Location"].endswith("?q=grace")
    grace.refresh_from_db()
    assert grace.checked_in_at is not None
    assert "1 of 2 have arrived." in staff_client.get(page).content.decode()
    staff_client.post(page, {"registrant": grace.pk, "arrived": "0"})
    grace.refresh_from_db()
    assert grace.checked_in_at is None


def run_action(staff_client, action, registrants, **extra):
    return staff_client.post(
        reverse("admin:registrations_registrant_changelist"),
        {"action": action, "_selected_action": [registrant.pk for registrant in registrants], **extra},
    )


def test_actions_confirm_cancel_and_move_from_waitlist(staff_client, registration, django_capture_on_commit_callbacks):
    waiting = registration.registrants.get(name="Waiting Person")
    with django_capture_on_commit_callbacks(execute=True):
        run_action(staff_client, "promote_selected", [waiting])
    waiting.refresh_from_db()
    assert waiting.status == RegistrantStatus.CONFIRMED
    assert mail.outbox[-1].to == [waiting.email]
    ada = registration.registrants.get(name="Ada Lovelace")
    run_action(staff_client, "cancel_selected", [ada])
    ada.refresh_from_db()
    assert ada.status == RegistrantStatus.CANCELLED
    run_action(staff_client, "confirm_selected", [ada])
    ada.refresh_from_db()
    assert ada.status == RegistrantStatus.CONFIRMED


def test_email_registrants_in_their_languages(staff_client, registration, django_capture_on_commit_callbacks):
    people = list(registration.registrants.filter(status=RegistrantStatus.CONFIRMED))
    response = run_action(staff_client, "email_selected", people)
    assert response.status_code == 200 and "subject_sv" in response.content.decode()
    texts = {f"{part}_{code}": f"{part} {code}" for part in ("subject", "body") for code in ("fi", "sv", "en")}
    with django_capture_on_commit_callbacks(execute=True):
        run_action(staff_client, "email_selected", people, apply="1", **texts)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {people[0].email: "subject en", people[1].email: "subject sv"}
    assert "body sv" in next(message.body for message in mail.outbox if message.subject == "subject sv")
    assert Announcement.objects.get().deliveries.filter(sent_at__isnull=True).count() == 0


def test_staff_erasure_asks_a_reason_and_logs_it(staff_client, registration):
    ada = registration.registrants.get(name="Ada Lovelace")
    assert "reason" in run_action(staff_client, "erase_selected", [ada]).content.decode()
    run_action(staff_client, "erase_selected", [ada], apply="1", reason="Asked by phone")
    ada.refresh_from_db()
    assert ada.erased_at and ada.name == ""
    assert "Asked by phone" in LogEntry.objects.get(object_id=str(ada.pk)).change_message


def test_saving_settings_goes_through_the_service(staff_client, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(capacity=1)
    RegistrantFactory(registration=registration)
    waiting = RegistrantFactory(registration=registration, status=RegistrantStatus.WAITLISTED)
    page = reverse("admin:registrations_registration_change", args=[registration.pk])
    data = {
        "event": registration.event.pk, "enabled": "on", "capacity": "2", "waitlist_enabled": "on", "max_per_email": "1",
        "ask_organisation": "on", "reminder_days": "2", "confirmation_text_fi": "", "confirmation_text_sv": "", "confirmation_text_en": "",
        "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0", "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(page, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    waiting.refresh_from_db()
    assert waiting.status == RegistrantStatus.CONFIRMED
