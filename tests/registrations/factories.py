import factory
from django.utils import timezone

from registrations.models import Question, Registrant, RegistrantStatus, Registration
from tests.factories import EventFactory


class RegistrationFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventFactory)
    capacity = 10
    waitlist_enabled = True
    max_per_email = 1
    confirmation_text_fi = "Tervetuloa!"
    confirmation_text_sv = "Välkommen!"
    confirmation_text_en = "Welcome!"

    class Meta:
        model = Registration


class QuestionFactory(factory.django.DjangoModelFactory):
    registration = factory.SubFactory(RegistrationFactory)
    text_fi = "Mikä kiinnostaa?"
    text_sv = "Vad intresserar dig?"
    text_en = "What interests you?"

    class Meta:
        model = Question


class RegistrantFactory(factory.django.DjangoModelFactory):
    """A registrant whose status email was already sent (``notified_status``)."""

    registration = factory.SubFactory(RegistrationFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    language = "en"
    status = RegistrantStatus.CONFIRMED
    notified_status = factory.LazyAttribute(lambda o: o.status)
    email_confirmed_at = factory.LazyFunction(timezone.now)
    waitlisted_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == RegistrantStatus.WAITLISTED else None)

    class Meta:
        model = Registrant
