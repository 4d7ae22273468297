"""Load a backup written by `backup_content` into an empty, migrated database, and unpack its media."""

import json
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from finest.ops.backup import CONTENT_FILE, MANIFEST_FILE, MEDIA_FILE, content_counts, has_content


class Command(BaseCommand):
    help = "Restore content.xml and media.tar.gz from a backup folder into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="a folder written by backup_content")

    def handle(self, *args, backup, **options):
        folder = Path(backup)
        content_path = folder / CONTENT_FILE
        if not content_path.is_file():
            raise CommandError(f"{content_path} not found")
        if has_content():
            # Loading over existing rows would mix two sites' content; restore into a fresh database.
            raise CommandError("The database already holds content. Restore into an empty database (migrate a new one first).")

        with transaction.atomic():
            call_command("loaddata", str(content_path), verbosity=0)
            # loaddata saves raw rows, which the search index skips; rebuild it from what was restored.
            call_command("rebuild_search_index", verbosity=0)

        media_path = folder / MEDIA_FILE
        restored_media = 0
        if media_path.is_file():
            media_root = Path(settings.MEDIA_ROOT)
            media_root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(media_path, "r:gz") as archive:
                members = archive.getmembers()
                _refuse_unsafe_members(members, media_root)
                if hasattr(tarfile, "data_filter"):
                    # The "data" filter also refuses what slipped past the check above.
                    archive.extractall(media_root, members=members, filter="data")  # noqa: S202
                else:
                    # Python before 3.11.4 (Debian 12 has 3.11.2) has no extraction filters; the
                    # members were checked above: regular files and folders inside the media root only.
                    archive.extractall(media_root, members=members)  # noqa: S202
                restored_media = sum(1 for member in members if member.isfile())

        manifest_path = folder / MANIFEST_FILE
        if manifest_path.is_file():
            expected = json.loads(manifest_path.read_text())["counts"]
            actual = content_counts()
            differing = {label: (count, actual.get(label, 0)) for label, count in expected.items() if actual.get(label, 0) != count}
            if differing:
                raise CommandError(f"Restored row counts differ from the backup's manifest: {differing}")

        self.stdout.write(f"Restored {sum(content_counts().values())} rows and {restored_media} media files from {folder}")


def _refuse_unsafe_members(members, root: Path) -> None:
    """Only regular files and folders whose paths stay inside ``root``: no absolute path, no
    "..", no links or device files."""
    base = root.resolve()
    for member in members:
        target = (base / member.name).resolve()
        if not (member.isfile() or member.isdir()) or Path(member.name).is_absolute() or not target.is_relative_to(base):
            raise CommandError(f"The media archive holds {member.name!r}, which is not a file inside the media folder.")
