"""Re-save every stored original picture without EXIF, XMP or text metadata (GPS positions included).

Uploads are stripped as they are saved; this cleans the files stored before that. Running it
again finds nothing more to do."""

from django.core.management.base import BaseCommand

from finest.core.images import image_fields, strip_stored_metadata


class Command(BaseCommand):
    help = "Remove EXIF/XMP metadata (e.g. GPS positions) from every stored original image."

    def handle(self, *args, **options):
        cleaned = 0
        for model, field in image_fields():
            names = model._default_manager.exclude(**{field.attname: ""}).values_list(field.attname, flat=True).distinct()
            for name in names.iterator():
                cleaned += strip_stored_metadata(field.storage, name)
        self.stdout.write(f"Stripped metadata from {cleaned} image(s).")
