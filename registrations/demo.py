"""Demo registrations: the demo's upcoming events have registration open, with a few
registrants in each state. Loaded idempotently: rows that exist are left as they are
(so a reload neither changes the counts nor sends mail), and the demo registrants are
marked as already told about their status."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from events.models import Event

from .models import Hold, Question, Registrant, RegistrantStatus, Registration

CONFIRMED, WAITLISTED, CANCELLED, PENDING = (
    RegistrantStatus.CONFIRMED, RegistrantStatus.WAITLISTED, RegistrantStatus.CANCELLED, RegistrantStatus.PENDING,
)

# Per demo event: its settings, then (name, organisation, language, status) of its registrants.
REGISTRATIONS = {
    # Cancelled in the demo: its page shows that registration closed with the event.
    "living-lab-site-visit-2026": {
        "settings": {"capacity": 15, "ask_accessibility": True},
        "registrants": [
            ("Kaisa Virtanen", "Forum Virium Helsinki", "fi", CONFIRMED),
            ("Erik Lindqvist", "Aalto University", "sv", CONFIRMED),
            ("Pekka Laine", "City of Helsinki", "fi", CANCELLED),
        ],
    },
    # Full: newcomers join the waiting list.
    "open-call-webinar-2026": {
        "settings": {"capacity": 3, "waitlist_capacity": 10, "ask_consent_share": True},
        "registrants": [
            ("Liisa Mäkinen", "Smart Mobility Oy", "fi", CONFIRMED),
            ("Johan Nyström", "Urban Data AB", "sv", CONFIRMED),
            ("Kadri Saar", "Tartu Science Park", "en", CONFIRMED),
            ("Anna Berg", "City of Espoo", "sv", WAITLISTED),
            ("Mari Tamm", "City of Tallinn", "en", WAITLISTED),
            ("Olli Heikkinen", "", "fi", CANCELLED),
        ],
    },
    "data-workshop-2027": {
        "settings": {"capacity": 30, "ask_dietary": True, "reminder_days": 3},
        "question": {"text_fi": "Mitä aineistoa toisit työpajaan?", "text_sv": "Vilka data skulle du ta med till workshoppen?",
                     "text_en": "Which data would you bring to the workshop?"},
        "registrants": [
            ("Timo Koskinen", "Helsinki Region Infoshare", "fi", CONFIRMED),
            ("Karin Holm", "Helsingfors stad", "sv", CONFIRMED),
            ("Andres Mets", "Estonian Ministry of Economic Affairs", "en", PENDING),
        ],
    },
}

CONFIRMATION_TEXT = {
    "confirmation_text_fi": "Tervetuloa! Lähetämme tarkemmat ohjeet viikkoa ennen tapahtumaa.",
    "confirmation_text_sv": "Välkommen! Vi skickar närmare anvisningar en vecka före evenemanget.",
    "confirmation_text_en": "Welcome! We will send detailed instructions a week before the event.",
}


def _email(name: str) -> str:
    local = "".join(ch for ch in name.lower().replace(" ", ".") if ch.isascii() and (ch.isalnum() or ch == "."))
    return f"{local}@example.org"


def _registrant(registration: Registration, name: str, organisation: str, language: str, status: str, order: int) -> None:
    now = timezone.now()
    values = {
        "name": name, "organisation": organisation, "language": language, "status": status, "notified_status": status,
        "email_confirmed_at": None if status == PENDING else now,
        "waitlisted_at": now + timedelta(seconds=order) if status == WAITLISTED else None,
        "cancelled_at": now if status == CANCELLED else None,
        "hold": Hold.PLACE if status == PENDING else Hold.NONE,
        "hold_until": now + timedelta(days=2) if status == PENDING else None,
    }
    Registrant.objects.get_or_create(registration=registration, email=_email(name), defaults=values)


def load(public_id_for) -> int:
    """Create the demo registrations that do not exist yet; ``public_id_for(key)`` is the demo
    loader's public id of an event key. Returns how many registrations were created."""
    created = 0
    for key, spec in REGISTRATIONS.items():
        event = Event.objects.published().upcoming().filter(public_id=public_id_for(key)).first()
        if event is None:
            continue
        registration, is_new = Registration.objects.get_or_create(
            event=event, session=None, defaults={**spec["settings"], **CONFIRMATION_TEXT},
        )
        created += is_new
        if is_new and "question" in spec:
            Question.objects.create(registration=registration, position=1, **spec["question"])
        for order, (name, organisation, language, status) in enumerate(spec["registrants"]):
            _registrant(registration, name, organisation, language, status, order)
    return created
