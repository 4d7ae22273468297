"""The rich-text editor's figures in a real browser, where two editors' losses were seen: a figure
inserted right after a link was made replaced the linked text, and what was typed right after
inserting a figure replaced its picture, leaving an image without source or alt text."""

from __future__ import annotations

import os
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from medialibrary import tasks
from tests.browser.richtext_helpers import editor_for, insert_figure_from_library, make_link
from tests.factories import ImageFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
LINK = "https://www.finesttwins.eu/"


@pytest.fixture
def body(live_server, page):
    """A signed-in editor on a new page's form, in the Finnish body's editor, with one library
    image; returns the editor and its image's body rendition URL."""
    image = ImageFactory(title="Lautta", alt_fi="Lautta meren yli")
    tasks.generate_renditions(image.pk)
    image.refresh_from_db()
    UserFactory(username="toimittaja", is_staff=True, is_superuser=True)
    page.goto(live_server.url + reverse("admin:index"))
    page.fill("input[name=username]", "toimittaja")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    page.goto(live_server.url + reverse("admin:pages_page_add"))
    editor = editor_for(page, "id_body_fi")
    editor.locator(".ProseMirror[contenteditable=true]").click()
    yield editor, image.url_for("body")
    assert not page.js_errors


def figure_html(url: str) -> str:
    return f'<figure class="figure"><img src="{url}" alt="Lautta meren yli" data-file="'


def test_a_figure_inserted_after_a_new_link_keeps_the_linked_text(page, body):
    editor, url = body
    page.keyboard.type("Lue lisää")
    make_link(page, editor, LINK)  # the linked text stays selected

    insert_figure_from_library(page, editor, "Lautta")

    value = page.locator("#id_body_fi").input_value()
    assert value.startswith(f'<p><a href="{LINK}" title="">Lue lisää</a></p>' + figure_html(url)), value


@pytest.mark.parametrize("caption", ["", "Lautta lähtee"])
def test_what_is_typed_after_a_figure_goes_below_it_and_the_picture_stays(page, body, caption):
    editor, url = body
    page.keyboard.type("Johdanto")
    page.keyboard.press("Enter")
    insert_figure_from_library(page, editor, "Lautta", caption=caption)

    page.keyboard.type("Lue lisää")
    make_link(page, editor, LINK)

    value = page.locator("#id_body_fi").input_value()
    figcaption = f'<figcaption class="figure-caption">{caption}</figcaption>' if caption else ""
    assert re.fullmatch(
        re.escape("<p>Johdanto</p>" + figure_html(url)) + r'\d+">'
        + re.escape(f'{figcaption}</figure><p><a href="{LINK}" title="">Lue lisää</a></p>'),
        value,
    ), value


def test_deleting_or_typing_over_a_selected_picture_leaves_no_empty_image(page, body):
    editor, url = body
    page.keyboard.type("Johdanto")
    page.keyboard.press("Enter")
    field = page.locator("#id_body_fi")

    insert_figure_from_library(page, editor, "Lautta")
    editor.locator("figure img").click()  # the picture is selected
    page.keyboard.press("Delete")
    expect(field).to_have_value(re.compile(r"^<p>Johdanto</p>"))
    expect(field).not_to_have_value(re.compile("<img|<figure"))

    insert_figure_from_library(page, editor, "Lautta")
    expect(field).to_have_value(re.compile(re.escape(figure_html(url))))
    editor.locator("figure img").click()
    page.keyboard.type("Teksti")  # replaces the picture, as typing over any selection does
    expect(field).to_have_value(re.compile(r"^<p>Johdanto</p>(<p></p>)*<p>Teksti</p>"))
    expect(field).not_to_have_value(re.compile("<img|<figure"))
