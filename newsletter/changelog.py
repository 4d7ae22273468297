"""The public archive of sent issues is a cached page (newsletter/views.py): it depends on the
label ``ARCHIVE_LABEL``, which any saved or deleted issue bumps. Issues are not content of the
change log (partners don't sync newsletters), so only the caches' version moves. The one change
made by a queryset update, an issue becoming sent, bumps the label itself (services.issues)."""

from django.db.models.signals import post_delete, post_save

from finest.core import versions

from .models import NewsletterIssue

ARCHIVE_LABEL = "newsletter.newsletterissue"


def archive_changed(sender=NewsletterIssue, **kwargs) -> None:
    versions.bumped(NewsletterIssue, ARCHIVE_LABEL)


post_save.connect(archive_changed, sender=NewsletterIssue, dispatch_uid="newsletter-archive-saved")
post_delete.connect(archive_changed, sender=NewsletterIssue, dispatch_uid="newsletter-archive-deleted")
