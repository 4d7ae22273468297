"""The data migrations that move each content type's own picture into the media library.

Only the historical models the migration passes in are used (no app code), so these keep working
as the models change. Each app's ``<n>_<field>_into_library`` migration calls them."""

from __future__ import annotations

import logging

from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

logger = logging.getLogger(__name__)
LANGUAGES = ("fi", "sv", "en")


def _dimensions(name: str) -> tuple[int, int] | None:
    try:
        with default_storage.open(name, "rb") as source, PILImage.open(source) as picture:
            return picture.size
    except (FileNotFoundError, OSError, UnidentifiedImageError):
        return None


def _title(row, title_field: str) -> str:
    for name in (*(f"{title_field}_{code}" for code in LANGUAGES), title_field):
        if value := getattr(row, name, None):
            return str(value)
    return ""


def into_library(apps, *, app_label: str, model_name: str, field: str, alt_field: str, title_field: str) -> int:
    """Point ``<field>_library`` at a library Image made from the stored file (kept where it is) and the alt texts.
    A row whose file is gone keeps no picture: there is nothing to show. Returns how many were moved."""
    Image = apps.get_model("medialibrary", "Image")
    Model = apps.get_model(app_label, model_name)
    images_by_name: dict[str, object] = {}
    moved = 0
    for row in Model._default_manager.exclude(**{field: ""}).exclude(**{f"{field}__isnull": True}).iterator():
        name = getattr(row, field).name
        image = images_by_name.get(name)
        if image is None:
            size = _dimensions(name)
            if size is None:
                logger.warning("%s %s: its picture %s is missing and is not moved.", model_name, row.pk, name)
                continue
            image = Image(
                file=name, width=size[0], height=size[1],
                title=_title(row, title_field)[:200],
                **{f"alt_{code}": (getattr(row, f"{alt_field}_{code}", "") or "")[:255] for code in LANGUAGES},
                alt=(getattr(row, alt_field, "") or "")[:255],
            )
            image.save()
            images_by_name[name] = image
        # An update, not a save: today's save signals (the change log) must not run on a historical model.
        Model._default_manager.filter(pk=row.pk).update(**{f"{field}_library": image})
        moved += 1
    return moved


def out_of_library(apps, *, app_label: str, model_name: str, field: str, alt_field: str) -> None:
    """The reverse: the library image's file name and alt texts back on the row."""
    Model = apps.get_model(app_label, model_name)
    for row in Model._default_manager.exclude(**{f"{field}_library": None}).select_related(f"{field}_library"):
        image = getattr(row, f"{field}_library")
        setattr(row, field, image.file.name)
        setattr(row, alt_field, image.alt)
        for code in LANGUAGES:
            setattr(row, f"{alt_field}_{code}", getattr(image, f"alt_{code}"))
        row.save()
