from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from finest.core.forms import IdModelMultipleChoiceField
from finest.core.models import FocusArea


class TopicsMixin(forms.Form):
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    focus_areas = IdModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose none to hear about all of them."),
    )
    events = forms.BooleanField(label=_("Events"), required=False)


class SubscribeForm(TopicsMixin):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    consent = forms.BooleanField(
        label=_("I agree that my email address, language and topics are stored to send me the newsletter."),
        error_messages={"required": _("Please give your consent so that we can send you the newsletter.")},
    )
    # Left empty by people (it is hidden); bots that fill every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    field_order = ["email", "language", "focus_areas", "events", "consent", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or settings.LANGUAGE_CODE).split("-")[0]

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class PreferencesForm(TopicsMixin):
    pass
