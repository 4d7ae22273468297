"""Private storage for application attachments: a directory outside MEDIA_ROOT with
no URL, so no file there ever has a public address. The views of this app serve the
files, after asking the policy."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Reads ``settings.PRIVATE_MEDIA_ROOT`` on every use, so a test's override applies."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; they are served by the applications views.")


private_storage = PrivateStorage()
