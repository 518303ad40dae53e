"""The shape of a job and how jobs of one kind merge; the list of jobs is `server.job_catalog`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from server.jobs.context import JobContext

JobFunction = Callable[[JobContext, dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class Merge:
    """Jobs of one kind due together run as one job over all their subjects (`into`, with a list).

    At high publishing rates this spares each posting a transaction, a queue round trip and a
    worker pick-up; `max_size` keeps a retry small.
    """

    into: str
    key: str  # the single job's payload key…
    plural: str  # …and the merged job's list of those values
    max_size: int


MERGES = {"match_posting": Merge(into="match_postings", key="posting_id", plural="posting_ids", max_size=20)}
