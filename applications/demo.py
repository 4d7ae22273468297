"""Demo content for applications: a form for both demo calls, three applications in
different states (a draft and a submitted one to the open call, and decided ones to the
closed call) and one finished review round for the closed call. Idempotent: rows are
found by fixed ids and updated in place."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from pypdf import PdfWriter

from finest.core.models import City

from .models import (
    REVIEWERS_GROUP,
    Application,
    ApplicationStatus,
    Attachment,
    CallForm,
    Criterion,
    Decision,
    FormSection,
    Question,
    ReviewAssignment,
    Score,
)

NAMESPACE = uuid.UUID("6f1d0c1e-8d0b-4a44-9a57-0d8a3c1b7e21")

SECTIONS = [
    ("Ratkaisu", "Lösningen", "The solution", [
        ("Mitä ongelmaa ratkaisunne ratkaisee?", "Vilket problem löser er lösning?", "What problem does your solution solve?"),
        ("Miten ratkaisua kokeillaan molemmissa kaupungeissa?", "Hur testas lösningen i båda städerna?",
         "How will the solution be tested in both cities?"),
    ]),
    ("Tiimi", "Teamet", "The team", [
        ("Keitä tiimiin kuuluu ja mitä he tekevät?", "Vilka ingår i teamet och vad gör de?", "Who is in the team and what do they do?"),
    ]),
]
CRITERIA = [
    ("Vaikuttavuus", "Genomslag", "Impact", Decimal("2")),
    ("Toteutettavuus", "Genomförbarhet", "Feasibility", Decimal("1.5")),
    ("Rajat ylittävä hyöty", "Gränsöverskridande nytta", "Cross-border value", Decimal("1")),
]
REVIEWERS = [("demo-reviewer-1", "Riikka", "Arvioija"), ("demo-reviewer-2", "Mart", "Hindaja")]


def demo_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _form(call, *, cross_border: bool) -> CallForm:
    form, _created = CallForm.objects.update_or_create(call=call, defaults={
        "intro_fi": "Täytä hakemus ja liitä mukaan PDF-muotoinen kokeilusuunnitelma.",
        "intro_sv": "Fyll i ansökan och bifoga en försöksplan som PDF.",
        "intro_en": "Fill in the application and attach a test plan as a PDF.",
        "attachments_required": 1, "attachments_max": 3, "attachment_max_mb": 10, "attachment_max_pages": 30,
        "score_max": 5, "eligible_countries": "FI,EE", "requires_cross_border": cross_border,
    })
    for order, (fi, sv, en, questions) in enumerate(SECTIONS):
        section, _created = FormSection.objects.update_or_create(form=form, order=order, defaults={
            "title_fi": fi, "title_sv": sv, "title_en": en,
        })
        for q_order, (q_fi, q_sv, q_en) in enumerate(questions):
            Question.objects.update_or_create(section=section, order=q_order, defaults={
                "text_fi": q_fi, "text_sv": q_sv, "text_en": q_en, "required": True,
            })
    for order, (fi, sv, en, weight) in enumerate(CRITERIA):
        Criterion.objects.update_or_create(form=form, order=order, defaults={
            "name_fi": fi, "name_sv": sv, "name_en": en, "weight": weight,
        })
    return form


def _answers(form: CallForm, text: str) -> dict[str, str]:
    return {str(q.pk): text for q in Question.objects.filter(section__form=form)}


def _application(key: str, call, form: CallForm, *, values: dict, cities, with_attachment: bool) -> Application:
    application, _created = Application.objects.update_or_create(
        public_id=uuid.uuid5(NAMESPACE, key),
        defaults={"call": call, "answers": _answers(form, values.pop("answer")), **values},
    )
    application.cities.set(cities)
    if with_attachment and not application.attachments.exists():
        attachment = Attachment(application=application, original_name="test-plan.pdf", size=0, pages=1)
        content = demo_pdf()
        attachment.size = len(content)
        attachment.file.save("attachment.pdf", ContentFile(content), save=False)
        attachment.save()
    return application


def _reviewers() -> list:
    group, _created = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    users = []
    for username, first, last in REVIEWERS:
        user, created = get_user_model().objects.get_or_create(username=username, defaults={
            "first_name": first, "last_name": last, "email": f"{username}@example.org",
        })
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(group)
        users.append(user)
    return users


def _review(application: Application, reviewer, values: list[int], comment: str, at) -> None:
    assignment, _created = ReviewAssignment.objects.update_or_create(
        application=application, reviewer=reviewer, defaults={"submitted_at": at, "assigned_at": at - timedelta(days=5)},
    )
    for criterion, value in zip(Criterion.objects.filter(form__call=application.call), values, strict=True):
        Score.objects.update_or_create(assignment=assignment, criterion=criterion, defaults={"value": value, "comment": comment})


def load_demo_applications(open_call, closed_call) -> None:
    """The demo forms, applications and review round; ``open_call`` takes applications now."""
    helsinki, tallinn = City.objects.filter(slug="helsinki").first(), City.objects.filter(slug="tallinn").first()
    cities = [city for city in (helsinki, tallinn) if city is not None]
    open_form = _form(open_call, cross_border=True)
    closed_form = _form(closed_call, cross_border=True)
    company = {"company_country": "FI", "language": "fi", "email_confirmed_at": open_call.opens_at + timedelta(days=3)}
    _application("draft", open_call, open_form, cities=cities[:1], with_attachment=False, values={
        **company, "email": "hakija@example.org", "company_name": "Lumityö Oy", "contact_name": "Liisa Lumi",
        "title": "Katujen talvikunnossapidon ennuste", "summary": "Luonnos.", "answer": "Kesken.",
        "status": ApplicationStatus.DRAFT,
    })
    _application("submitted", open_call, open_form, cities=cities, with_attachment=True, values={
        **company, "email": "sokoban@example.org", "company_name": "Sensorilabs OÜ", "company_country": "EE", "language": "en",
        "contact_name": "Kadri Kask", "title": "Winter road sensors", "summary": "Road surface sensors in both cities.",
        "answer": "See the attached test plan.", "requested_grant": Decimal("40000"), "status": ApplicationStatus.SUBMITTED,
        "submitted_at": open_call.opens_at + timedelta(days=10),
    })
    decided_at = closed_call.deadline + timedelta(days=30)
    reviewers = _reviewers()
    for key, name, decision, scores in (
        ("selected", "Parkkidata Oy", Decision.SELECTED, ([5, 4, 5], [4, 4, 5])),
        ("rejected", "Valokatu Oy", Decision.REJECTED, ([2, 3, 2], [4, 2, 1])),
    ):
        application = _application(key, closed_call, closed_form, cities=cities, with_attachment=True, values={
            **company, "email": f"{key}@example.org", "company_name": name, "contact_name": "Demo",
            "title": f"{name}: pilot", "summary": "Demo application.", "answer": "Demo answer.",
            "requested_grant": Decimal("50000"), "status": ApplicationStatus.SUBMITTED,
            "submitted_at": closed_call.deadline - timedelta(days=2), "decision": decision, "decided_at": decided_at,
            "decision_sent_for": decision, "receipt_sent_for": closed_call.deadline - timedelta(days=2),
        })
        for reviewer, values in zip(reviewers, scores, strict=True):
            _review(application, reviewer, values, "Demo comment.", decided_at - timedelta(days=7))
