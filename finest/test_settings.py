"""Settings for the test suite: the portal's settings with TESTING on, plus what only
tests want (a fast password hasher). pytest uses this module (pyproject.toml)."""

import os

# Read by finest.settings while it loads: the development secret key, no HTTPS redirect, axes off.
os.environ.setdefault("TESTING", "1")

from finest.settings import *  # noqa: E402, F403

# PBKDF2's cost protects stored passwords; the tests create hundreds of users and test nothing about it.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
