"""The rich-text field every body and description uses: a ProseMirror editor in the admin
(django-prose-editor) whose HTML is cleaned on validation with the allow-list the
templates render (finest.core.html)."""

from django_prose_editor.fields import ProseEditorField

from finest.core.html import sanitize_html

# What the editor offers. The server-side allow-list in finest.core.html is the authority:
# anything the editor could make but the templates don't expect is removed on clean.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "History": True,
    "HTML": True,
}


def _clean(html: str) -> str:
    cleaned = sanitize_html(html)
    # ProseMirror always leaves one empty paragraph; an empty editor means an empty field.
    return "" if cleaned.strip() in {"", "<p></p>"} else cleaned


class RichTextField(ProseEditorField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", dict(EDITOR_EXTENSIONS))
        kwargs.setdefault("sanitize", _clean)
        super().__init__(*args, **kwargs)
