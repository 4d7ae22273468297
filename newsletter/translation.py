from modeltranslation.translator import TranslationOptions, register

from .models import NewsletterIssue


@register(NewsletterIssue)
class NewsletterIssueTranslationOptions(TranslationOptions):
    fields = ("subject", "body")
    required_languages = ("fi",)
