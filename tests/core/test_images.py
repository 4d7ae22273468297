"""Uploads are checked by Pillow: a non-image, an oversize file and a decompression
bomb are refused, through full_clean and through the admin."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.models import Speaker
from finest.core.images import validate_image_file
from medialibrary.models import Image as LibraryImage

pytestmark = pytest.mark.django_db


def png_bytes(width: int = 40, height: int = 30, image_format: str = "PNG") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(buffer, format=image_format)
    return buffer.getvalue()


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A tiny file whose header claims a huge image: decoding it would need gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _chunk(
        b"IEND", b""
    )


def upload(content: bytes, name: str = "kuva.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_valid_png_jpeg_and_webp_pass():
    for image_format in ("PNG", "JPEG", "WEBP"):
        validate_image_file(upload(png_bytes(image_format=image_format)))


@pytest.mark.parametrize(
    ("make_file", "code"),
    [
        (lambda: upload(b"%PDF-1.4 not an image"), "invalid_image"),
        (lambda: upload(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "x.svg", "image/svg+xml"), "invalid_image"),
        (lambda: upload(png_bytes(image_format="GIF"), "x.gif", "image/gif"), "image_format"),
        (lambda: upload(bomb_png()), "image_too_many_pixels"),
    ],
    ids=["not-an-image", "svg", "gif", "decompression-bomb"],
)
def test_bad_files_are_refused_by_the_validator(make_file, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(make_file())
    assert excinfo.value.code == code


def test_oversize_file_is_refused(settings):
    settings.IMAGE_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(upload(png_bytes(400, 400) + b"\x00" * 2000))
    assert excinfo.value.code == "image_too_large"


def test_pixel_limit_is_a_setting(settings):
    settings.IMAGE_MAX_PIXELS = 100
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(upload(png_bytes(20, 20)))
    assert excinfo.value.code == "image_too_many_pixels"


@pytest.mark.parametrize(
    "content", [b"not an image at all", bomb_png()], ids=["not-an-image", "decompression-bomb"]
)
def test_full_clean_refuses_bad_images(content):
    image = LibraryImage(file=upload(content))
    with pytest.raises(ValidationError) as excinfo:
        image.full_clean()
    assert "file" in excinfo.value.message_dict


def test_full_clean_refuses_oversize_image(settings):
    settings.IMAGE_MAX_BYTES = 500
    image = LibraryImage(file=upload(png_bytes(300, 300) + b"\x00" * 1000))
    with pytest.raises(ValidationError) as excinfo:
        image.full_clean()
    assert "file" in excinfo.value.message_dict


def _speaker_post(photo) -> dict:
    # A speaker's photo is uploaded into the media library from the speaker's own form.
    return {"name": "Anna Virtanen", "title_fi": "Tutkija", "photo_upload": photo}


@pytest.mark.parametrize(
    ("content", "limit_bytes", "limit_pixels"),
    [
        (b"GIF89a definitely not a png", None, None),
        (bomb_png(), None, None),
        (None, 1000, None),
        (None, None, 100),
    ],
    ids=["not-an-image", "header-bomb", "oversize", "too-many-pixels"],
)
def test_admin_upload_of_bad_image_gives_a_form_error(staff_client, settings, content, limit_bytes, limit_pixels):
    if limit_bytes:
        settings.IMAGE_MAX_BYTES = limit_bytes
    if limit_pixels:
        settings.IMAGE_MAX_PIXELS = limit_pixels
    content = content or (png_bytes(60, 60) + b"\x00" * 2000)
    response = staff_client.post(reverse("admin:events_speaker_add"), _speaker_post(upload(content)))
    assert response.status_code == 200
    assert "photo_upload" in response.context["adminform"].form.errors
    assert not Speaker.objects.exists()
    assert not LibraryImage.objects.exists()


def test_admin_upload_of_good_image_is_stored_under_a_safe_name(staff_client):
    response = staff_client.post(
        reverse("admin:events_speaker_add"), _speaker_post(upload(png_bytes(), "../../etc/pass wd.PNG"))
    )
    assert response.status_code == 302
    speaker = Speaker.objects.get()
    assert speaker.photo.file.name.startswith("library/")
    assert ".." not in speaker.photo.file.name
    assert speaker.photo.file.name.endswith(".png")
