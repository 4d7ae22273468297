"""Rows in the layout of CORDIS's open-data files, so that a tool written for CORDIS's
``project.csv`` and ``organization.csv`` reads the portal's exports without remapping.

The columns, their order and their value formats follow CORDIS's files: ``;`` between
fields, every field quoted, dates as ``YYYY-MM-DD``, amounts with a decimal comma and no
thousands separator, booleans as ``true``/``false``. Only projects with a grant agreement
number are CORDIS projects; ``id`` and ``projectID`` are that number, and ``organisationID``
is the participant's PIC. docs/cordis-exports.md says where each column comes from."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags

from finest.core.i18n import translated
from partners.models import PartnerType

from .models import ParticipationRole, ProjectStatus

PROJECT_COLUMNS = (
    "id", "acronym", "status", "title", "startDate", "endDate", "totalCost", "ecMaxContribution", "legalBasis",
    "topics", "ecSignatureDate", "frameworkProgramme", "masterCall", "subCall", "fundingScheme", "nature",
    "objective", "contentUpdateDate", "rcn", "grantDoi",
)

ORGANIZATION_COLUMNS = (
    "projectID", "projectAcronym", "organisationID", "vatNumber", "name", "shortName", "SME", "activityType",
    "street", "postCode", "city", "country", "nutsCode", "geolocation", "organizationURL", "contactForm",
    "contentUpdateDate", "rcn", "order", "role", "ecContribution", "netEcContribution", "totalCost",
    "endOfParticipation", "active",
)

# CORDIS's participant roles and activity types (its reference data's codes).
ROLES = {
    ParticipationRole.COORDINATOR: "coordinator",
    ParticipationRole.PARTNER: "participant",
    ParticipationRole.ASSOCIATED: "associatedPartner",
    ParticipationRole.THIRD_PARTY: "thirdParty",
}
ACTIVITY_TYPES = {
    PartnerType.UNIVERSITY: "HES",
    PartnerType.RESEARCH: "REC",
    PartnerType.CITY: "PUB",
    PartnerType.MINISTRY: "PUB",
    PartnerType.REGIONAL_COUNCIL: "PUB",
    PartnerType.CITY_INNOVATION_COMPANY: "PRC",
    PartnerType.COMPANY: "PRC",
    PartnerType.OTHER: "OTH",
}
# CORDIS writes Greece as EL (the EU's code), not ISO's GR.
COUNTRY_CODES = {"GR": "EL"}


def cordis_projects(queryset: models.QuerySet) -> models.QuerySet:
    return queryset.exclude(grant_agreement_id="")


def amount(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def moment(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def flag(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _public(amount_value, is_internal: bool, actor) -> Decimal | None:
    return None if is_internal and not (actor and actor.is_staff) else amount_value


def project_row(project, *, language: str, actor=None) -> dict[str, str]:
    programme = project.funding_programme
    status = "CLOSED" if project.status == ProjectStatus.COMPLETED else "SIGNED"
    return {
        "id": project.grant_agreement_id,
        "acronym": project.acronym,
        "status": status,
        "title": translated(project, "title", language).value,
        "startDate": day(project.start_date),
        "endDate": day(project.end_date),
        "totalCost": amount(_public(project.total_budget, project.budget_is_internal, actor)),
        "ecMaxContribution": amount(project.ec_max_contribution),
        "legalBasis": project.legal_basis,
        "topics": project.topics,
        "ecSignatureDate": day(project.ec_signature_date),
        "frameworkProgramme": programme.framework_code if programme else "",
        "masterCall": project.master_call,
        "subCall": project.sub_call,
        "fundingScheme": project.funding_scheme,
        "nature": "",
        "objective": " ".join(strip_tags(translated(project, "summary", language).value).split()),
        "contentUpdateDate": moment(project.modified_at),
        "rcn": "",
        "grantDoi": "",
    }


def organization_row(participation, *, language: str, actor=None, today: date | None = None) -> dict[str, str]:
    today = today or timezone.localdate()
    partner, project = participation.partner, participation.project
    city = partner.city
    ended = bool(participation.end_date and participation.end_date < today)
    return {
        "projectID": project.grant_agreement_id,
        "projectAcronym": project.acronym,
        "organisationID": partner.pic,
        "vatNumber": partner.vat_number,
        "name": translated(partner, "name", language).value,
        "shortName": partner.short_name,
        "SME": flag(partner.is_sme),
        "activityType": ACTIVITY_TYPES.get(partner.type, "OTH"),
        "street": partner.street,
        "postCode": partner.post_code,
        "city": partner.post_office or (translated(city, "name", language).value if city else ""),
        "country": COUNTRY_CODES.get(partner.country, partner.country) if partner.country != "XX" else "",
        "nutsCode": partner.nuts_code,
        "geolocation": f"{city.latitude},{city.longitude}" if city and city.latitude is not None else "",
        "organizationURL": partner.website,
        "contactForm": "",
        "contentUpdateDate": moment(max(filter(None, (project.modified_at, partner.modified_at)), default=None)),
        "rcn": "",
        "order": str(participation.order),
        "role": ROLES.get(participation.role, "participant"),
        "ecContribution": amount(_public(participation.budget_share, participation.budget_is_internal, actor)),
        "netEcContribution": amount(_public(participation.net_ec_contribution, participation.budget_is_internal, actor)),
        "totalCost": "",
        "endOfParticipation": flag(ended),
        "active": flag(not ended),
    }
