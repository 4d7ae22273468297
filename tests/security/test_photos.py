"""Uploaded photos: originals are stored without EXIF/GPS, older originals are cleaned by a
command, and a replaced picture's files are deleted."""

from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from tests.factories import ImageFactory

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
    picture = ImageFactory()
    picture.file.save("holiday.jpg", SimpleUploadedFile("holiday.jpg", photo_with_gps()), save=True)
    image = stored(picture.file.name)
    assert not image.getexif()
    assert "exif" not in image.info
    assert image.size == (20, 40)
    assert b"PhoneMaker" not in default_storage.open(picture.file.name).read()


def test_the_command_strips_originals_stored_before(media):
    picture = ImageFactory()
    name = "library/old-photo.jpg"
    # The factory's own picture already lives in library/.
    (media / "library").mkdir(exist_ok=True)
    (media / name).write_bytes(photo_with_gps())
    type(picture).objects.filter(pk=picture.pk).update(file=name)
    call_command("strip_image_metadata")
    assert not stored(name).getexif()
    assert stored(name).size == (20, 40)
    # A second run finds nothing left to do.
    call_command("strip_image_metadata")
    assert not stored(name).getexif()


def test_a_replaced_picture_is_deleted(django_capture_on_commit_callbacks):
    picture = ImageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        picture.file.save("first.jpg", SimpleUploadedFile("first.jpg", photo_with_gps()), save=True)
    first = picture.file.name
    with django_capture_on_commit_callbacks(execute=True):
        picture.file.save("second.jpg", SimpleUploadedFile("second.jpg", photo_with_gps()), save=True)
    assert default_storage.exists(picture.file.name)
    assert not default_storage.exists(first)
    second = picture.file.name
    with django_capture_on_commit_callbacks(execute=True):
        picture.file = None
        picture.save()
    assert not default_storage.exists(second)


def test_a_picture_another_row_still_uses_is_kept(django_capture_on_commit_callbacks):
    one, two = ImageFactory(), ImageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        one.file.save("shared.jpg", SimpleUploadedFile("shared.jpg", photo_with_gps()), save=True)
    type(two).objects.filter(pk=two.pk).update(file=one.file.name)
    shared = one.file.name
    with django_capture_on_commit_callbacks(execute=True):
        one.file = None
        one.save()
    assert default_storage.exists(shared)
