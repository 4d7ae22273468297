"""Structured JSON log lines, one object per line, with the request id of the current request or task."""

import json
import logging
import re
from datetime import UTC, datetime

from .request_id import get_request_id

# Attributes every LogRecord has; anything else passed in `extra=` is copied into the JSON object.
_STANDARD_ATTRS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = get_request_id()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or get_request_id(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                payload[key] = value if isinstance(value, str | int | float | bool | type(None)) else repr(value)
        if record.exc_info:
            payload["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            payload["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(payload, ensure_ascii=False)


# A signed token in a path segment (django.core.signing: value:timestamp:signature, its colons
# maybe percent-encoded), as in the newsletter's confirm, preferences and unsubscribe links. The
# manage tokens never expire, so a log line holding one would let its reader manage a subscription.
_SIGNED_SEGMENT = re.compile(r"(?<=/)[^/?#\s]+(?::|%3[Aa])[^/?#\s]+(?:(?::|%3[Aa])[^/?#\s]+)+")
REDACTED = "[redacted]"


def redact_tokens(text: str) -> str:
    return _SIGNED_SEGMENT.sub(REDACTED, text) if text else text


class RedactTokensFilter(logging.Filter):
    """Takes signed tokens out of request log lines (Django's django.request warnings and their ``request``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "get_full_path"):
            record.request = f"{request.method} {redact_tokens(request.get_full_path())}"
        return True
