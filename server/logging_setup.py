"""Structured (key=value) logs with the request id on every line."""

from __future__ import annotations

import logging

from server.http import RequestIdFilter
from server.settings import Settings

FORMAT = "%(asctime)s level=%(levelname)s logger=%(name)s request_id=%(request_id)s %(message)s"


def configure_logging(settings: Settings) -> None:
    root = logging.getLogger()
    if any(isinstance(f, RequestIdFilter) for handler in root.handlers for f in handler.filters):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
