"""Admin formsets that keep a project's rows within its total budget.

The inline formsets are cleaned after the project form, and ``self.instance`` is
the edited (unsaved) project, so the rows are compared with the total being
submitted, not the stored one. Rows marked for deletion do not count."""

from __future__ import annotations

from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .services import validate_lead_responsibility, validate_total_not_exceeded


class BudgetCappedInlineFormSet(BaseInlineFormSet):
    amount_field: str = ""
    amounts_label = ""

    def kept_rows(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            # Row errors come first; a sum over half-valid rows would only confuse.
            return
        total = self.instance.total_budget
        if total is not None and total < 0:
            # The project form already reports the negative total.
            return
        validate_total_not_exceeded(
            total=total,
            amounts=[row.get(self.amount_field) for row in self.kept_rows()],
            what=str(self.amounts_label),
        )


class ParticipationInlineFormSet(BudgetCappedInlineFormSet):
    amount_field = "budget_share"
    amounts_label = _("The partners' budget shares")

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        partners = [row["partner"] for row in self.kept_rows() if row.get("partner")]
        validate_lead_responsibility(kind=self.instance.kind, partners=partners)


class FundingSourceInlineFormSet(BudgetCappedInlineFormSet):
    amount_field = "amount"
    amounts_label = _("The funding sources")


class WorkPackageInlineFormSet(BudgetCappedInlineFormSet):
    amount_field = "budget"
    amounts_label = _("The work package budgets")
