"""Export all content (every app's rows, users and their two-factor devices) as JSON, plus the media files.

This is the database-agnostic backup that `restore_content` reads back into an empty database. On
PostgreSQL a `pg_dump` of the database together with this command's media tarball is the faster
alternative for large sites; the README describes both."""

import json
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from finest.ops.backup import CONTENT_FILE, EXCLUDED_MODELS, MANIFEST_FILE, MEDIA_FILE, content_counts


class Command(BaseCommand):
    help = "Write content.xml (all content) and media.tar.gz (uploaded files) into a new backup folder."

    def add_arguments(self, parser):
        parser.add_argument("output", help="folder to create; it must not exist yet or be empty")
        parser.add_argument("--no-media", action="store_true", help="skip the media files (e.g. when media lives on S3)")

    def handle(self, *args, output, no_media, **options):
        folder = Path(output)
        if folder.exists() and any(folder.iterdir()):
            raise CommandError(f"{folder} exists and is not empty")
        folder.mkdir(parents=True, exist_ok=True)
        # Personal data (subscribers, contacts, users) is in here: only the owner may read it.
        folder.chmod(0o700)

        content_path = folder / CONTENT_FILE
        call_command(
            "dumpdata",
            exclude=list(EXCLUDED_MODELS),
            natural_foreign=True,
            natural_primary=True,
            # Every row, also those a default manager might hide (drafts, unpublished items).
            use_base_manager=True,
            format="xml",
            indent=1,
            output=str(content_path),
            verbosity=0,
        )
        content_path.chmod(0o600)

        media_files = 0
        if not no_media:
            media_root = Path(settings.MEDIA_ROOT)
            with tarfile.open(folder / MEDIA_FILE, "w:gz") as archive:
                if media_root.is_dir():
                    for path in sorted(media_root.rglob("*")):
                        if path.is_file() and not path.is_symlink():
                            archive.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
                            media_files += 1
            (folder / MEDIA_FILE).chmod(0o600)

        manifest = {
            "created": timezone.now().isoformat(),
            "counts": content_counts(),
            "media_files": None if no_media else media_files,
        }
        (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        self.stdout.write(f"Backed up {sum(manifest['counts'].values())} rows and {media_files} media files to {folder}")
