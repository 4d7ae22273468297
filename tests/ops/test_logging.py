import json
import logging
import sys

import pytest
import redis
from celery import Celery
from django.http import HttpResponse
from django.test import RequestFactory

from finest.ops import tasks_context
from finest.ops.logging import JsonFormatter, RequestIdFilter
from finest.ops.request_id import REQUEST_ID_HEADER, RequestIdMiddleware, get_request_id, reset_request_id, set_request_id


def format_record(message="hello", **extra) -> dict:
    record = logging.makeLogRecord({"name": "finest.test", "levelname": "INFO", "levelno": logging.INFO, "msg": message, **extra})
    RequestIdFilter().filter(record)
    return json.loads(JsonFormatter().format(record))


def test_json_lines_carry_level_logger_message_and_extras():
    line = format_record("Subscriber %s confirmed", args=(42,), status_code=200)
    assert line["level"] == "INFO"
    assert line["logger"] == "finest.test"
    assert line["message"] == "Subscriber 42 confirmed"
    assert line["status_code"] == 200
    assert line["time"].endswith("+00:00")


def test_json_lines_include_the_current_request_id_and_exceptions():
    token = set_request_id("req-0123456789")
    try:
        try:
            raise ValueError("boom")
        except ValueError:
            line = format_record("failed", exc_info=sys.exc_info())
    finally:
        reset_request_id(token)
    assert line["request_id"] == "req-0123456789"
    assert "ValueError: boom" in line["exc_info"]


def test_middleware_gives_every_request_an_id_and_logs_it(caplog):
    seen = {}

    def view(request):
        seen["id"] = get_request_id()
        logging.getLogger("finest.test").warning("inside the view")
        return HttpResponse("ok")

    caplog.handler.addFilter(RequestIdFilter())
    response = RequestIdMiddleware(view)(RequestFactory().get("/"))
    assert len(seen["id"]) == 32
    assert response.headers[REQUEST_ID_HEADER] == seen["id"]
    assert caplog.records[-1].request_id == seen["id"]
    # Outside the request the id is gone again.
    assert get_request_id() == ""


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [("proxy-id-12345678", True), ("short", False), ("evil\nFAKE LOG LINE", False), ("x" * 200, False)],
)
def test_middleware_reuses_only_well_formed_incoming_ids(incoming, kept):
    response = RequestIdMiddleware(lambda request: HttpResponse())(RequestFactory().get("/", headers={REQUEST_ID_HEADER: incoming}))
    assert (response.headers[REQUEST_ID_HEADER] == incoming) is kept


def test_request_id_travels_into_the_task_headers_and_back_out():
    headers = {}
    token = set_request_id("req-from-the-web-1")
    try:
        tasks_context.add_request_id_header(headers=headers)
    finally:
        reset_request_id(token)
    assert headers == {"request_id": "req-from-the-web-1"}

    class Task:
        class request:  # noqa: N801 - mimics celery's task.request
            request_id = headers["request_id"]

    tasks_context.bind_request_id(task_id="t1", task=Task)
    assert get_request_id() == "req-from-the-web-1"
    tasks_context.unbind_request_id(task_id="t1")
    assert get_request_id() == ""


def test_a_task_without_a_request_still_gets_an_id():
    class Task:
        class request:  # noqa: N801
            pass

    tasks_context.bind_request_id(task_id="t2", task=Task)
    assert len(get_request_id()) == 32
    tasks_context.unbind_request_id(task_id="t2")


def test_published_task_message_carries_the_request_id(redis_server):
    """Through a real broker: the message a request publishes has the id in its headers."""
    app = Celery("probe", broker=redis_server.url)

    @app.task(name="probe.noop")
    def noop():
        return None

    token = set_request_id("req-published-42")
    try:
        noop.delay()
    finally:
        reset_request_id(token)

    raw = redis.Redis.from_url(redis_server.url).lpop("celery")
    message = json.loads(raw)
    assert message["headers"]["request_id"] == "req-published-42"
    assert message["headers"]["task"] == "probe.noop"
