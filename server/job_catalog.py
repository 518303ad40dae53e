"""The jobs the platform knows, by name: the one list both the in-process runner and arq use.

A composer above every domain: the domains enqueue jobs by name and never import this module.
"""

from __future__ import annotations

from server.accounts.recovery import send_password_reset
from server.accounts.tasks import purge_old_login_attempts
from server.gdpr.retention import enforce_member_retention
from server.jobs.catalog import JobFunction
from server.mail.digest import send_email_digests
from server.mail.tasks import send_mail_job
from server.matching.tasks import (
    match_member_job,
    match_posting_job,
    match_postings_job,
    rematch_all_job,
)
from server.metrics import timed_job
from server.partners.tasks import send_renewal_reminders
from server.postings.tasks import close_expired_postings
from server.renormalisation import renormalise_titles
from server.reports.tasks import generate_monthly_reports, generate_report


def job_catalog() -> dict[str, JobFunction]:
    """A fresh mapping each call, so a caller may adjust its copy."""
    jobs: dict[str, JobFunction] = {
        "send_renewal_reminders": send_renewal_reminders,
        "purge_old_login_attempts": purge_old_login_attempts,
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
    return {name: timed_job(name, job) for name, job in jobs.items()}
