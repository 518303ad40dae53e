"""JSON through orjson: matching jobs serialise thousands of traces and live updates per second.

orjson is several times faster than the standard library; non-string keys are turned into strings,
as `json.dumps` does, so stored documents read the same.
"""

from __future__ import annotations

from typing import Any

import orjson

_OPTIONS = orjson.OPT_NON_STR_KEYS


def dumps(value: Any) -> str:
    return orjson.dumps(value, option=_OPTIONS).decode()


def dumps_bytes(value: Any) -> bytes:
    return orjson.dumps(value, option=_OPTIONS)


def loads(data: str | bytes) -> Any:
    return orjson.loads(data)
