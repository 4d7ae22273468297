"""The data migrations that move each content type's own picture into the media library, run for real:
the schema is taken back to just before ``projects.0006_image_into_library`` and forward again."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image as PILImage

BEFORE = [("projects", "0005_project_image_library")]
AFTER = [("projects", "0006_image_into_library")]


def png() -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (640, 360), (10, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_stored_project_picture_becomes_a_library_image_keeping_its_file():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        apps = migrate(BEFORE)
        Project = apps.get_model("projects", "Project")
        name = default_storage.save("projects/site.png", ContentFile(png()))
        common = {"kind": "research", "state": "published"}
        # bulk_create: the rows of an older schema, without today's save signals (the change log).
        shown, sharing, lost, bare = Project.objects.bulk_create([
            Project(slug="shown", title="Hanke", title_fi="Hanke", image=name,
                    image_alt_fi="Työmaa", image_alt_sv="Byggplats", image_alt_en="Building site", **common),
            Project(slug="sharing", title="Toinen", title_fi="Toinen", image=name, **common),
            Project(slug="lost", title="Kadonnut", title_fi="Kadonnut", image="projects/gone.png", **common),
            Project(slug="bare", title="Tyhjä", title_fi="Tyhjä", **common),
        ])

        apps = migrate(AFTER)
        Project = apps.get_model("projects", "Project")
        Image = apps.get_model("medialibrary", "Image")
        image = Image.objects.get()
        assert image.file.name == name and default_storage.exists(name)
        assert (image.width, image.height) == (640, 360)
        assert (image.alt_fi, image.alt_sv, image.alt_en) == ("Työmaa", "Byggplats", "Building site")
        assert image.title == "Hanke"
        rows = {row.pk: row.image_library_id for row in Project.objects.all()}
        # One file, one library image, shared by both rows that used it.
        assert rows[shown.pk] == rows[sharing.pk] == image.pk
        assert rows[lost.pk] is None and rows[bare.pk] is None
    finally:
        MigrationExecutor(connection).migrate(leaves)
