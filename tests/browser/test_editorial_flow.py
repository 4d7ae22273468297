"""The editorial flow in a real browser: a content editor signs in to the admin with a one-time
code and writes a page in Finnish, Swedish and English in the rich-text editor: a heading, bold text,
a list, a link, and a figure with a caption whose image comes from the media library through the
editor's picker window, with the alt text in each language; then submits it for review.
The public does not see it; a publisher signs in and approves it; then the page shows in all three
languages with its formatting and the image."""

from __future__ import annotations

import os
import re
from importlib import import_module

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from finest.core.i18n import url_in_language
from finest.core.models import PublishState
from medialibrary import tasks
from pages.models import Page
from tests.browser.richtext_helpers import editor_for, insert_figure_from_library, make_link
from tests.factories import ImageFactory, UserFactory
from workflow.models import Draft, DraftState

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"

# The data migrations that make the review groups and give them their permissions, in order.
GROUP_MIGRATIONS = (
    ("finest.core.migrations.0002_content_editors_group", "create_group"),
    ("newsletter.migrations.0003_content_editors_compose_newsletters", "grant"),
    ("workflow.migrations.0002_review_groups", "create_groups"),
    ("pages.migrations.0005_review_groups_edit_pages", "grant"),
    ("medialibrary.migrations.0002_review_groups_use_library", "grant"),
)

TEXTS = {
    "fi": {
        "title": "Kaksoiskaupunkien liikkuminen",
        "heading": "Mitä kokeilimme",
        "intro": "Pilotti yhdisti",
        "bold": "Helsingin ja Tallinnan",
        "items": ["Yhteinen lippu", "Avoin data"],
        "link": "Lue lisää",
        "alt": "Lautta Helsingin ja Tallinnan välillä",
        "caption": "Lautta lähtee Helsingistä",
        "outro": "Pilotti jatkuu vuonna 2027.",
    },
    "sv": {
        "title": "Tvillingstädernas rörlighet",
        "heading": "Vad vi prövade",
        "intro": "Piloten förenade",
        "bold": "Helsingfors och Tallinn",
        "items": ["En gemensam biljett", "Öppna data"],
        "link": "Läs mer",
        "alt": "En färja mellan Helsingfors och Tallinn",
        "caption": "Färjan lämnar Helsingfors",
        "outro": "Piloten fortsätter år 2027.",
    },
    "en": {
        "title": "Mobility of the twin cities",
        "heading": "What we tried",
        "intro": "The pilot joined",
        "bold": "Helsinki and Tallinn",
        "items": ["One shared ticket", "Open data"],
        "link": "Read more",
        "alt": "A ferry between Helsinki and Tallinn",
        "caption": "The ferry leaves Helsinki",
        "outro": "The pilot goes on in 2027.",
    },
}
LINK = "https://www.finesttwins.eu/"


def review_groups() -> None:
    """The live server's database is flushed after every test, and the review groups of the data
    migrations go with it: make them again, on the migrations' own historical models."""
    state_apps = MigrationLoader(connection).project_state().apps
    for module, function in GROUP_MIGRATIONS:
        getattr(import_module(module), function)(state_apps, None)


def staff_member(username: str, group: str):
    user = UserFactory(username=username, email=f"{username}@example.org", is_staff=True, is_superuser=False)
    user.groups.add(Group.objects.get(name=group))
    # With a device, the admin asks for a code whatever ADMIN_REQUIRE_2FA says.
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def sign_in(page, base: str, user, device) -> None:
    page.goto(base + reverse("admin:index"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=otp_token]", f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}")
    page.click("#login-form input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(user.username)


def write_body(page, language: str, image_title: str, image_url: str) -> None:
    text = TEXTS[language]
    editor = editor_for(page, f"id_body_{language}")
    editor.locator(".ProseMirror[contenteditable=true]").click()
    editor.locator(".prose-menubar__selected").click()
    editor.locator("[data-name=heading2]").click()
    page.keyboard.type(text["heading"])
    page.keyboard.press("Enter")
    page.keyboard.type(text["intro"] + " ")
    editor.locator("[data-name=bold]").click()
    page.keyboard.type(text["bold"])
    editor.locator("[data-name=bold]").click()
    page.keyboard.type(".")
    page.keyboard.press("Enter")
    editor.locator("[data-name=bulletList]").click()
    for item in text["items"]:
        page.keyboard.type(item)
        page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    page.keyboard.type(text["link"])
    make_link(page, editor, LINK)
    # Right after the link, whose text is still selected: the figure goes below it.
    insert_figure_from_library(page, editor, image_title, alt=text["alt"], caption=text["caption"])
    page.keyboard.type(text["outro"])
    body = page.locator(f"#id_body_{language}")
    for pattern in (
        f"<h2>{text['heading']}</h2>",
        f"<strong>{text['bold']}</strong>",
        f"<ul><li><p>{text['items'][0]}</p></li>",
        f'<p><a href="{LINK}" title="">{text["link"]}</a></p><figure',
        f'<img src="{image_url}" alt="{text["alt"]}"',
        f"<figcaption class=\"figure-caption\">{text['caption']}</figcaption></figure><p>{text['outro']}</p>",
    ):
        expect(body).to_have_value(re.compile(re.escape(pattern)))


def assert_public_page(page, base: str, obj, language: str, image_url: str) -> None:
    text = TEXTS[language]
    response = page.goto(base + url_in_language(obj, language))
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", language)
    main = page.locator("main")
    expect(main.locator("h1")).to_have_text(text["title"])
    expect(main.locator("h2", has_text=text["heading"])).to_be_visible()
    expect(main.locator("strong", has_text=text["bold"])).to_be_visible()
    expect(main.locator("ul li", has_text=text["items"][0])).to_be_visible()
    expect(main.locator("ul li", has_text=text["items"][1])).to_be_visible()
    expect(main.get_by_role("link", name=text["link"])).to_have_attribute("href", LINK)
    figure = main.locator("figure", has=page.get_by_role("img", name=text["alt"]))
    expect(figure.locator("figcaption")).to_have_text(text["caption"])
    image = figure.get_by_role("img", name=text["alt"])
    expect(image).to_have_attribute("src", re.compile(re.escape(image_url) + "$"))
    # The file is really there: the browser loaded it.
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(main.locator("p", has_text=text["outro"])).to_be_visible()


def test_editor_writes_submits_and_publisher_approves(live_server, browser, page, axe_check):
    review_groups()
    editor, editor_device = staff_member("eeva", "Content editors")
    publisher, publisher_device = staff_member("pekka", "Publishers")
    image = ImageFactory(title="Lautta meren yli")
    tasks.generate_renditions(image.pk)
    image_url = image.url_for("body")  # what the picker hands over: the body rendition
    assert "/renditions/" in image_url
    base = live_server.url

    # The editor, in the Finnish admin.
    sign_in(page, base, editor, editor_device)
    page.goto(base + reverse("admin:pages_page_add"))
    for language in ("fi", "sv", "en"):
        page.select_option("#modeltranslation-main-switch", label=language)
        page.fill(f"#id_title_{language}", TEXTS[language]["title"])
        write_body(page, language, "Lautta meren yli", image_url)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    created = Page.objects.get(title_fi=TEXTS["fi"]["title"])
    assert created.state == PublishState.DRAFT
    # An editor cannot publish: no button for it; the review is the way.
    expect(page.locator("input[name=_workflow_publish]")).to_have_count(0)
    page.click("input[name=_workflow_submit]")
    # The change form now says the changes wait for review (the page before it had a success message too).
    expect(page.locator(".workflow-status strong")).to_be_visible()
    draft = Draft.objects.get()
    assert draft.state == DraftState.SUBMITTED and draft.author == editor

    # Not public while it waits for review.
    visitor = browser.new_context(locale="fi-FI")
    public = visitor.new_page()
    assert public.goto(base + url_in_language(created, "fi")).status == 404

    # The publisher finds it on the admin's front page, under "waiting for review", and approves it.
    reviewer_context = browser.new_context(locale="fi-FI")
    reviewer = reviewer_context.new_page()
    sign_in(reviewer, base, publisher, publisher_device)
    reviewer.get_by_role("link", name=TEXTS["fi"]["title"], exact=True).click()
    expect(reviewer).to_have_url(re.compile(re.escape(reverse("admin:workflow_draft_change", args=[draft.pk])) + "$"))
    reviewer.click("input[name=_approve]")
    expect(reviewer.locator(".messagelist .success")).to_be_visible()
    reviewer_context.close()

    created.refresh_from_db()
    assert created.state == PublishState.PUBLISHED and created.is_public
    assert not Draft.objects.exists()
    for language in ("fi", "sv", "en"):
        assert_public_page(public, base, created, language, image_url)
        axe_check(public)
    visitor.close()
