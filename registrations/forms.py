"""The public sign-up form, built from a registration's questions, with a honeypot and a
signed start time: a bot fills the hidden field or posts faster than a person can type."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from finest.core.i18n import translated

from .models import Registration

STARTED_SALT = "registrations.form-started"
STARTED_MAX_AGE = 24 * 3600


def started_token() -> str:
    return signing.dumps(time.time(), salt=STARTED_SALT)


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email address"), max_length=254)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    dietary = forms.CharField(label=_("Dietary needs"), max_length=500, required=False)
    accessibility = forms.CharField(label=_("Accessibility needs"), max_length=500, required=False)
    consent_share = forms.BooleanField(
        label=_("The co-organisers of the event may see my name, email address and organisation."), required=False
    )
    # Left empty by people (it is hidden); bots that fill every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    OPTIONAL = {
        "organisation": "ask_organisation", "dietary": "ask_dietary", "accessibility": "ask_accessibility",
        "consent_share": "ask_consent_share",
    }

    def __init__(self, *args, registration: Registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.registration = registration
        self.fields["started"].initial = started_token()
        for name, flag in self.OPTIONAL.items():
            if not getattr(registration, flag):
                del self.fields[name]
        for question in registration.questions.all():
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=translated(question, "text").value, max_length=1000, required=question.required,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        # Reported for the whole form: the field is hidden, so its own error would not show.
        cleaned = super().clean()
        try:
            started = float(signing.loads(cleaned.get("started", ""), salt=STARTED_SALT, max_age=STARTED_MAX_AGE))
        except (signing.BadSignature, ValueError, TypeError) as exc:
            raise forms.ValidationError(_("The form had expired. Please fill it in again."), code="expired") from exc
        if time.time() - started < settings.REGISTRATIONS_MIN_FORM_SECONDS:
            raise forms.ValidationError(_("The form was sent too quickly. Please check it and send it again."), code="too_fast")
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix("question_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("question_") and value
        }

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"], "email": data["email"], "organisation": data.get("organisation", ""),
            "dietary": data.get("dietary", ""), "accessibility": data.get("accessibility", ""),
            "consent_share": bool(data.get("consent_share")), "answers": self.answers(),
        }


class EraseForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, erase my registration and my personal data."))
