"""The media library: validated uploads, renditions made by the task only, and the {% picture %} tag."""

from io import BytesIO
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage

from finest.core.permissions import Actor
from medialibrary import tasks
from medialibrary.models import Image, Rendition
from medialibrary.renditions import crop_box
from medialibrary.services import image_create, renditions_generate
from medialibrary.specs import SCALES, SPECS
from projects.models import Participation, Project
from tests.core.test_admin import add_inline_row, form_data, inline_prefix
from tests.factories import ImageFactory, PartnerFactory, ProjectFactory
from tests.projects.test_admin import errors_of

pytestmark = pytest.mark.django_db
GPS_IFD = 0x8825


def encoded(size=(800, 450), image_format="PNG", mode="RGB", colour=(20, 120, 200), exif=None) -> bytes:
    picture = PILImage.new(mode, size, colour)
    buffer = BytesIO()
    picture.save(buffer, format=image_format, **({"exif": exif.tobytes()} if exif is not None else {}))
    return buffer.getvalue()


def upload(name="photo.png", content=None):
    return SimpleUploadedFile(name, content if content is not None else encoded())


def stored_picture(field_file) -> PILImage.Image:
    with field_file.storage.open(field_file.name, "rb") as source:
        picture = PILImage.open(BytesIO(source.read()))
        picture.load()
        return picture


def create(file, **kwargs) -> Image:
    return image_create(file=file, actor=Actor.system(), **kwargs)


# --- validation on upload ---------------------------------------------------------------------------------


def test_a_fake_image_is_refused_and_nothing_is_stored():
    with pytest.raises(ValidationError) as error:
        create(upload("photo.png", b"<?php echo 'not a picture'; ?>"))
    assert "file" in error.value.message_dict
    assert not Image.objects.exists()


def test_an_svg_named_png_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError):
        create(upload("logo.png", svg))


def test_too_many_pixels_are_refused(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100 - 1
    with pytest.raises(ValidationError) as error:
        create(upload("big.png", encoded((100, 100))))
    assert [e.code for e in error.value.error_dict["file"]] == ["image_too_many_pixels"]
    assert not Image.objects.exists()


def test_exif_and_gps_are_stripped_before_storage():
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (60.0, 10.0, 30.0)})
    image = create(upload("holiday.jpg", encoded(image_format="JPEG", exif=exif)))
    picture = stored_picture(image.file)
    assert not picture.getexif()
    assert b"PhoneMaker" not in image.file.storage.open(image.file.name).read()
    assert (image.width, image.height) == (800, 450)


# --- renditions ---------------------------------------------------------------------------------------------


def renditions_of(image):
    return {(r.spec, r.scale, r.format): r for r in image.renditions.all()}


def test_a_photo_gets_webp_and_jpeg_at_1x_and_2x_for_every_spec():
    image = ImageFactory(file=ContentFile(encoded((2400, 1350), "JPEG"), name="photo.jpg"))
    made = renditions_generate(image_id=image.pk)
    assert made == len(SPECS) * len(SCALES) * 2
    renditions = renditions_of(image)
    assert {key[2] for key in renditions} == {"webp", "jpeg"}
    for key, rendition in renditions.items():
        picture = stored_picture(rendition.file)
        assert picture.size == (rendition.width, rendition.height)
        assert picture.format == ("WEBP" if key[2] == "webp" else "JPEG")
    assert (renditions[("card", 1, "jpeg")].width, renditions[("card", 1, "jpeg")].height) == (480, 270)
    assert (renditions[("card", 2, "webp")].width, renditions[("card", 2, "webp")].height) == (960, 540)
    assert (renditions[("avatar", 2, "jpeg")].width, renditions[("avatar", 2, "jpeg")].height) == (192, 192)
    assert renditions[("thumbnail", 1, "jpeg")].width == 160


def test_a_transparent_logo_is_fitted_not_cropped_with_a_png_fallback():
    logo = ImageFactory(file=ContentFile(encoded((1000, 1000), "PNG", "RGBA", (0, 0, 0, 0)), name="logo.png"))
    renditions_generate(image_id=logo.pk)
    renditions = renditions_of(logo)
    assert {key[2] for key in renditions} == {"webp", "png"}
    fitted = renditions[("logo", 1, "png")]
    # A square logo in a 240×120 box keeps its shape: 120×120, nothing cut away.
    assert (fitted.width, fitted.height) == (120, 120)
    assert stored_picture(fitted.file).mode == "RGBA"


def test_a_rendition_is_never_upscaled():
    small = ImageFactory(file=ContentFile(encoded((200, 100)), name="small.png"))
    renditions_generate(image_id=small.pk)
    detail = renditions_of(small)[("detail", 2, "png")]
    assert detail.width <= 200 and detail.height <= 100


def test_the_focal_point_moves_the_crop():
    # A wide picture cropped to a square: the crop follows the focal point and stays inside the picture.
    assert crop_box((1000, 500), 1.0, (0.5, 0.5)) == (250, 0, 750, 500)
    assert crop_box((1000, 500), 1.0, (0.0, 0.5))[0] == 0
    assert crop_box((1000, 500), 1.0, (1.0, 0.5))[2] == 1000
    left, right = crop_box((1000, 500), 1.0, (0.2, 0.5)), crop_box((1000, 500), 1.0, (0.8, 0.5))
    assert left[0] < right[0]


def test_the_focal_point_decides_what_the_avatar_shows():
    # Left half red, right half blue: an avatar (square) of the wide picture shows the half the point is on.
    picture = PILImage.new("RGB", (1000, 500), (255, 0, 0))
    picture.paste((0, 0, 255), (500, 0, 1000, 500))
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    image = ImageFactory(file=ContentFile(buffer.getvalue(), name="halves.png"), focal_x=0.9, focal_y=0.5)
    renditions_generate(image_id=image.pk)
    avatar = stored_picture(renditions_of(image)[("avatar", 1, "png")].file).convert("RGB")
    red, green, blue = avatar.getpixel((48, 48))
    assert blue > 200 and red < 50


# --- the task -----------------------------------------------------------------------------------------------


def test_the_task_is_queued_on_commit_and_makes_the_renditions(django_capture_on_commit_callbacks):
    with mock.patch.object(tasks.generate_renditions, "delay_on_commit", wraps=tasks.generate_renditions.delay_on_commit) as queued:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            image = create(upload())
        assert queued.call_args.args == (image.pk,)
    # Nothing is made before the commit.
    assert not image.renditions.exists()
    assert callbacks
    for callback in callbacks:
        callback()
    assert image.renditions.count() == len(SPECS) * len(SCALES) * 2


def test_the_task_is_idempotent():
    image = ImageFactory()
    assert tasks.generate_renditions(image.pk) == len(SPECS) * len(SCALES) * 2
    names = set(image.renditions.values_list("file", flat=True))
    assert tasks.generate_renditions(image.pk) == 0
    assert set(image.renditions.values_list("file", flat=True)) == names


def test_the_recover_task_queues_only_images_missing_renditions():
    done, missing = ImageFactory(), ImageFactory()
    renditions_generate(image_id=done.pk)
    with mock.patch.object(tasks.generate_renditions, "delay") as queued:
        assert tasks.recover_missing_renditions() == 1
    queued.assert_called_once_with(missing.pk)


def test_a_missing_original_makes_no_rendition_and_no_error():
    image = ImageFactory()
    image.file.storage.delete(image.file.name)
    assert renditions_generate(image_id=image.pk) == 0


# --- public requests never render ---------------------------------------------------------------------------


def test_a_public_page_with_an_image_lacking_renditions_makes_none(client):
    project = ProjectFactory(image=create(upload()))  # its task would run after a commit that never comes
    with mock.patch("medialibrary.services.render") as render, mock.patch.object(tasks.generate_renditions, "delay") as delay:
        response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    render.assert_not_called()
    delay.assert_not_called()
    assert not Rendition.objects.exists()
    body = response.content.decode()
    # The original, constrained to the detail box.
    assert f'src="{project.image.file.url}"' in body
    assert 'width="800" height="450"' in body


# --- the tag ------------------------------------------------------------------------------------------------


def render_tag(image, arguments='"card"', language="en"):
    with translation.override(language):
        return Template("{% load pictures %}{% picture image " + arguments + " %}").render(Context({"image": image}))


def test_picture_markup_with_renditions():
    image = ImageFactory(file=ContentFile(encoded((1920, 1080), "JPEG"), name="city.jpg"))
    renditions_generate(image_id=image.pk)
    image = Image.objects.prefetch_related("renditions").get(pk=image.pk)
    html = render_tag(image, '"card" sizes="(min-width: 40rem) 30rem, 100vw"')
    card = renditions_of(image)
    assert html.startswith("<picture><source type=\"image/webp\"")
    assert f'srcset="{card[("card", 1, "webp")].file.url} 1x, {card[("card", 2, "webp")].file.url} 2x"' in html
    assert f'src="{card[("card", 1, "jpeg")].file.url}"' in html
    assert f'{card[("card", 2, "jpeg")].file.url} 2x' in html
    assert 'width="480" height="270"' in html
    assert 'sizes="(min-width: 40rem) 30rem, 100vw"' in html
    assert 'loading="lazy"' in html and 'decoding="async"' in html
    assert 'alt="Two cities across the sea"' in html


def test_picture_alt_is_in_the_page_language_with_a_fallback():
    image = ImageFactory(alt_fi="Kaksi kaupunkia", alt_sv="", alt_en="Two cities")
    assert 'alt="Kaksi kaupunkia"' in render_tag(image, language="fi")
    fallback = render_tag(image, language="sv")
    assert 'alt="' in fallback and 'alt=""' not in fallback
    assert 'lang="' in fallback  # the text shown is in another language, and says so
    assert 'alt="Given"' in render_tag(image, '"card" alt="Given"')


def test_picture_without_image_is_empty_and_decorative_images_have_empty_alt():
    assert render_tag(None) == ""
    decorative = ImageFactory(alt_fi="", alt_sv="", alt_en="")
    assert 'alt=""' in render_tag(decorative)


def test_picture_falls_back_to_the_original_at_the_box_size():
    image = create(ContentFile(encoded((2000, 1000)), name="wide.png"))
    html = render_tag(image, '"card"')
    assert f'src="{image.file.url}"' in html
    assert 'width="480" height="240"' in html
    assert "<source" not in html


# --- the admin: an upload survives a failed save --------------------------------------------------------------


def test_an_upload_survives_an_over_budget_project_form(staff_client):

    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = reverse("admin:projects_project_add")
    page = staff_client.get(url)
    data = form_data(page)
    data.update({"title_fi": "Uusi hanke", "title_en": "New project", "kind": "research",
                 "state": "draft", "total_budget": "1000000"})
    prefix = inline_prefix(page, Participation)
    for n in range(2):
        add_inline_row(data, prefix, {"partner": str(PartnerFactory().pk), "role": "partner",
                                      "budget_share": "700000", "order": str(n)})
    data["image_upload"] = upload("site.png")
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "more than the project's total budget" in errors_of(response)
    assert not Project.objects.filter(title_fi="Uusi hanke").exists()
    image = Image.objects.get()
    form = response.context["adminform"].form
    assert form["image"].value() == str(image.pk)
    assert f'<option value="{image.pk}" selected' in response.content.decode()


# --- lists stay flat ------------------------------------------------------------------------------------------


def list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_project_list_queries_stay_flat_with_images(client, django_assert_max_num_queries):
    url = reverse("projects:list")
    for _ in range(2):
        image = ImageFactory()
        renditions_generate(image_id=image.pk)
        ProjectFactory(image=image)
    few = list_queries(client, url)
    for _ in range(6):
        image = ImageFactory()
        renditions_generate(image_id=image.pk)
        ProjectFactory(image=image)
    with django_assert_max_num_queries(few):
        assert client.get(url).status_code == 200
