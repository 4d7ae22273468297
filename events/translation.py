from modeltranslation.translator import TranslationOptions, register

from .models import Event, Session, Speaker


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "description", "venue_name")


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "description", "room")


@register(Speaker)
class SpeakerTranslationOptions(TranslationOptions):
    fields = ("title", "organisation", "bio")
