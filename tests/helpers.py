"""Small helpers the view tests of every app share."""

import json
import re

from django.urls import reverse
from django.utils import translation

from finest.core.i18n import url_in_language as url_in  # noqa: F401 - re-exported for the tests

LANGUAGES = ["fi", "sv", "en"]


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def assert_page_in_language(response, language):
    """<html lang>, hreflang alternates for every language and a canonical link."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    for code in LANGUAGES:
        assert f'hreflang="{code}"' in html
    assert 'rel="canonical"' in html
    return html


def json_ld(html):
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
