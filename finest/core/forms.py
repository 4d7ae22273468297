"""Form fields shared by the public forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

# The largest id a BigAutoField can hold; SQLite raises OverflowError (a 500) on a larger one in ``pk__in``.
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """The id a posted value stands for, or None: ASCII digits only (str.isdigit() also accepts
    "²", which int() refuses), within the range the database holds."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses values beyond the id range as invalid choices instead of passing them to the database."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            digits = text.removeprefix("-")
            # Non-ASCII digits ("²") pass str.isdigit() but not int(); the database never sees them.
            if digits.isdigit() and (not digits.isascii() or int(digits) > MAX_ID):
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": text[:30]})
        return super()._check_values(value)
