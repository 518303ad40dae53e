"""The jobs the platform knows, by name: the one list both the in-process runner and arq use."""

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


def job_catalog() -> dict[str, JobFunction]:
    """Imported lazily so each domain's tasks module may itself enqueue jobs by name."""
    from server.accounts.recovery import send_password_reset
    from server.framework.tasks import renormalise_titles
    from server.mail.tasks import send_mail_job
    from server.matching.tasks import (
        match_member_job,
        match_posting_job,
        match_postings_job,
        rematch_all_job,
    )
    from server.members.tasks import enforce_member_retention
    from server.notifications.digest import send_email_digests
    from server.partners.tasks import send_renewal_reminders
    from server.postings.tasks import close_expired_postings
    from server.reports.tasks import generate_monthly_reports, generate_report

    return {
        "send_renewal_reminders": send_renewal_reminders,
        "send_email_digests": send_email_digests,
        "send_mail": send_mail_job,
        "send_password_reset": send_password_reset,
        "renormalise_titles": renormalise_titles,
        "enforce_member_retention": enforce_member_retention,
        "close_expired_postings": close_expired_postings,
        "generate_report": generate_report,
        "generate_monthly_reports": generate_monthly_reports,
        "match_posting": match_posting_job,
        "match_postings": match_postings_job,
        "match_member": match_member_job,
        "rematch_all": rematch_all_job,
    }
