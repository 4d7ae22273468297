"""The review groups reach the pages and the media library in the admin: both were added after
the groups were made, so the groups got their permissions in the apps' own migrations."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("member", ["editor", "publisher"])
def test_review_groups_open_the_pages_and_the_library(client, request, member):
    user = request.getfixturevalue(member)
    client.force_login(user)
    for name in (
        "admin:pages_page_changelist",
        "admin:pages_page_add",
        "admin:medialibrary_image_changelist",
        "admin:medialibrary_image_add",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:pages_page_changelist") in index
    assert reverse("admin:medialibrary_image_changelist") in index


@pytest.mark.parametrize("member", ["editor", "publisher"])
def test_library_images_are_not_deleted_by_the_review_groups(request, member):
    user = request.getfixturevalue(member)
    # One image may serve many items: deleting it stays with administrators.
    assert user.has_perm("medialibrary.change_image") and not user.has_perm("medialibrary.delete_image")
    assert user.has_perm("pages.delete_page")  # the policy still refuses the site's route pages
