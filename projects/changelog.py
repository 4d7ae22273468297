"""Projects, and the rows a project shows (consortium, themes, funding, work packages,
budgets, links, programme): registered for the change log, so partners' sync and the
caches see every change."""

from finest.core.changelog import register, register_part
from finest.core.clock import passed_date, register_moment

from .models import BudgetFigure, ExternalLink, FundingProgramme, FundingSource, Participation, Project, ProjectTheme, WorkPackage

register(Project)
for part, lookup in (
    (Participation, "participations"),
    (ProjectTheme, "themes"),
    (FundingSource, "funding_sources"),
    (WorkPackage, "work_packages"),
    (BudgetFigure, "budget_figures"),
    (ExternalLink, "links"),
    (FundingProgramme, "funding_programme"),
):
    register_part(part, parent="projects.Project", parent_lookup=lookup)

# A project shows its partners' summaries (consortium, funders, work-package leads).
for lookup in ("participations__partner", "funding_sources__funder", "work_packages__lead_partner"):
    register_part("partners.Partner", parent="projects.Project", parent_lookup=lookup)

# A project's status follows its dates: ongoing from the start date, completed the day after the end date.
register_moment(Project, passed_date("start_date"))
register_moment(Project, passed_date("end_date", days=1))
