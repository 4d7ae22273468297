"""Partners and their contact people: registered for the change log, so partners' sync and the caches see every change."""

from finest.core.changelog import register, register_part

from .models import ContactPerson, Partner

register(Partner)
register_part(ContactPerson, parent="partners.Partner", parent_lookup="contacts")
