"""What an editor does in the rich-text editor, step by step in a real browser: shared by the
editor's regression tests and the editorial flow."""

from __future__ import annotations

import contextlib

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect


def editor_for(page, field_id: str):
    """The prose editor around the textarea ``field_id`` (its menu, its editable area)."""
    return page.locator(f".prose-editor:has(#{field_id})")


def make_link(page, editor, href: str) -> None:
    """Select the current line's text (typed just before) and make it a link through the dialog."""
    page.keyboard.press("Shift+Home")
    editor.locator("[data-name=link]").click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input[name=href]").fill(href)
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_have_count(0)


def insert_figure_from_library(page, editor, title: str, *, alt: str | None = None, caption: str = "") -> None:
    """The image button, its dialog's "Browse...", the library image ``title`` in the picker window
    (which closes itself once it has handed the picture and its alt text over), then "Insert";
    ``alt`` replaces the library's alt text (given in the admin's language), ``caption`` is typed."""
    editor.locator("[data-name=figure]").click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as popup_info:
        dialog.locator(".prose-editor-field-with-picker button").click()
    picker = popup_info.value
    picker.wait_for_load_state()
    # The picker closes itself in its click handler, at times before Playwright's click has
    # returned, which then fails with "target closed": the close event is what counts.
    with picker.expect_event("close"), contextlib.suppress(PlaywrightError):
        picker.locator(".image-picker-choice", has_text=title).click()
    expect(dialog.locator("input[name=imageUrl]")).not_to_have_value("")
    if alt is not None:
        dialog.locator("input[name=altText]").fill(alt)
    if caption:
        dialog.locator("input[name=caption]").fill(caption)
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_have_count(0)
