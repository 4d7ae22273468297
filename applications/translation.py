from modeltranslation.translator import TranslationOptions, register

from .models import CallForm, Criterion, FormSection, Question


@register(CallForm)
class CallFormTranslationOptions(TranslationOptions):
    fields = ("intro",)


@register(FormSection)
class FormSectionTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "help_text")


@register(Criterion)
class CriterionTranslationOptions(TranslationOptions):
    fields = ("name", "description")
