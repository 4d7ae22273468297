import tarfile

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from finest.core.models import PublishState
from finest.ops.backup import backed_up_models
from tests import factories


def snapshot() -> list[dict]:
    """Every backed-up row, as Django serialises it, in a stable order (natural keys, so pks may differ)."""
    rows = []
    for model in backed_up_models():
        queryset = model._base_manager.order_by("pk")
        rows.extend(
            serializers.serialize("python", queryset, use_natural_foreign_keys=True, use_natural_primary_keys=True)
        )
    return sorted(rows, key=lambda row: (row["model"], repr(row.get("pk")), repr(sorted(row["fields"].items()))))


# Transactional: PostgreSQL cannot TRUNCATE (flush) inside the test's transaction. Like every
# transactional test, these leave an emptied database behind (pytest-django runs them after the others).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content(settings):
    factories.StaffUserFactory(username="editor")
    partner = factories.PartnerFactory()
    factories.ContactPersonFactory(partner=partner)
    project = factories.ProjectFactory()
    factories.ParticipationFactory(project=project, partner=partner)
    factories.EventFactory()
    factories.PilotFactory()
    factories.ArticleFactory()
    # A draft: the backup must hold unpublished rows too.
    factories.ArticleFactory(state=PublishState.DRAFT, published_at=None)
    media_root = settings.MEDIA_ROOT
    media_root.mkdir(parents=True, exist_ok=True)
    (media_root / "uploads").mkdir()
    (media_root / "uploads" / "report.pdf").write_bytes(b"%PDF-1.4 sample")
    return project


def test_backup_and_restore_round_trip(content, tmp_path, settings):
    before = snapshot()
    assert len(before) > 8
    media_before = (settings.MEDIA_ROOT / "uploads" / "report.pdf").read_bytes()

    call_command("backup_content", str(tmp_path / "backup"))
    assert (tmp_path / "backup" / "content.xml").stat().st_mode & 0o077 == 0

    # An empty database, as after `migrate` on a new server, and an empty media folder.
    call_command("flush", interactive=False, verbosity=0)
    (settings.MEDIA_ROOT / "uploads" / "report.pdf").unlink()
    assert snapshot() != before

    call_command("restore_content", str(tmp_path / "backup"))

    assert snapshot() == before
    assert (settings.MEDIA_ROOT / "uploads" / "report.pdf").read_bytes() == media_before


def test_restore_refuses_a_database_with_content(content, tmp_path):
    call_command("backup_content", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore_content", str(tmp_path / "backup"))


def test_restore_refuses_media_paths_outside_media_root(tmp_path, settings):
    call_command("backup_content", str(tmp_path / "backup"), no_media=True)
    evil = tarfile.TarInfo("../escaped.txt")
    payload = ContentFile(b"x")
    evil.size = payload.size
    with tarfile.open(tmp_path / "backup" / "media.tar.gz", "w:gz") as archive:
        archive.addfile(evil, payload.file)
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(CommandError, match="not a file inside the media folder"):
        call_command("restore_content", str(tmp_path / "backup"))
    assert not (settings.MEDIA_ROOT.parent / "escaped.txt").exists()


def test_every_content_app_and_the_accounts_are_backed_up():
    labels = {model._meta.app_label for model in backed_up_models()}
    assert {"core", "partners", "projects", "events", "living_lab", "news", "auth", "otp_totp"} <= labels
    assert not labels & {"contenttypes", "sessions", "axes"}


def test_restore_refuses_links_in_the_media_archive(tmp_path, settings):
    call_command("backup_content", str(tmp_path / "backup"), no_media=True)
    link = tarfile.TarInfo("images/passwd")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    with tarfile.open(tmp_path / "backup" / "media.tar.gz", "w:gz") as archive:
        archive.addfile(link)
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(CommandError, match="not a file inside the media folder"):
        call_command("restore_content", str(tmp_path / "backup"))
    assert not (settings.MEDIA_ROOT / "images" / "passwd").exists()
