import time

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from finest.ops.cache import FailSoftRedisCache


def make_cache(url: str, retry_after: float = 5) -> FailSoftRedisCache:
    return FailSoftRedisCache(url, {"OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3, "retry_after": retry_after}})


def test_behaves_like_redis_when_redis_is_up(redis_server):
    cache = make_cache(redis_server.url)
    cache.set("k", {"v": 1}, 30)
    assert cache.get("k") == {"v": 1}
    assert cache.add("k", 2) is False
    assert cache.get_or_set("other", lambda: "computed") == "computed"
    assert cache.add("n", 1) is True
    assert cache.incr("n", 2) == 3
    assert cache.get_many(["k", "other"]) == {"k": {"v": 1}, "other": "computed"}
    assert cache.delete("k") is True
    assert cache.ping() is True


def test_every_call_acts_as_a_miss_when_redis_is_down(dead_redis_url, caplog):
    cache = make_cache(dead_redis_url)
    assert cache.get("k", "default") == "default"
    cache.set("k", 1)
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("k") is False
    assert cache.delete("k") is False
    assert cache.get_or_set("k", lambda: "fresh") == "fresh"
    assert cache.set_many({"a": 1}) == ["a"]
    cache.delete_many(["a"])
    cache.clear()
    with pytest.raises(ValueError, match="not found"):
        cache.incr("counter")
    warnings = [record for record in caplog.records if record.name == "finest.ops.cache"]
    # One warning when Redis goes away, not one per call.
    assert len(warnings) == 1


def test_a_dead_redis_costs_one_timeout_then_nothing_until_the_retry(dead_redis_url):
    cache = make_cache(dead_redis_url, retry_after=60)
    cache.get("k")
    started = time.perf_counter()
    for _ in range(200):
        cache.get("k")
    assert time.perf_counter() - started < 0.2
    assert cache.is_down


def test_recovers_when_redis_comes_back(redis_server):
    cache = make_cache(redis_server.url, retry_after=0.2)
    cache.set("k", "before", 60)
    redis_server.stop()
    assert cache.get("k") is None
    assert cache.is_down
    redis_server.start()
    time.sleep(0.25)
    cache.set("k", "after", 60)
    assert cache.get("k") == "after"


def test_ping_raises_for_the_readiness_check(dead_redis_url):
    with pytest.raises(RedisConnectionError):
        make_cache(dead_redis_url).ping()
