"""Logging helpers: a refused request is one warning line, not a traceback."""

import logging


class RefusalWithoutTraceback(logging.Filter):
    """Drop the traceback from 4xx records of ``django.request``.

    Django logs a 403 or 404 with the exception that caused it; the traceback says nothing
    an operator needs (the refusal is expected behaviour) and buries real errors. 5xx records
    keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
