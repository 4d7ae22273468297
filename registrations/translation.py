from modeltranslation.translator import TranslationOptions, register

from .models import Announcement, Question, Registration


@register(Registration)
class RegistrationTranslationOptions(TranslationOptions):
    fields = ("confirmation_text",)


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Announcement)
class AnnouncementTranslationOptions(TranslationOptions):
    fields = ("subject", "body")
