import shutil
import socket
import subprocess
import time

import pytest
import redis
from kombu import pools as kombu_pools

from finest.celery import app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own, on a spare loopback port, that the test can stop and start again."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--maxmemory-policy", "noeviction"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is needed for the fault tests (apt-get install redis-server)")
    server = RedisServer(_free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def dead_redis_url() -> str:
    """A loopback port nobody listens on."""
    return f"redis://127.0.0.1:{_free_port()}/0"


@pytest.fixture
def use_broker(settings):
    """Points the Celery app at a broker URL for one test, as REDIS_URL does in production.

    Celery reads its configuration once, so the Django settings fixture alone would not reach it;
    the connection and producer pools are dropped so that the next publish connects anew."""

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "broker_connection_timeout")}

    def reset_pools():
        # kombu keeps one pool per broker URL in a process-wide registry; closing only the
        # app's pool would leave a closed pool there for the next test that uses the same URL.
        kombu_pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    def use(url: str):
        settings.CELERY_TASK_ALWAYS_EAGER = False
        app.conf.update(broker_url=url, task_always_eager=False, broker_connection_timeout=0.5)
        reset_pools()
        return app

    yield use
    reset_pools()
    app.conf.update(saved)


def fail_soft_cache(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "finest.ops.cache.FailSoftRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3, "retry_after": 0.5},
        }
    }
