"""The API's JSON parser: DRF's, with limits on what a body may hold.

A body nested thousands of levels deep exhausts the decoder's (and later the serializers')
recursion, and a NUL character cannot be stored in PostgreSQL's text columns; both are a 400
here, before any view sees the data."""

from __future__ import annotations

import math

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# Far deeper than any resource's representation (translated fields inside lists inside objects).
MAX_DEPTH = 32


def check_structure(data, *, max_depth: int = MAX_DEPTH) -> None:
    """Raise ParseError when ``data`` is nested deeper than ``max_depth`` or holds a NUL in a key or string."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                raise ParseError(_("Text may not contain NUL characters."))
        elif isinstance(value, float):
            # 1e309 decodes to infinity, which no number field can store.
            if not math.isfinite(value):
                raise ParseError(_("Numbers must be finite."))
        elif isinstance(value, dict | list):
            if depth > max_depth:
                raise ParseError(_("The JSON body is nested too deeply (at most %(depth)d levels).") % {"depth": max_depth})
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                stack.append((key, depth))
                stack.append((item, depth + 1))


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_("The JSON body is nested too deeply (at most %(depth)d levels).") % {"depth": MAX_DEPTH}) from error
        check_structure(data)
        return data
