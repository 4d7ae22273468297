"""Project services: the admin saves projects and their inline rows through them."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from finest.core.models import PublishState
from finest.core.permissions import Actor
from projects import admin as project_admin
from projects import services
from projects.models import Participation, Project
from tests.core.test_admin import form_data
from tests.factories import PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_create_update_and_delete_with_an_actor():
    project = services.project_create(
        project=Project(title_fi="Hanke", state=PublishState.PUBLISHED), actor=Actor.system()
    )
    assert project.is_public
    project.acronym = "HNK"
    services.project_update(project=project, actor=Actor.system())
    assert Project.objects.get(pk=project.pk).acronym == "HNK"
    partner = Actor(organisation=PartnerFactory(), scopes=frozenset({"read", "write"}))
    with pytest.raises(PermissionDenied):
        services.project_update(project=project, actor=partner)
    services.project_delete(project=project, actor=Actor.system())
    assert not Project.objects.exists()


def test_saving_or_deleting_a_row_marks_the_project_modified():
    project = ProjectFactory()
    before = Project.objects.get(pk=project.pk).modified_at
    row = Participation(project=project, partner=PartnerFactory())
    services.project_rows_save(project=project, saved=[row], deleted=[], actor=Actor.system())
    after_save = Project.objects.get(pk=project.pk).modified_at
    assert after_save > before
    services.project_rows_save(project=project, saved=[], deleted=[row], actor=Actor.system())
    assert Project.objects.get(pk=project.pk).modified_at > after_save
    assert not project.participations.exists()


def test_the_admin_saves_through_the_project_services(staff_client, staff_user):
    project = ProjectFactory(state=PublishState.DRAFT)  # a direct save: live content keeps a draft
    url = reverse("admin:projects_project_change", args=(project.pk,))
    data = form_data(staff_client.get(url))
    data["acronym"] = "SPY"
    with (
        mock.patch.object(project_admin, "project_update", wraps=services.project_update) as update,
        mock.patch.object(project_admin, "project_rows_save", wraps=services.project_rows_save) as rows,
    ):
        assert staff_client.post(url, data).status_code == 302
    assert update.call_args.kwargs["actor"].user == staff_user
    assert rows.call_args.kwargs["project"].pk == project.pk
    assert Project.objects.get(pk=project.pk).acronym == "SPY"
