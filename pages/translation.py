from modeltranslation.translator import TranslationOptions, register

from .models import FeaturedItem, HomePage, KeyFigure, Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "menu_title", "slug", "body", "seo_description", "url_path")


@register(HomePage)
class HomePageTranslationOptions(TranslationOptions):
    fields = ("hero_kicker", "title", "intro", "seo_description")


@register(KeyFigure)
class KeyFigureTranslationOptions(TranslationOptions):
    fields = ("prefix", "unit", "text_value", "label", "source")


@register(FeaturedItem)
class FeaturedItemTranslationOptions(TranslationOptions):
    fields = ("title",)
