"""The rich-text field every body and description uses: a ProseMirror editor in the admin
(django-prose-editor) whose HTML is cleaned with the allow-list the templates render
(finest.core.html), on validation and again on every save, so that the admin, the API, the
shell and tasks all store clean HTML.

Also the one conversion of the plain-text bodies written before the editor
(``text_to_html``), which each app's data migration runs (``convert_to_html``); reversing
such a migration keeps the HTML, which shows the same text."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from functools import cache

from django.urls import reverse_lazy
from django.utils.html import escape
from django_prose_editor.fields import ProseEditorField, ProseEditorFormField
from django_prose_editor.widgets import prose_editor_admin_media
from modeltranslation.fields import TranslationFieldDescriptor

from finest.core.html import sanitize_html

# What the editor offers. The server-side allow-list in finest.core.html is the authority:
# anything the editor could make but the templates don't expect is removed on save.
# Figure: an image with an optional caption; its dialog's "Browse..." opens the media library's
# picker (medialibrary/admin.py), which fills in src (a rendition under MEDIA_URL) and alt.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"protocols": ["http", "https", "mailto", "tel"], "enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Image": True,
    "Figure": {"pickerUrl": reverse_lazy("admin:medialibrary_image_picker")},
    "Caption": True,
    "History": True,
    "HTML": True,
}

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?\s*>|<!--")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.DOTALL)
_BLANK_LINE = re.compile(r"\n[ \t]*\n+")
_EMPTY_PARAGRAPHS = ("<p></p>", "<p><br></p>")


def looks_like_html(value: str) -> bool:
    return bool(_TAG.search(value or ""))


def _paragraph(text: str) -> str:
    html = escape(text.strip())
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    html = _ITALIC.sub(r"<em>\1</em>", html)
    return "<p>" + html.replace("\n", "<br>") + "</p>"


def text_to_html(value: str) -> str:
    """Plain text as the editor's HTML, losing nothing: a blank line starts a paragraph, a single
    newline is a line break, ``**bold**`` and ``*italic*`` (what editors typed before the editor)
    become <strong> and <em>, and everything else is escaped. HTML is only sanitised."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if not value.strip():
        return ""
    if looks_like_html(value):
        return sanitize_html(value)
    paragraphs = "\n".join(_paragraph(part) for part in _BLANK_LINE.split(value.strip()) if part.strip())
    # Through the sanitiser too, for its canonical form: converting the result again changes nothing.
    return sanitize_html(paragraphs)


def clean_rich_text(value: str) -> str:
    """What a rich-text field stores: sanitised HTML (plain text from the API becomes paragraphs),
    without the empty paragraphs the editor leaves at the end (one in an empty editor, one below
    a figure for the cursor), so an empty editor is an empty string."""
    cleaned = text_to_html(value).rstrip()
    while cleaned.endswith(_EMPTY_PARAGRAPHS):
        cleaned = cleaned[: cleaned.rindex("<p>")].rstrip()
    return cleaned


class RichTextFormField(ProseEditorFormField):
    """The editor's form field. A browser sends a textarea's line breaks as CRLF: an editor that was
    not touched (another language's) would otherwise count as changed, in the history and the
    revisions, whenever its stored HTML has a line break."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class RichTextField(ProseEditorField):
    """A TextField holding sanitised HTML. Migrations see a plain TextField (``deconstruct``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", dict(EDITOR_EXTENSIONS))
        kwargs.setdefault("sanitize", clean_rich_text)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        cleaned = self.sanitize(value) if value else value
        # modeltranslation's base field reads and writes the current language's column through its
        # descriptor (with fallbacks); writing back through it could copy one language into another.
        # Each language's own field (body_fi...) is a RichTextField too and cleans its column itself.
        if cleaned != value and not isinstance(type(model_instance).__dict__.get(self.attname), TranslationFieldDescriptor):
            setattr(model_instance, self.attname, cleaned)
        return cleaned


@cache
def editor_csp_sources() -> str:
    """The CSP script source for the editor's import map: the admin renders it as an inline
    ``<script type="importmap">``, which ``script-src 'self'`` refuses unless its hash is listed.
    The map names the static files' (hashed, in production) URLs, so it is hashed as rendered."""
    rendered = str(prose_editor_admin_media._importmap)
    content = rendered[rendered.index(">") + 1 : rendered.rindex("</script>")]
    digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
    return f"'sha256-{digest}'"


# --- data migrations ---------------------------------------------------------------------


def _columns(model, names: Iterable[str]) -> list[str]:
    """The field and its per-language columns (body, body_fi, body_sv, body_en)."""
    wanted = set(names)
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.get_internal_type() == "TextField" and (field.attname in wanted or field.attname.rsplit("_", 1)[0] in wanted)
    ]


def convert_to_html(model, names: Iterable[str]) -> None:
    """Convert the fields ``names`` of ``model`` (a data migration's historical model) with
    ``text_to_html``, in every language. Saved through the model, so the change log records it."""
    columns = _columns(model, names)
    for obj in model._default_manager.only("pk", *columns).iterator():
        changed = [c for c in columns if getattr(obj, c) and text_to_html(getattr(obj, c)) != getattr(obj, c)]
        for column in changed:
            setattr(obj, column, text_to_html(getattr(obj, column)))
        if changed:
            obj.save(update_fields=changed)
