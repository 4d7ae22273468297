"""The editorial flow in a real browser: a content editor signs in to the admin with a one-time
code, takes an image from the media library, writes a page in Finnish, Swedish and English with a
heading, bold text, a list, a link and the image in the rich-text editor, and submits it for review.
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
from pages.models import Page
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
    },
    "sv": {
        "title": "Tvillingstädernas rörlighet",
        "heading": "Vad vi prövade",
        "intro": "Piloten förenade",
        "bold": "Helsingfors och Tallinn",
        "items": ["En gemensam biljett", "Öppna data"],
        "link": "Läs mer",
        "alt": "En färja mellan Helsingfors och Tallinn",
    },
    "en": {
        "title": "Mobility of the twin cities",
        "heading": "What we tried",
        "intro": "The pilot joined",
        "bold": "Helsinki and Tallinn",
        "items": ["One shared ticket", "Open data"],
        "link": "Read more",
        "alt": "A ferry between Helsinki and Tallinn",
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


def library_image_url(page, base: str, title: str) -> str:
    """The address of a library image, as an editor finds it: the library's list, the image's page."""
    page.goto(base + reverse("admin:medialibrary_image_changelist"))
    page.get_by_role("link", name=title, exact=True).click()
    return page.locator(".field-file a[href*='/media/']").get_attribute("href")


def write_body(page, language: str, image_url: str) -> None:
    text = TEXTS[language]
    editor = page.locator(f".prose-editor:has(#id_body_{language})")
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
    page.keyboard.press("Shift+Home")
    editor.locator("[data-name=link]").click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input[name=href]").fill(LINK)
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_have_count(0)
    # The editor has no image button: the image goes in through the HTML view, with its alt text.
    editor.locator("[data-name=html]").click()
    source = page.locator("dialog[open] textarea[name=html]")
    source.fill(source.input_value() + f'<img src="{image_url}" alt="{text["alt"]}">')
    page.locator("dialog[open] button[type=submit]").click()
    body = page.locator(f"#id_body_{language}")
    for pattern in (
        f"<h2>{text['heading']}</h2>",
        f"<strong>{text['bold']}</strong>",
        f"<ul><li><p>{text['items'][0]}</p></li>",
        f'href="{LINK}"',
        f'<img src="{image_url}" alt="{text["alt"]}">',
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
    image = main.get_by_role("img", name=text["alt"])
    expect(image).to_have_attribute("src", re.compile(re.escape(image_url) + "$"))
    # The file is really there: the browser loaded it.
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")


def test_editor_writes_submits_and_publisher_approves(live_server, browser, page, axe_check):
    review_groups()
    editor, editor_device = staff_member("eeva", "Content editors")
    publisher, publisher_device = staff_member("pekka", "Publishers")
    ImageFactory(title="Lautta meren yli")
    base = live_server.url

    # The editor, in the Finnish admin.
    sign_in(page, base, editor, editor_device)
    image_url = library_image_url(page, base, "Lautta meren yli")
    page.goto(base + reverse("admin:pages_page_add"))
    for language in ("fi", "sv", "en"):
        page.select_option("#modeltranslation-main-switch", label=language)
        page.fill(f"#id_title_{language}", TEXTS[language]["title"])
        write_body(page, language, image_url)
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
