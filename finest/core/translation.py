from modeltranslation.translator import TranslationOptions, register

from .models import City, FocusArea


@register(FocusArea)
class FocusAreaTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "description")


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name", "slug")
