"""Forms of the applicant's and the reviewers' pages. Field-level checks only: the
rules of a complete, eligible application live in the services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from finest.core.models import City, Country

from .models import Decision


class StartForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my application data is processed for this call."),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePDFField(forms.FileField):
    """Several files from one input; each is checked by the service when it is kept."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultiplePDFField, self).clean(file, initial) for file in files if file]


class ApplicationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the emails to you"), choices=settings.LANGUAGES)
    company_name = forms.CharField(label=_("Company"), max_length=200, required=False)
    business_id = forms.CharField(label=_("Business id"), max_length=20, required=False, help_text=_("Y-tunnus or registry code."))
    company_country = forms.ChoiceField(label=_("Company country"), choices=[("", "—"), *Country.choices], required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    title = forms.CharField(label=_("Pilot title"), max_length=200, required=False)
    summary = forms.CharField(label=_("Pilot description"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000, required=False)
    cities = forms.ModelMultipleChoiceField(
        label=_("Pilot cities"), queryset=City.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
    )
    requested_grant = forms.DecimalField(label=_("Grant applied for (EUR)"), min_value=0, max_digits=12, decimal_places=2, required=False)
    new_attachments = MultiplePDFField(label=_("Add PDF attachments"), required=False)
    remove_attachments = forms.MultipleChoiceField(label=_("Remove"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, call_form, questions, attachments, **kwargs):
        super().__init__(*args, **kwargs)
        call_cities = call_form.call.cities.all()
        self.fields["cities"].queryset = call_cities if call_cities.exists() else City.objects.all()
        self.fields["remove_attachments"].choices = [(str(a.pk), a.original_name) for a in attachments]
        self.question_fields = []
        for question in questions:
            name = f"q_{question.pk}"
            self.fields[name] = forms.CharField(
                label=question.text, help_text=question.help_text, max_length=question.max_length, required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.question_fields.append((question, name))

    def section_fields(self, sections):
        """Bound question fields grouped by section, for the template."""
        by_question = {question.pk: self[name] for question, name in self.question_fields}
        return [(section, [by_question[q.pk] for q in section.questions.all() if q.pk in by_question]) for section in sections]

    def answers(self) -> dict[str, str]:
        return {name[2:]: self.cleaned_data.get(name, "") for _question, name in self.question_fields}


class ScoreForm(forms.Form):
    def __init__(self, *args, criteria, score_max, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(label=criterion.name, min_value=0, max_value=score_max)
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000, required=False,
            )
            self.rows.append((criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"]))
        self.criteria = criteria

    def scores(self) -> dict[int, tuple[int, str]]:
        return {c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data.get(f"comment_{c.pk}", "")) for c in self.criteria}


class ConflictForm(forms.Form):
    note = forms.CharField(label=_("Why you cannot review this application"), max_length=300)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, required=False)
    share_comments = forms.BooleanField(label=_("Include the reviewers' comments in the email"), required=False)
