"""The one validated image field (the media library's ``Image.file``).

Pictures live in the media library (``medialibrary``), whose images use
:class:`ValidatedImageField`; its renditions are made there, by a task. Pillow checks the real format (not the file name),
the byte size and the pixel count, so a decompression bomb is refused before
it is decoded. What is stored is a re-encoded copy without EXIF, XMP or text
chunks (a phone's photo carries where it was taken), turned upright first; a
replaced or cleared picture's file is deleted.
"""

from __future__ import annotations

import os
import uuid
import warnings
from io import BytesIO

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_save, pre_save
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def validate_image_file(file) -> None:
    """Raise ValidationError unless ``file`` is a JPEG, PNG or WebP within the limits."""
    size = getattr(file, "size", None)
    if size is not None and size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is too large (%(size)s MB). The limit is %(limit)s MB."),
            code="image_too_large",
            params={
                "size": round(size / 1024 / 1024, 1),
                "limit": round(settings.IMAGE_MAX_BYTES / 1024 / 1024, 1),
            },
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        if hasattr(file, "seek"):
            file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise ValidationError(
                        _("The image has too many pixels (%(pixels)s). The limit is %(limit)s."),
                        code="image_too_many_pixels",
                        params={"pixels": width * height, "limit": settings.IMAGE_MAX_PIXELS},
                    )
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("The image has too many pixels."), code="image_too_many_pixels"
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("Upload a valid image. JPEG, PNG and WebP files are accepted."), code="invalid_image"
        ) from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(position or 0)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("Images must be JPEG, PNG or WebP."), code="image_format"
        )


@deconstructible
class ImageUploadPath:
    """Stores uploads under ``<folder>/<random>-<sanitised name>``."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        stem, ext = os.path.splitext(os.path.basename(filename))
        safe_stem = get_valid_filename(stem)[:60].strip("._-") or "image"
        return f"{self.folder}/{uuid.uuid4().hex[:12]}-{safe_stem}{ext.lower()[:6]}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ImageUploadPath) and other.folder == self.folder


def detected_extension(content) -> str | None:
    """The extension of the image format Pillow finds in ``content``, if it is one we accept."""
    position = content.tell() if hasattr(content, "tell") else 0
    try:
        content.seek(0)
        with Image.open(content) as image:
            return ALLOWED_IMAGE_FORMATS.get(image.format)
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    finally:
        content.seek(position)


# Metadata Pillow reads into Image.info that may identify a person, a place or a device.
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "Description", "Author", "Comment")


def has_metadata(content) -> bool:
    position = content.tell() if hasattr(content, "tell") else 0
    try:
        content.seek(0)
        with Image.open(content) as image:
            return bool(image.getexif()) or any(key in image.info for key in METADATA_KEYS) or bool(getattr(image, "text", None))
    except (UnidentifiedImageError, OSError, ValueError):
        return False
    finally:
        content.seek(position)


def without_metadata(content) -> bytes | None:
    """The image re-encoded in its own format with only its pixels and colour profile, or None if Pillow cannot read it.
    Pillow writes EXIF, XMP and text chunks only when asked to, so a plain save drops them."""
    position = content.tell() if hasattr(content, "tell") else 0
    try:
        content.seek(0)
        with Image.open(content) as image:
            image_format = image.format
            if image_format not in ALLOWED_IMAGE_FORMATS:
                return None
            options = {"icc_profile": image.info["icc_profile"]} if image.info.get("icc_profile") else {}
            if getattr(image, "n_frames", 1) > 1:
                options.update(save_all=True)
                output = image
            else:
                # The EXIF orientation goes with the EXIF, so the pixels are turned upright first.
                output = ImageOps.exif_transpose(image)
            if image_format == "JPEG":
                options.update(quality=90, optimize=True)
            elif image_format == "WEBP":
                options.update(quality=90, lossless=bool(image.info.get("lossless")))
            buffer = BytesIO()
            output.save(buffer, format=image_format, **options)
            return buffer.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    finally:
        content.seek(position)


def delete_image_files(storage, name: str) -> None:
    """The original (its renditions are rows of the media library, deleted with their image)."""
    if storage.exists(name):
        storage.delete(name)


class ValidatedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # The stored extension follows the real format, so a PNG uploaded as "x.html"
        # is never served from /media/ as text/html.
        extension = detected_extension(content)
        if extension:
            name = f"{os.path.splitext(name)[0]}.{extension}"
        cleaned = without_metadata(content)
        if cleaned is not None:
            content = ContentFile(cleaned, name=name)
        super().save(name, content, save)


class ValidatedImageField(models.ImageField):
    """An ImageField that always runs :func:`validate_image_file`."""

    attr_class = ValidatedImageFieldFile

    def __init__(self, *args, folder: str = "images", **kwargs) -> None:
        kwargs.setdefault("upload_to", ImageUploadPath(folder))
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_image_file)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "finest.core.images.ValidatedImageField", args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            uid = f"image-replaced-{cls._meta.label_lower}-{name}"
            pre_save.connect(self._remember_stored_name, sender=cls, weak=False, dispatch_uid=f"{uid}-pre")
            post_save.connect(self._delete_replaced_file, sender=cls, weak=False, dispatch_uid=f"{uid}-post")

    def _remember_stored_name(self, sender, instance, raw=False, **kwargs):
        stored = None
        if instance.pk and not raw:
            stored = sender._default_manager.filter(pk=instance.pk).values_list(self.attname, flat=True).first()
        instance.__dict__[f"_stored_{self.attname}"] = stored

    def _delete_replaced_file(self, sender, instance, raw=False, **kwargs):
        old = instance.__dict__.pop(f"_stored_{self.attname}", None)
        current = getattr(instance, self.attname)
        if raw or not old or old == (current.name if current else ""):
            return
        if sender._default_manager.filter(**{self.attname: old}).exists():
            return  # Still another row's picture.
        storage = self.storage
        # Only once the new name is committed: a rolled-back save still points at the old file.
        transaction.on_commit(lambda: delete_image_files(storage, old))


def image_fields():
    """(model, field) for every ValidatedImageField in the project."""
    for app_config in apps.get_app_configs():
        for model in app_config.get_models():
            for field in model._meta.get_fields():
                if isinstance(field, ValidatedImageField):
                    yield model, field


def strip_stored_metadata(storage, name: str) -> bool:
    """Re-encode one stored original without its metadata, in place; True if it had any.
    (The media library's renditions are made from the cleaned original, so they carry none.)"""
    try:
        with storage.open(name, "rb") as source:
            content = BytesIO(source.read())
    except (FileNotFoundError, OSError):
        return False
    if not has_metadata(content):
        return False
    cleaned = without_metadata(content)
    if cleaned is None:
        return False
    with storage.open(name, "wb") as target:
        target.write(cleaned)
    return True
