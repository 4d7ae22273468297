"""The rich-text editor in a real browser: it starts in every language tab of the admin under the
portal's CSP (its import map allowed by hash), and what an editor formats is stored as clean HTML."""

import pytest

from news.models import Article
from tests.factories import StaffUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base_url):
    user = StaffUserFactory(username="writer")
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.wait_for_url(base_url + "/admin/")
    return user


def test_an_editor_formats_a_body_in_each_language(live_server, page):
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    _sign_in(page, live_server.url)
    page.goto(live_server.url + "/admin/news/article/add/")
    editors = page.locator(".ProseMirror")
    editors.first.wait_for()
    assert editors.count() >= 3  # body in fi, sv and en
    assert refused == []
    assert page.js_errors == []

    page.fill("#id_title_fi", "Muotoiltu uutinen")
    page.fill("#id_title_en", "A formatted article")
    body_fi = page.locator("#id_body_fi").locator("xpath=..").locator(".ProseMirror")
    body_fi.click()
    page.keyboard.type("Tavallista ")
    page.keyboard.press("Control+b")
    page.keyboard.type("lihavoitua")
    page.click("input[name=_save]")
    page.wait_for_url(live_server.url + "/admin/news/article/")

    article = Article.objects.get(title_fi="Muotoiltu uutinen")
    assert article.body_fi == "<p>Tavallista <strong>lihavoitua</strong></p>"
    assert article.body_en == ""
