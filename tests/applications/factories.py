"""Factories and helpers for the applications tests."""

import io
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from applications.models import (
    REVIEWERS_GROUP,
    Application,
    ApplicationStatus,
    CallForm,
    Criterion,
    FormSection,
    Question,
    ReviewAssignment,
    ReviewerProfile,
    Score,
)
from finest.core.models import Country
from tests.factories import CityFactory, OpenCallFactory, UserFactory


def pdf_bytes(pages: int = 1, *, javascript: bool = False) -> bytes:
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=200, height=200)
    if javascript:
        action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})
        names = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("x"), writer._add_object(action)])})
        writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): names})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_open_action() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe"),
    })
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(content: bytes | None = None, name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type="application/pdf")


class CallFormFactory(factory.django.DjangoModelFactory):
    call = factory.SubFactory(OpenCallFactory)
    attachments_required = 1
    attachments_max = 2
    attachment_max_mb = 1
    attachment_max_pages = 3
    score_max = 5
    eligible_countries = "FI,EE"
    requires_cross_border = True

    class Meta:
        model = CallForm


class ReviewerFactory(UserFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def reviewers_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])


def make_form(call=None, **kwargs) -> CallForm:
    form = CallFormFactory(**({"call": call} if call else {}), **kwargs)
    section = FormSection.objects.create(form=form, title_fi="Ratkaisu", title_sv="Lösningen", title_en="Solution", order=0)
    Question.objects.create(section=section, text_fi="Mikä ongelma?", text_sv="Vilket problem?", text_en="What problem?", order=0)
    Criterion.objects.create(form=form, name_fi="Vaikuttavuus", name_en="Impact", weight=Decimal("2"), order=0)
    Criterion.objects.create(form=form, name_fi="Toteutettavuus", name_en="Feasibility", weight=Decimal("1"), order=1)
    return form


def cities():
    return [CityFactory(country=Country.FINLAND), CityFactory(country=Country.ESTONIA)]


def make_application(form: CallForm, *, submitted: bool = True, organisation=None, **kwargs) -> Application:
    question = Question.objects.filter(section__form=form).first()
    values = {
        "call": form.call, "email": "company@example.org", "language": "en", "company_name": "Acme Oy",
        "company_country": Country.FINLAND, "contact_name": "Ann", "title": "Snow pilot", "summary": "Sensors.",
        "requested_grant": Decimal("10000"), "answers": {str(question.pk): "Slush."} if question else {},
        "organisation": organisation,
        "status": ApplicationStatus.SUBMITTED if submitted else ApplicationStatus.DRAFT,
        "submitted_at": timezone.now() if submitted else None,
        **kwargs,
    }
    application = Application.objects.create(**values)
    application.cities.set(cities())
    return application


def review(application: Application, reviewer, values: list[int], *, submitted: bool = True, comment: str = "Fine.") -> ReviewAssignment:
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=reviewer, submitted_at=timezone.now() if submitted else None,
    )
    for criterion, value in zip(Criterion.objects.filter(form__call=application.call), values, strict=True):
        Score.objects.create(assignment=assignment, criterion=criterion, value=value, comment=comment)
    return assignment


def reviewer_of(organisation):
    user = ReviewerFactory()
    ReviewerProfile.objects.create(user=user, organisation=organisation)
    return user
