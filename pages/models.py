"""Editable pages: a tree whose slugs give each page its path in every language, and the
"route pages" that stand for a fixed URL of the site (About, Contact, the section lists)
so the main menu and the footer come from the tree alone. A page without a body in any
language is link-only: it lists its children, is marked noindex and stays out of the sitemap.

The home page's texts, its key figures and its featured items are here too (``HomePage``)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _
from tree_queries.models import OrderableTreeNode
from tree_queries.query import TreeQuerySet

from finest.core.i18n import TranslatedSlugMixin, fallback_chain, raw_value
from finest.core.models import Publishable, PublishableQuerySet
from finest.core.richtext import RichTextField
from searchindex.querysets import SearchableQuerySet


class Route(models.TextChoices):
    """Fixed URLs of the site that a page stands for. The first four are the site pages whose
    body is edited here and shown at their old URL; the others are menu entries for sections."""

    ABOUT = "website:about", _("About")
    CONTACT = "website:contact", _("Contact")
    PRIVACY = "website:privacy", _("Privacy notice")
    ACCESSIBILITY = "website:accessibility", _("Accessibility statement")
    PROJECTS = "projects:list", _("Projects")
    PARTNERS = "partners:list", _("Partners")
    EVENTS = "events:list", _("Events")
    LIVING_LAB = "living_lab:pilot-list", _("Living Lab")
    NEWS = "news:list", _("News")
    FOCUS_AREAS = "website:focus-area-list", _("Focus areas")


# The site pages: their body is this app's content, they cannot be deleted.
SITE_PAGE_ROUTES = frozenset({Route.ABOUT, Route.CONTACT, Route.PRIVACY, Route.ACCESSIBILITY})


def empty_body_q(prefix: str = "") -> models.Q:
    """No body in any language (an empty editor is stored as "", see finest.core.richtext)."""
    condition = models.Q()
    for code in settings.LANGUAGE_CODES:
        condition &= models.Q(**{f"{prefix}body_{code}": ""}) | models.Q(**{f"{prefix}body_{code}__isnull": True})
    return condition


class PageQuerySet(SearchableQuerySet, PublishableQuerySet, TreeQuerySet):
    search_fields = ("title", "body")

    def in_menu(self):
        return self.filter(show_in_menu=True)

    def in_footer(self):
        return self.filter(show_in_footer=True)

    def at_path(self, path: str, language: str):
        return self.filter(**{f"url_path_{language}": path})

    def indexable(self):
        """Pages worth a search engine's visit: a link-only page (no body in any language, there
        only to group its children in the menu) is left out of the sitemap and marked noindex."""
        return self.exclude(empty_body_q())


class Page(TranslatedSlugMixin, OrderableTreeNode, Publishable):
    title = models.CharField(_("title"), max_length=255)
    # OrderableTreeNode's own field, with a label in the admin's languages.
    position = models.PositiveIntegerField(_("position in the tree"), default=0, db_index=True)
    menu_title = models.CharField(
        _("menu title"), max_length=80, blank=True, help_text=_("A shorter title for the menu. Left empty, the title is used.")
    )
    slug = models.SlugField(_("slug"), max_length=120, blank=True, null=True)
    body = RichTextField(_("body"), blank=True)
    seo_description = models.CharField(
        _("description for search engines"), max_length=300, blank=True,
        help_text=_("One or two sentences shown in search results and link previews."),
    )
    show_in_menu = models.BooleanField(_("show in the main menu"), default=False)
    show_in_footer = models.BooleanField(_("show in the footer"), default=False)
    route = models.CharField(
        _("fixed address"), max_length=40, choices=Route.choices, blank=True, null=True, unique=True, editable=False,
        help_text=_("The page stands for this address of the site; its slug does not change the address."),
    )
    # The path below the language prefix, from the ancestors' slugs ("about/team/"); kept by save().
    url_path = models.CharField(_("path"), max_length=1000, blank=True, editable=False, db_index=True)

    objects = PageQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title or self.title_fi or ""

    @property
    def is_site_page(self) -> bool:
        return self.route in SITE_PAGE_ROUTES

    @property
    def is_link_only(self) -> bool:
        """No body in any language: the page only groups its children (see ``indexable``)."""
        return not any(raw_value(self, "body", code).strip() for code in settings.LANGUAGE_CODES)

    @property
    def link_title(self) -> str:
        return self.menu_title or self.title

    def get_absolute_url(self) -> str:
        language = translation.get_language() or settings.LANGUAGE_CODE
        if self.route:
            try:
                return reverse(self.route)
            except NoReverseMatch:
                return ""
        path = raw_value(self, "url_path", language) or raw_value(self, "url_path", settings.LANGUAGE_CODE)
        return reverse("pages:page", kwargs={"path": path})

    def computed_paths(self) -> dict[str, str]:
        """{language: path} from the parent's stored paths and this page's slugs."""
        parent = type(self)._default_manager.filter(pk=self.parent_id).first() if self.parent_id else None
        paths = {}
        for code in settings.LANGUAGE_CODES:
            slug = raw_value(self, "slug", code) or raw_value(self, "slug", settings.LANGUAGE_CODE) or str(self.pk)
            prefix = raw_value(parent, "url_path", code) if parent else ""
            paths[code] = f"{prefix}{slug}/"
        return paths

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.refresh_paths()

    def refresh_paths(self) -> None:
        """Store this page's paths and its descendants'; a changed path goes to the slug
        history so the old address answers with a 301."""
        from finest.core.models import SlugHistory  # noqa: PLC0415 - avoids a cycle at import

        manager = type(self)._default_manager
        paths = self.computed_paths()
        changed = {}
        for code, path in paths.items():
            old = raw_value(self, "url_path", code)
            if old != path:
                if old:
                    SlugHistory.objects.update_or_create(
                        model_label=self._meta.label_lower, language=code, slug=old[:255],
                        defaults={"object_id": self.pk},
                    )
                changed[f"url_path_{code}"] = path
                setattr(self, f"url_path_{code}", path)
        if not changed:
            return
        manager.filter(pk=self.pk).update(**changed)
        for child in manager.filter(parent_id=self.pk):
            child.refresh_paths()


# --- the home page --------------------------------------------------------------


class HomePageQuerySet(PublishableQuerySet):
    def with_sections(self):
        """The key figures and the featured items with their targets: three queries, however many."""
        return self.prefetch_related(
            models.Prefetch("key_figures", queryset=KeyFigure.objects.order_by("position", "pk")),
            models.Prefetch(
                "featured_items",
                queryset=FeaturedItem.objects.select_related(*FeaturedItem.TARGETS).order_by("position", "pk"),
            ),
        )


class HomePage(Publishable):
    """The home page's own texts: one row (the admin offers no second one), edited like other
    content, with drafts and revisions; its key figures and featured items are rows of it."""

    hero_kicker = models.CharField(
        _("kicker"), max_length=120, blank=True, help_text=_("The short line above the heading.")
    )
    title = models.CharField(_("heading"), max_length=160)
    intro = models.TextField(
        _("introduction"), max_length=800, blank=True,
        help_text=_("The lead paragraph under the heading: what the Centre of Excellence is."),
    )
    seo_description = models.CharField(
        _("description for search engines"), max_length=300, blank=True,
        help_text=_("One or two sentences shown in search results and link previews."),
    )

    objects = HomePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home page")

    def __str__(self) -> str:
        return str(_("Home page"))

    def get_absolute_url(self) -> str:
        return reverse("website:home")

    def visible_featured_items(self) -> list[FeaturedItem]:
        """The featured items whose target is public now (from the prefetch of ``with_sections``)."""
        return [item for item in self.featured_items.all() if item.is_visible]


class KeyFigure(models.Model):
    """A headline figure of the home page with its source: a number and its unit ("6,3 M€"), or a
    text for what is no number (a period)."""

    home_page = models.ForeignKey(HomePage, on_delete=models.CASCADE, related_name="key_figures", verbose_name=_("home page"))
    position = models.PositiveIntegerField(_("position"), default=0, db_index=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    prefix = models.CharField(
        _("before the number"), max_length=20, blank=True, help_text=_("Written right before the number, e.g. “€” in English.")
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("Written after the number, e.g. “M€” or “million”."))
    text_value = models.CharField(
        _("figure as text"), max_length=40, blank=True,
        help_text=_("For a figure that is no number, such as a period (2019–2026); shown instead of the number."),
    )
    label = models.CharField(_("label"), max_length=200)
    source = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source address"), blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self) -> str:
        return f"{self.display_value} – {self.label}"

    def clean(self):
        super().clean()
        if self.value is None and not any(raw_value(self, "text_value", code) for code in settings.LANGUAGE_CODES):
            raise ValidationError({"value": _("Give the figure as a number or as text.")})

    @property
    def display_value(self) -> str:
        """The figure as the active language writes it: "6,3 M€", "€6.3 million"."""
        if self.text_value or self.value is None:
            return self.text_value or ""
        value = self.value.normalize()
        # normalize() writes 32 as 3.2E+1; a whole number is quantized back to no decimals.
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        number = formats.number_format(value, use_l10n=True)
        prefix, unit = self._prefix_and_unit()
        return f"{prefix}{number} {unit}" if unit else f"{prefix}{number}"

    def _prefix_and_unit(self) -> tuple[str, str]:
        # The two go together: "€" before and "million" after in English, only "M€" after in
        # Finnish. Field by field fallbacks would mix them ("€6,3 M€"), so one language gives both.
        language = translation.get_language() or settings.LANGUAGE_CODE
        for code in fallback_chain(language):
            prefix, unit = raw_value(self, "prefix", code), raw_value(self, "unit", code)
            if prefix or unit:
                return prefix, unit
        return "", ""


class FeaturedItem(models.Model):
    """A link on the home page: to a project, an event, an article, a pilot or a page, or to any
    address; its title is the target's unless one is given."""

    TARGETS = ("project", "event", "article", "pilot", "page")

    home_page = models.ForeignKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_items", verbose_name=_("home page")
    )
    position = models.PositiveIntegerField(_("position"), default=0, db_index=True)
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("project")
    )
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("event")
    )
    article = models.ForeignKey(
        "news.Article", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("news article")
    )
    pilot = models.ForeignKey(
        "living_lab.Pilot", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("pilot")
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("page"))
    url = models.URLField(_("address"), blank=True, help_text=_("A link elsewhere, when none of the above is chosen."))
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Left empty, the title of the linked content is used.")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("featured item")
        verbose_name_plural = _("featured items")

    def __str__(self) -> str:
        return self.display_title or self.url

    def clean(self):
        super().clean()
        chosen = [name for name in self.TARGETS if getattr(self, f"{name}_id")]
        if len(chosen) + bool(self.url) != 1:
            raise ValidationError(_("Choose exactly one: a project, an event, a news article, a pilot, a page or an address."))
        if self.url and not any(raw_value(self, "title", code) for code in settings.LANGUAGE_CODES):
            raise ValidationError({"title": _("A link to an address needs a title.")})

    @property
    def target(self):
        for name in self.TARGETS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None

    @property
    def is_visible(self) -> bool:
        target = self.target
        return bool(self.url) if target is None else target.is_public

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        target = self.target
        if target is None:
            return ""
        return str(getattr(target, "title", "") or target)

    @property
    def link(self) -> str:
        target = self.target
        return target.get_absolute_url() if target is not None else self.url

    @property
    def kind(self) -> str:
        """What the link leads to, for the card's label."""
        target = self.target
        return str(target._meta.verbose_name) if target is not None else ""
