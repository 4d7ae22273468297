from django.db import models  # noqa: F401  (the newsletter models come with the newsletter issue)
