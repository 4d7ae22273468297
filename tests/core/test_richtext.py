"""Rich text: the allow-list against hostile HTML, the field's cleaning on save (also of each
language's column), and the conversion of the plain-text bodies written before the editor."""

import base64
import hashlib
import re

import pytest
from django.utils import translation

from finest.core.html import sanitize_html
from finest.core.richtext import RichTextField, clean_rich_text, editor_csp_sources, text_to_html
from news.models import Article
from tests.factories import ArticleFactory, StaffUserFactory

HOSTILE = [
    ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
    ('<p onclick="steal()" onmouseover="x">ok</p>', "<p>ok</p>"),
    ('<a href="javascript:alert(1)">link</a>', '<a rel="noopener noreferrer">link</a>'),
    ('<a href="JaVaScRiPt:alert(1)">link</a>', '<a rel="noopener noreferrer">link</a>'),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a rel="noopener noreferrer">x</a>'),
    ('<p style="background:url(javascript:alert(1))">ok</p>', "<p>ok</p>"),
    ("<style>body{display:none}</style><p>ok</p>", "<p>ok</p>"),
    ('<svg onload="alert(1)"><circle r="1"/></svg><p>ok</p>', "<p>ok</p>"),
    ('<iframe src="https://evil.example/"></iframe><p>ok</p>', "<p>ok</p>"),
    ('<object data="x.swf"></object><embed src="x.swf">', ""),
    ('<img src="https://evil.example/pixel.gif" alt="tracker">', ""),
    ('<img src="//evil.example/pixel.gif" alt="tracker">', ""),
    ('<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">', ""),
    ('<img src="/media/../admin/logout/" alt="escape">', ""),
    ('<img src="/static/logo.png" alt="not media">', ""),
    ('<img src="/media/a.jpg" onerror="alert(1)">', ""),  # no alt
    ('<img src="/media/a.jpg" alt="">', ""),
    ("<p><b>unclosed <i>nested</p>", "<p><b>unclosed <i>nested</i></b></p>"),
    ("<<script>script>alert(1)<</script>/script>", "&lt;/script&gt;"),
    ('<form action="/x"><input name="a"><button>go</button></form>', "go"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", ""),
]


@pytest.mark.parametrize(("dirty", "clean"), HOSTILE)
def test_hostile_html_is_cleaned(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_what_the_editor_makes_is_kept():
    html = (
        '<h2>Title</h2><p><strong>b</strong> <em>i</em> <a href="https://example.org/">l</a></p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>q</p></blockquote>"
        '<table><tbody><tr><th colspan="2">h</th></tr><tr><td>c</td><td>d</td></tr></tbody></table>'
        '<p><img src="/media/library/photo.jpg" alt="Tallinn harbour" width="640" height="480"></p>'
    )
    cleaned = sanitize_html(html)
    for kept in ("<h2>", "<strong>", "<em>", "<ul>", "<ol>", "<blockquote>", '<th colspan="2">', "<td>"):
        assert kept in cleaned
    assert '<img src="/media/library/photo.jpg" alt="Tallinn harbour" width="640" height="480">' in cleaned


def test_image_size_must_be_a_number():
    assert sanitize_html('<img src="/media/a.jpg" alt="a" width="100%" height="1e9">') == '<img src="/media/a.jpg" alt="a">'


def test_an_empty_editor_is_an_empty_field():
    assert clean_rich_text("<p></p>") == ""
    assert clean_rich_text("") == ""


@pytest.mark.django_db
def test_saving_cleans_every_language_without_the_form():
    # A shell or task write, no full_clean: the field cleans on save.
    article = ArticleFactory()
    article.body_fi = '<p onclick="x">Hei</p><script>alert(1)</script>'
    article.body_sv = "Hej\n\nvärlden"
    article.body_en = ""
    with translation.override("en"):
        article.save()
    stored = Article.objects.values("body_fi", "body_sv", "body_en").get(pk=article.pk)
    assert stored == {"body_fi": "<p>Hei</p>", "body_sv": "<p>Hej</p>\n<p>världen</p>", "body_en": ""}
    # The English fallback did not copy Finnish into the English column.
    article.refresh_from_db()
    assert article.body_en == ""


def test_translated_columns_are_rich_text_fields():
    for code in ("fi", "sv", "en"):
        assert isinstance(Article._meta.get_field(f"body_{code}"), RichTextField)


@pytest.mark.django_db
def test_admin_shows_the_editor_in_each_language_tab(client):
    client.force_login(StaffUserFactory(is_superuser=True))
    response = client.get("/admin/news/article/add/")
    html = response.content.decode()
    for code in ("fi", "sv", "en"):
        assert f'name="body_{code}"' in html
    assert html.count("data-django-prose-editor-configurable") >= 3
    assert "django_prose_editor/editor.js" in html
    # The editor's one inline script, its import map, is allowed by hash; nothing else inline is.
    policy = response.headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert editor_csp_sources() in script_src
    inline = re.findall(r'<script type="importmap"[^>]*>(.*?)</script>', html, re.DOTALL)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in script_src
    assert "unsafe-inline" not in script_src


class TestTextToHtml:
    def test_paragraphs_line_breaks_and_escaping(self):
        assert text_to_html("First line\nsecond & 1 < 2 > 0?\n\n\nNext") == (
            "<p>First line<br>second &amp; 1 &lt; 2 &gt; 0?</p>\n<p>Next</p>"
        )

    def test_markdown_bold_and_italic_the_editors_typed(self):
        assert text_to_html("Ask the **arvioijan** view and *read* it") == (
            "<p>Ask the <strong>arvioijan</strong> view and <em>read</em> it</p>"
        )

    def test_lone_asterisks_and_arithmetic_stay(self):
        assert text_to_html("2 * 3 * 4 and a * b") == "<p>2 * 3 * 4 and a * b</p>"

    def test_windows_newlines_and_blank_input(self):
        assert text_to_html("a\r\n\r\nb") == "<p>a</p>\n<p>b</p>"
        assert text_to_html("  \n ") == ""

    def test_existing_html_is_only_sanitised(self):
        assert text_to_html("<p>Kept <strong>bold</strong></p><script>x</script>") == "<p>Kept <strong>bold</strong></p>"

    def test_converting_twice_changes_nothing(self):
        once = text_to_html("**a**\n\nb")
        assert text_to_html(once) == once


def test_the_empty_paragraphs_the_editor_leaves_at_the_end_are_dropped():
    figure = '<figure><img src="/media/renditions/library/a.jpg" alt="Lautta"></figure>'
    assert clean_rich_text(f"<p>Hei</p>{figure}<p></p>") == f"<p>Hei</p>{figure}"
    assert clean_rich_text("<p>Hei</p><p></p><p><br></p>\n") == "<p>Hei</p>"
    assert clean_rich_text("<p></p><p>Hei</p>") == "<p></p><p>Hei</p>"  # only at the end


def test_an_untouched_editor_is_not_a_change_though_the_browser_sends_crlf():
    field = Article._meta.get_field("body_sv").formfield()
    stored = "<p>Hej</p>\n<p>världen</p>"
    assert not field.has_changed(stored, "<p>Hej</p>\r\n<p>världen</p>")
    assert field.has_changed(stored, "<p>Hej</p>\r\n<p>världen!</p>")
