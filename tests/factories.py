"""factory_boy factories for every model, shared by all tests."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from events.models import AttendanceMode, Event, EventKind, Session, Speaker
from finest.core.models import City, Country, FocusArea, PublishState
from living_lab.models import KPI, KPIValue, OpenCall, Pilot, PilotPhase
from medialibrary.models import Image
from news.models import Article, ArticleKind
from pages.models import FeaturedItem, HomePage, KeyFigure, Page
from partners.models import ContactPerson, Partner, PartnerAPIKey, PartnerType
from projects.models import (
    BudgetFigure,
    ExternalLink,
    FundingProgramme,
    FundingSource,
    Participation,
    ParticipationRole,
    Project,
    ProjectKind,
    ProjectTheme,
    WorkPackage,
)


class PublishedMixin(factory.django.DjangoModelFactory):
    state = PublishState.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Meta:
        abstract = True


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct-horse-battery")

    class Meta:
        model = get_user_model()


class StaffUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


def _png(width: int = 800, height: int = 450) -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), (20, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    """A library image (no renditions: the task makes those; tests that want them call it)."""

    title = factory.Sequence(lambda n: f"Kuva {n}")
    alt_fi = "Kaksi kaupunkia meren yli"
    alt_en = "Two cities across the sea"
    file = factory.LazyFunction(lambda: ContentFile(_png(), name="kuva.png"))

    class Meta:
        model = Image


class FocusAreaFactory(factory.django.DjangoModelFactory):
    name_fi = factory.Sequence(lambda n: f"Painopiste {n}")
    name_sv = factory.Sequence(lambda n: f"Fokusområde {n}")
    name_en = factory.Sequence(lambda n: f"Focus area {n}")
    description_fi = "Kuvaus."
    description_en = "Description."
    order = factory.Sequence(lambda n: n)

    class Meta:
        model = FocusArea


class CityFactory(factory.django.DjangoModelFactory):
    name_fi = factory.Sequence(lambda n: f"Kaupunki {n}")
    name_sv = factory.Sequence(lambda n: f"Stad {n}")
    name_en = factory.Sequence(lambda n: f"City {n}")
    country = Country.FINLAND
    latitude = Decimal("60.169857")
    longitude = Decimal("24.938379")
    is_innovation_city = True

    class Meta:
        model = City


class PartnerFactory(PublishedMixin):
    name_fi = factory.Sequence(lambda n: f"Organisaatio {n}")
    name_sv = factory.Sequence(lambda n: f"Organisation {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    type = PartnerType.UNIVERSITY
    country = Country.FINLAND
    city = factory.SubFactory(CityFactory)
    description_fi = "Kumppani."
    description_en = "A partner."

    class Meta:
        model = Partner


class ContactPersonFactory(factory.django.DjangoModelFactory):
    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    role_fi = "Projektipäällikkö"
    role_en = "Project manager"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "+358 40 123 4567"

    class Meta:
        model = ContactPerson


class PartnerAPIKeyFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(PartnerFactory)
    name = "Sync"
    scope = "read"
    prefix = factory.Sequence(lambda n: f"k{n:07d}")
    hashed_key = factory.LazyAttribute(lambda o: PartnerAPIKey.hash_secret(f"{o.prefix}.secret"))

    class Meta:
        model = PartnerAPIKey


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    name_fi = "Horisontti 2020"
    name_sv = "Horisont 2020"
    name_en = "Horizon 2020"
    instrument_fi = "Teaming"
    instrument_en = "Teaming"
    slug = factory.Sequence(lambda n: f"programme-{n}")

    class Meta:
        model = FundingProgramme


class ProjectFactory(PublishedMixin):
    acronym = factory.Sequence(lambda n: f"PRJ{n}")
    title_fi = factory.Sequence(lambda n: f"Hanke {n}")
    title_sv = factory.Sequence(lambda n: f"Projekt {n}")
    title_en = factory.Sequence(lambda n: f"Project {n}")
    summary_fi = "Tiivistelmä."
    summary_en = "Summary."
    kind = ProjectKind.RESEARCH_INNOVATION
    # Ongoing whatever the date: tests about a project's status set its dates themselves.
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=730))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
    total_budget = Decimal("6300000.00")
    funding_programme = factory.SubFactory(FundingProgrammeFactory)

    class Meta:
        model = Project
        skip_postgeneration_save = True

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_areas.set(extracted)

    @factory.post_generation
    def cities(self, create, extracted, **kwargs):
        if create and extracted:
            self.cities.set(extracted)


class ProjectThemeFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory)
    title_fi = "Teema"
    title_en = "Theme"

    class Meta:
        model = ProjectTheme


class ParticipationFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = ParticipationRole.PARTNER
    budget_share = Decimal("100000.00")

    class Meta:
        model = Participation


class FundingSourceFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory)
    funder_name_fi = "Euroopan unioni"
    funder_name_en = "European Union"
    amount = Decimal("1000000.00")

    class Meta:
        model = FundingSource


class WorkPackageFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory)
    code = factory.Sequence(lambda n: f"WP{n}")
    title_fi = "Työpaketti"
    title_en = "Work package"
    budget = Decimal("100000.00")

    class Meta:
        model = WorkPackage


class BudgetFigureFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory)
    amount = Decimal("32000000.00")
    scope_fi = "Koko huippuyksikkö"
    scope_en = "The whole centre of excellence"
    source_name = "Press release"

    class Meta:
        model = BudgetFigure


class ExternalLinkFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory)
    title_fi = "Verkkosivut"
    title_en = "Website"
    url = "https://example.org/"

    class Meta:
        model = ExternalLink


class EventFactory(PublishedMixin):
    title_fi = factory.Sequence(lambda n: f"Tapahtuma {n}")
    title_sv = factory.Sequence(lambda n: f"Evenemang {n}")
    title_en = factory.Sequence(lambda n: f"Event {n}")
    summary_fi = "Tapahtuman kuvaus."
    summary_en = "About the event."
    kind = EventKind.SEMINAR
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=3))
    attendance_mode = AttendanceMode.IN_PERSON
    venue_name_fi = "Paikka"
    city = factory.SubFactory(CityFactory)

    class Meta:
        model = Event
        skip_postgeneration_save = True

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.set(extracted)
            if self.owner_id is None:
                # As when a partner creates it: the first organiser owns the event.
                Event.objects.filter(pk=self.pk).update(owner=extracted[0])
                self.owner = extracted[0]


class SpeakerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Speaker {n}")
    title_fi = "Tutkija"
    title_en = "Researcher"
    organisation = "TalTech"

    class Meta:
        model = Speaker


class SessionFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventFactory)
    title_fi = factory.Sequence(lambda n: f"Sessio {n}")
    title_en = factory.Sequence(lambda n: f"Session {n}")
    start = factory.LazyAttribute(lambda o: o.event.start)
    end = factory.LazyAttribute(lambda o: o.event.start + timedelta(hours=1))

    class Meta:
        model = Session


class OpenCallFactory(PublishedMixin):
    title_fi = factory.Sequence(lambda n: f"Haku {n}")
    title_en = factory.Sequence(lambda n: f"Call {n}")
    summary_fi = "Avoin haku."
    summary_en = "An open call."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=40))
    max_grant = Decimal("30000.00")
    total_budget = Decimal("150000.00")
    host = factory.SubFactory(PartnerFactory)

    class Meta:
        model = OpenCall


class PilotFactory(PublishedMixin):
    title_fi = factory.Sequence(lambda n: f"Pilotti {n}")
    title_sv = factory.Sequence(lambda n: f"Pilot {n}")
    title_en = factory.Sequence(lambda n: f"Pilot {n}")
    summary_fi = "Pilotin kuvaus."
    summary_en = "About the pilot."
    challenge_fi = "Haaste."
    solution_fi = "Ratkaisu."
    phase = PilotPhase.PILOTING
    host = factory.SubFactory(PartnerFactory)
    start_date = date(2022, 5, 1)
    end_date = date(2023, 5, 1)

    class Meta:
        model = Pilot
        skip_postgeneration_save = True

    @factory.post_generation
    def cities(self, create, extracted, **kwargs):
        if create and extracted:
            self.cities.set(extracted)


class KPIFactory(factory.django.DjangoModelFactory):
    pilot = factory.SubFactory(PilotFactory)
    name_fi = "Päästövähenemä"
    name_en = "Emission reduction"
    unit_fi = "%"
    unit_en = "%"

    class Meta:
        model = KPI


class KPIValueFactory(factory.django.DjangoModelFactory):
    kpi = factory.SubFactory(KPIFactory)
    city = None
    baseline = Decimal("0")
    target = Decimal("20")
    achieved = Decimal("10")

    class Meta:
        model = KPIValue


class ArticleFactory(PublishedMixin):
    kind = ArticleKind.NEWS
    title_fi = factory.Sequence(lambda n: f"Uutinen {n}")
    title_sv = factory.Sequence(lambda n: f"Nyhet {n}")
    title_en = factory.Sequence(lambda n: f"News {n}")
    lead_fi = "Ingressi."
    lead_en = "Lead."
    body_fi = "Leipäteksti."
    body_en = "Body text."

    class Meta:
        model = Article


class PageFactory(PublishedMixin):
    title_fi = factory.Sequence(lambda n: f"Sivu {n}")
    title_sv = factory.Sequence(lambda n: f"Sida {n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    body_fi = "<p>Sivun teksti.</p>"
    body_sv = "<p>Sidans text.</p>"
    body_en = "<p>The page's text.</p>"

    class Meta:
        model = Page


class HomePageFactory(PublishedMixin):
    title_fi = "Etusivu"
    title_sv = "Startsida"
    title_en = "Home"

    class Meta:
        model = HomePage


class KeyFigureFactory(factory.django.DjangoModelFactory):
    home_page = factory.LazyFunction(lambda: HomePage.objects.first() or HomePageFactory())
    position = factory.Sequence(lambda n: 100 + n)
    value = Decimal("12.5")
    unit_fi = unit_sv = unit_en = "M€"
    label_fi = factory.Sequence(lambda n: f"Luku {n}")
    label_sv = factory.Sequence(lambda n: f"Tal {n}")
    label_en = factory.Sequence(lambda n: f"Figure {n}")
    source_fi = source_sv = source_en = "CORDIS"

    class Meta:
        model = KeyFigure


class FeaturedItemFactory(factory.django.DjangoModelFactory):
    """Links to a new project unless a test gives another target (or ``project=None, url=...``)."""

    home_page = factory.LazyFunction(lambda: HomePage.objects.first() or HomePageFactory())
    position = factory.Sequence(lambda n: n)
    project = factory.SubFactory(ProjectFactory)

    class Meta:
        model = FeaturedItem
