"""Settings for the test suite: the portal's settings with TESTING on, plus what only
tests want (a fast password hasher). pytest uses this module (pyproject.toml)."""

import os

# Read by finest.settings while it loads: the development secret key, no HTTPS redirect, axes off.
os.environ.setdefault("TESTING", "1")

from finest.settings import *  # noqa: E402, F403

# PBKDF2's cost protects stored passwords; the tests create hundreds of users and test nothing about it.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each xdist worker gets its own Redis database for the cache: the suite clears the cache around
# every test (tests/conftest.py), and a FLUSHDB from one worker would wipe another's throttle counts.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    _location = CACHES["default"]["LOCATION"].rstrip("/")  # noqa: F405
    _base = _location.rsplit("/", 1)[0] if _location.count("/") > 2 else _location
    CACHES["default"]["LOCATION"] = f"{_base}/{1 + int(_worker[2:]) % 15}"  # noqa: F405
