"""Form fields shared by the public forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

# The largest id a BigAutoField can hold; SQLite raises OverflowError (a 500) on a larger one in ``pk__in``.
MAX_ID = 2**63 - 1


class IdModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses values beyond the id range as invalid choices instead of passing them to the database."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if text.lstrip("-").isdigit() and abs(int(text)) > MAX_ID:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": text[:30]})
        return super()._check_values(value)
