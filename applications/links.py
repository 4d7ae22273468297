"""The applicant's private link: the application's public id, signed with the site's
secret, so a guessed or altered link is refused before any database lookup."""

from __future__ import annotations

import uuid

from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "applications.private-link"


def link_token(application) -> str:
    return signing.Signer(salt=SALT).sign(str(application.public_id))


def public_id_from_token(token: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def private_path(application, language: str | None = None) -> str:
    with translation.override(language or application.language):
        return reverse("applications:edit", kwargs={"token": link_token(application)})
