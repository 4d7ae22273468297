"""Library images are read by everyone (they appear on public pages) and changed by staff only."""

from finest.core.permissions import ModelPolicy, register

from .models import Image

register(Image, ModelPolicy)
