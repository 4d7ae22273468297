from modeltranslation.translator import TranslationOptions, register

from .models import ContactPerson, Partner


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "description")


@register(ContactPerson)
class ContactPersonTranslationOptions(TranslationOptions):
    fields = ("role",)
