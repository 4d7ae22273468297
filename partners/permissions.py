"""Who may see and change partner organisations: the public sees the published ones,
a partner's key also its own organisation's page as a draft; only staff change them."""

from __future__ import annotations

from django.db import models

from finest.core.permissions import PublishablePolicy, register

from .models import Partner


class PartnerPolicy(PublishablePolicy):
    def own_q(self, organisation, prefix: str = ""):
        return models.Q(**{f"{prefix}pk": organisation.pk})

    def draft_readers(self, obj) -> set[int]:
        return {obj.pk}


register(Partner, PartnerPolicy)
