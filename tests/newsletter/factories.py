import factory
from django.utils import timezone

from newsletter.models import NewsletterIssue, Subscriber, SubscriberStatus


class SubscriberFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "fi"
    status = SubscriberStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    consent_at = factory.LazyFunction(timezone.now)
    consent_version = "2026-01"
    consent_language = factory.SelfAttribute("language")

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_areas.set(extracted)


class NewsletterIssueFactory(factory.django.DjangoModelFactory):
    subject_fi = factory.Sequence(lambda n: f"Uutiskirje {n}")
    subject_sv = factory.Sequence(lambda n: f"Nyhetsbrev {n}")
    subject_en = factory.Sequence(lambda n: f"Newsletter {n}")
    body_fi = "Hei lukija."
    body_sv = "Hej läsare."
    body_en = "Hello reader."
    include_digest = True

    class Meta:
        model = NewsletterIssue
