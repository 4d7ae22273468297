"""Celery signal handlers that carry the request id from the publishing request into the task."""

import contextlib

from celery.signals import before_task_publish, task_postrun, task_prerun

from .request_id import get_request_id, new_request_id, reset_request_id, set_request_id

HEADER = "request_id"
_tokens: dict[str, object] = {}


@before_task_publish.connect(weak=False)
def add_request_id_header(sender=None, headers=None, **kwargs):
    request_id = get_request_id()
    if headers is not None and request_id and HEADER not in headers:
        headers[HEADER] = request_id


@task_prerun.connect(weak=False)
def bind_request_id(task_id=None, task=None, **kwargs):
    request_id = getattr(task.request, HEADER, None) if task is not None else None
    # A task started by beat has no request; it still gets an id so its log lines group together.
    _tokens[task_id] = set_request_id(request_id or new_request_id())


@task_postrun.connect(weak=False)
def unbind_request_id(task_id=None, **kwargs):
    token = _tokens.pop(task_id, None)
    if token is not None:
        # Eager tasks that ran in another context cannot reset this one's token.
        with contextlib.suppress(ValueError):
            reset_request_id(token)
