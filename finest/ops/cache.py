"""A Redis cache that fails soft: when Redis is unreachable every call behaves like a cache miss,
so pages and the API keep answering from the database, only slower."""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class FailSoftRedisCache(RedisCache):
    """Catches Redis errors, logs them and returns what a miss would return.

    After a failure Redis is not tried again for `RETRY_AFTER` seconds (option `retry_after`),
    so a dead Redis costs one connect timeout per process every few seconds instead of one per cache call.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("retry_after", 5.0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self, operation: str, error: Exception) -> None:
        with self._lock:
            was_up = not self.is_down
            self._down_until = time.monotonic() + self.retry_after
        if was_up:
            logger.warning("Cache unavailable, serving without it", extra={"operation": operation, "error": type(error).__name__})

    def _call(self, operation, default, method, *args, **kwargs):
        if self.is_down:
            return default
        try:
            return method(*args, **kwargs)
        except RedisError as error:
            self._failed(operation, error)
            return default

    def ping(self) -> bool:
        """For the readiness check: talks to Redis whatever the circuit says, and raises on failure."""
        result = self._cache.get_client(write=True).ping()
        with self._lock:
            self._down_until = 0.0
        return bool(result)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        if self.is_down:
            raise ValueError(f"Key '{key}' not found")
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self._failed("incr", error)
            # What Django's backends raise for a missing key, which callers already handle.
            raise ValueError(f"Key '{key}' not found") from error

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        return self._call("clear", False, super().clear)
