"""On the arq path, a failing job is retried with backoff (as the outbox relay does in-process)."""

from __future__ import annotations

from typing import Any

import pytest
from arq import Retry

from server.jobs.context import JobContext
from workers.settings import MAX_TRIES, as_arq_function


class _Runtime:
    job_context = None


async def _broken(context: JobContext, payload: dict[str, Any]) -> None:
    raise ValueError("a record the job cannot handle")


async def test_a_failing_job_is_retried_with_backoff_then_fails_for_good() -> None:
    run = as_arq_function("broken", _broken).coroutine

    with pytest.raises(Retry) as first:
        await run({"runtime": _Runtime(), "job_try": 1}, {})
    with pytest.raises(Retry) as later:
        await run({"runtime": _Runtime(), "job_try": 3}, {})
    with pytest.raises(ValueError, match="cannot handle"):
        await run({"runtime": _Runtime(), "job_try": MAX_TRIES}, {})

    assert 0 < first.value.defer_score < later.value.defer_score  # type: ignore[operator]
