"""The rich-text editor's image button: its dialog's "Browse..." opens the library's picker, which
hands a body rendition and its alt text back; the sanitiser keeps the figure it makes."""

import html
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.templatetags.static import static
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finest.core.html import sanitize_html
from medialibrary import tasks
from tests.factories import ImageFactory, UserFactory

pytestmark = pytest.mark.django_db

PICKER = "admin:medialibrary_image_picker"


def test_the_editor_offers_figures_with_the_library_picker(staff_client):
    response = staff_client.get(reverse("admin:projects_project_add"))
    attributes = re.findall(r'data-django-prose-editor-configurable="([^"]+)"', response.content.decode())
    configs = [json.loads(html.unescape(attribute)) for attribute in attributes]
    assert configs, "no rich-text editor on the project form"
    figure = configs[0]["extensions"]["Figure"]
    assert figure == {"pickerUrl": reverse(PICKER)}
    assert "Caption" in configs[0]["extensions"]
    # The Figure that keeps the editor's text and pictures (static/js/richtext-figure.js) replaces the library's.
    assert configs[0]["js_modules"] == [static("js/richtext-figure.js")]


def test_the_picker_lists_images_with_their_body_rendition_and_alt(staff_client):
    image = ImageFactory(title="Satama", alt_fi="Satama aamulla")
    tasks.generate_renditions(image.pk)
    body_url = image.url_for("body")
    assert "/renditions/" in body_url

    response = staff_client.get(reverse(PICKER), {"CKEditorFuncNum": "-1"})

    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-url="{body_url}"' in page
    assert 'data-alt="Satama aamulla"' in page  # the admin's language
    assert 'data-callback="-1"' in page
    assert "medialibrary/picker.js" in page


def test_the_body_rendition_keeps_the_whole_picture():
    image = ImageFactory()  # 800 × 450
    tasks.generate_renditions(image.pk)
    rendition = next(r for r in image.renditions_for("body") if r.scale == 1 and r.format != "webp")
    assert (rendition.width, rendition.height) == (800, 450)


def test_the_picker_searches_titles_and_alt_texts(staff_client):
    ImageFactory(title="Satama", alt_en="The harbour")
    ImageFactory(title="Tori", alt_en="The market square")  # found in English from the Finnish admin too

    page = staff_client.get(reverse(PICKER), {"CKEditorFuncNum": "-1", "q": "market"}).content.decode()

    assert "Tori" in page and "Satama" not in page


def test_the_picker_pages_keep_the_callback_and_the_search(staff_client, django_assert_num_queries):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            staff_client.get(reverse(PICKER), {"CKEditorFuncNum": "-3", "q": "Bridge"})
        return len(captured)

    ImageFactory.create_batch(2, alt_fi="Bridge")
    queries()  # the first request of a session reads more (the user's permissions)
    few = queries()
    ImageFactory.create_batch(28, alt_fi="Bridge")
    with django_assert_num_queries(few):
        page = staff_client.get(reverse(PICKER), {"CKEditorFuncNum": "-3", "q": "Bridge"}).content.decode()

    assert page.count('class="image-picker-choice"') == 24
    assert "?CKEditorFuncNum=-3&amp;q=Bridge&amp;page=2" in page


@pytest.mark.parametrize("callback", ["alert(1)", "--1", "1-", "²", "-", "12345678901"])
def test_a_callback_that_is_not_a_number_is_dropped(staff_client, callback):
    ImageFactory()
    page = staff_client.get(reverse(PICKER), {"CKEditorFuncNum": callback}).content.decode()
    assert 'data-callback=""' in page
    assert "disabled" in page


@pytest.mark.parametrize("callback", ["-1", "-27", "3"])
def test_the_editors_numbers_count_down_and_a_ckeditors_up(staff_client, callback):
    ImageFactory()
    page = staff_client.get(reverse(PICKER), {"CKEditorFuncNum": callback}).content.decode()
    assert f'data-callback="{callback}"' in page and " disabled" not in page


def test_a_content_editor_may_pick_images(client):
    editor = UserFactory(is_staff=True, is_superuser=False)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor)
    assert client.get(reverse(PICKER)).status_code == 200


def test_staff_without_the_library_may_not_and_visitors_sign_in_first(client):
    response = client.get(reverse(PICKER))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]

    client.force_login(UserFactory(is_staff=True, is_superuser=False))
    assert client.get(reverse(PICKER)).status_code == 403


def test_the_sanitiser_keeps_a_figure_of_a_library_image_with_its_caption():
    markup = (
        '<figure class="figure" onclick="x()"><img src="/media/renditions/library/a.jpg" alt="Harbour" '
        'data-file="7"><figcaption>The harbour <script>x()</script></figcaption></figure>'
    )
    assert sanitize_html(markup) == (
        '<figure><img src="/media/renditions/library/a.jpg" alt="Harbour"><figcaption>The harbour </figcaption></figure>'
    )


def test_the_sanitiser_drops_a_figure_image_from_elsewhere():
    markup = '<figure><img src="https://tracker.example/a.jpg" alt="x"><figcaption>c</figcaption></figure>'
    assert sanitize_html(markup) == "<figure><figcaption>c</figcaption></figure>"
