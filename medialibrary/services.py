"""Writes to the media library: uploads, edits and the renditions (made by the task only)."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image as PILImage

from finest.core.permissions import Actor, policy_for

from .models import Image, Rendition
from .renditions import render
from .specs import JPEG, PNG, SCALES, SPECS, WEBP

logger = logging.getLogger(__name__)
EXTENSIONS = {WEBP: "webp", JPEG: "jpg", PNG: "png"}


def _store_dimensions(image: Image) -> None:
    """The stored original's size (after it was turned upright, so a sideways phone photo is measured right)."""
    with image.file.open("rb") as stored, PILImage.open(stored) as picture:
        image.width, image.height = picture.size
    Image.objects.filter(pk=image.pk).update(width=image.width, height=image.height)


def _queue_renditions(image: Image) -> None:
    from .tasks import generate_renditions  # noqa: PLC0415 - the task module imports this one

    generate_renditions.delay_on_commit(image.pk)


@transaction.atomic
def image_create(
    *, actor: Actor, file=None, image: Image | None = None, title: str = "", alt: dict[str, str] | None = None,
    credit: str = "", licence: str = "",
) -> Image:
    """Validate (real type, size, pixels) and store an upload without its metadata; renditions follow after commit.
    ``image`` is an unsaved Image the admin's form filled in; otherwise one is made from ``file`` and the texts."""
    policy_for(Image).check(actor, "add")
    if image is None:
        image = Image(file=file, title=title, credit=credit, licence=licence)
        for language, text in (alt or {}).items():
            setattr(image, f"alt_{language}", text)
    if actor.user is not None and getattr(actor.user, "pk", None):
        image.uploaded_by = actor.user
    image.full_clean()
    image.save()
    _store_dimensions(image)
    _queue_renditions(image)
    return image


@transaction.atomic
def image_update(*, image: Image, actor: Actor, file_changed: bool = False, focal_changed: bool = False) -> Image:
    """Save an edited image; a new file or focal point makes its renditions again."""
    policy_for(Image).check(actor, "change", image)
    image.full_clean()
    image.save()
    if file_changed:
        _store_dimensions(image)
    if file_changed or focal_changed:
        renditions_delete(image=image)
        _queue_renditions(image)
    return image


def renditions_delete(*, image: Image) -> None:
    renditions = list(image.renditions.all())
    names = [rendition.file.name for rendition in renditions]
    Rendition.objects.filter(pk__in=[rendition.pk for rendition in renditions]).delete()
    storage = Rendition._meta.get_field("file").storage

    def delete_files() -> None:
        for name in names:
            if name and storage.exists(name):
                storage.delete(name)

    transaction.on_commit(delete_files)


def renditions_generate(*, image_id: int) -> int:
    """Make the renditions the image lacks; idempotent, so a second run makes none. Returns how many were made."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None or not image.file:
        return 0
    have = set(image.renditions.values_list("spec", "scale", "format"))
    fallback = PNG if image.has_transparency else JPEG
    focal = (image.focal_x, image.focal_y)
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    made = 0
    try:
        with image.file.open("rb") as source:
            for spec in SPECS.values():
                for scale in SCALES:
                    for image_format in (WEBP, fallback):
                        if (spec.name, scale, image_format) in have:
                            continue
                        source.seek(0)
                        content, width, height = render(source, spec, scale, image_format, focal)
                        rendition = Rendition(
                            image=image, spec=spec.name, scale=scale, format=image_format, width=width, height=height
                        )
                        name = f"{stem}-{spec.name}-{scale}x.{EXTENSIONS[image_format]}"
                        rendition.file.save(name, ContentFile(content), save=False)
                        try:
                            with transaction.atomic():
                                rendition.save()
                        except IntegrityError:
                            # Another worker made it meanwhile.
                            rendition.file.delete(save=False)
                            continue
                        made += 1
    except (FileNotFoundError, OSError):
        logger.warning("Renditions of image %s could not be made: its file cannot be read.", image_id)
    return made
