"""Projects keep revisions (finest.core.revisions), with the rows shown on their page."""

from finest.core.revisions import register

from .models import FundingProgramme, Project

register(FundingProgramme)
register(Project, follow=("participations", "work_packages", "themes", "funding_sources", "budget_figures", "links"))
