from modeltranslation.translator import TranslationOptions, register

from .models import KPI, OpenCall, Pilot


@register(OpenCall)
class OpenCallTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "description", "eligibility")


@register(Pilot)
class PilotTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "challenge", "solution", "results", "lessons_learned")


@register(KPI)
class KPITranslationOptions(TranslationOptions):
    fields = ("name", "unit")
