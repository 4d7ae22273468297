"""Uploaded photos: originals are stored without EXIF/GPS, older originals are cleaned by a
command, and a replaced picture's files are deleted."""

from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from finest.core.images import rendition_name, rendition_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo_with_gps(size=(40, 20)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[ORIENTATION] = 6  # taken sideways: shown turned 90° clockwise
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (60.0, 10.0, 30.0), 3: "E", 4: (24.0, 56.0, 10.0)})
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(name: str) -> Image.Image:
    with default_storage.open(name, "rb") as file:
        image = Image.open(BytesIO(file.read()))
        image.load()
        return image


def test_the_test_photo_carries_gps():
    image = Image.open(BytesIO(photo_with_gps()))
    assert image.getexif().get_ifd(GPS_IFD)


def test_an_upload_is_stored_without_exif_and_upright():
    article = ArticleFactory()
    article.image.save("holiday.jpg", SimpleUploadedFile("holiday.jpg", photo_with_gps()), save=True)
    image = stored(article.image.name)
    assert not image.getexif()
    assert "exif" not in image.info
    assert image.size == (20, 40)
    assert b"PhoneMaker" not in default_storage.open(article.image.name).read()


def test_the_command_strips_originals_stored_before(media):
    article = ArticleFactory()
    name = "news/old-photo.jpg"
    (media / "news").mkdir()
    (media / name).write_bytes(photo_with_gps())
    type(article).objects.filter(pk=article.pk).update(image=name)
    rendition = rendition_name(name, 480)
    article.refresh_from_db()
    rendition_url(article.image, 480)
    assert default_storage.exists(rendition)
    call_command("strip_image_metadata")
    assert not stored(name).getexif()
    assert stored(name).size == (20, 40)
    assert not default_storage.exists(rendition)
    # A second run finds nothing left to do.
    call_command("strip_image_metadata")
    assert not stored(name).getexif()


def test_a_replaced_picture_and_its_renditions_are_deleted(django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        article.image.save("first.jpg", SimpleUploadedFile("first.jpg", photo_with_gps()), save=True)
    first = article.image.name
    rendition_url(article.image, 480)
    assert default_storage.exists(rendition_name(first, 480))
    with django_capture_on_commit_callbacks(execute=True):
        article.image.save("second.jpg", SimpleUploadedFile("second.jpg", photo_with_gps()), save=True)
    assert default_storage.exists(article.image.name)
    assert not default_storage.exists(first)
    assert not default_storage.exists(rendition_name(first, 480))
    second = article.image.name
    with django_capture_on_commit_callbacks(execute=True):
        article.image = None
        article.save()
    assert not default_storage.exists(second)


def test_a_picture_another_row_still_uses_is_kept(django_capture_on_commit_callbacks):
    one, two = ArticleFactory(), ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        one.image.save("shared.jpg", SimpleUploadedFile("shared.jpg", photo_with_gps()), save=True)
    type(two).objects.filter(pk=two.pk).update(image=one.image.name)
    shared = one.image.name
    with django_capture_on_commit_callbacks(execute=True):
        one.image = None
        one.save()
    assert default_storage.exists(shared)
