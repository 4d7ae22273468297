from modeltranslation.translator import TranslationOptions, register

from .models import (
    BudgetFigure,
    ExternalLink,
    FundingProgramme,
    FundingSource,
    Project,
    ProjectTheme,
    WorkPackage,
)


@register(FundingProgramme)
class FundingProgrammeTranslationOptions(TranslationOptions):
    fields = ("name", "instrument")


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body", "results", "budget_source")


@register(ProjectTheme)
class ProjectThemeTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(FundingSource)
class FundingSourceTranslationOptions(TranslationOptions):
    fields = ("funder_name",)


@register(WorkPackage)
class WorkPackageTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(BudgetFigure)
class BudgetFigureTranslationOptions(TranslationOptions):
    fields = ("scope",)


@register(ExternalLink)
class ExternalLinkTranslationOptions(TranslationOptions):
    fields = ("title",)
