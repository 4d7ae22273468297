"""gunicorn's access log without the signed tokens of newsletter links (see gunicorn.conf.py)."""

from gunicorn.glogging import Logger

from .logging import redact_tokens


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        # The request line, the path, the referrer and their copies among the header and
        # environment atoms can each carry a token, so every text atom is redacted.
        return {
            name: redact_tokens(value) if isinstance(value, str) else value
            for name, value in super().atoms(resp, req, environ, request_time).items()
        }
