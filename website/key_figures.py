"""The home page's headline figures, each with the source it comes from.

The figures are the ones the seed texts give (the Forum Virium Helsinki project presentation and the
City of Helsinki's press release of January 2023), the same ones the FinEst Twins project page lists
under its reported budget figures. They stay here until editors can maintain key figures themselves;
the home view uses these only when nothing else has put ``key_figures`` in its context."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

CORDIS_PROJECT = "https://cordis.europa.eu/project/id/856602"


@dataclass(frozen=True)
class KeyFigure:
    value: str
    label: str
    source_label: str
    source_url: str = ""


def current_key_figures() -> list[KeyFigure]:
    """The figures in the active language (call it inside the request's language)."""
    fvh = _("Forum Virium Helsinki, FinEst Twins project presentation")
    return [
        KeyFigure(
            value=pgettext("key figure", "€6.3 million"),
            label=_("total budget of the Horizon 2020 Teaming project"),
            source_label=fvh,
        ),
        KeyFigure(
            value=pgettext("key figure", "€32 million"),
            label=_("funding of the seven-year Centre of Excellence, Estonian national funding included"),
            source_label=_("City of Helsinki, press release of January 2023"),
        ),
        KeyFigure(
            value=pgettext("key figure", "€1.67 million"),
            label=_("Forum Virium Helsinki's share: the Urban Open Platform and the Living Lab"),
            source_label=fvh,
        ),
        KeyFigure(
            value=pgettext("key figure", "2019–2026"),
            label=_("seven years, 1 December 2019 to 30 November 2026"),
            source_label=_("CORDIS, grant agreement 856602"),
            source_url=CORDIS_PROJECT,
        ),
    ]
