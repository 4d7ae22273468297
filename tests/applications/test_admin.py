"""Staff's admin: forms are defined there, applications are shown read-only, and
reviewers are assigned through the service's rules."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import ReviewAssignment
from tests.applications.factories import make_application, make_form, reviewer_of
from tests.factories import OpenCallFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(db):
    call = OpenCallFactory(opens_at=timezone.now() - timedelta(days=60), deadline=timezone.now() - timedelta(days=1))
    return make_application(make_form(call), organisation=PartnerFactory())


def test_the_admin_pages_render(staff_client, application):
    for name, args in (
        ("admin:applications_application_changelist", []),
        ("admin:applications_application_change", [application.pk]),
        ("admin:applications_callform_change", [application.call.application_form.pk]),
        ("admin:applications_reviewassignment_add", []),
    ):
        assert staff_client.get(reverse(name, args=args)).status_code == 200, name
    change = staff_client.get(reverse("admin:applications_application_change", args=[application.pk]))
    assert "Slush." in change.content.decode()


def test_assigning_a_reviewer_of_the_applicants_organisation_is_a_form_error(staff_client, application):
    add = reverse("admin:applications_reviewassignment_add")
    conflicted = reviewer_of(application.organisation)
    response = staff_client.post(add, {"application": application.pk, "reviewer": conflicted.pk})
    assert response.status_code == 200
    assert "esteellisyys" in response.content.decode()
    independent = reviewer_of(None)
    response = staff_client.post(add, {"application": application.pk, "reviewer": independent.pk})
    assert response.status_code == 302
    assert ReviewAssignment.objects.get().reviewer == independent
