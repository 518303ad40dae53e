"""Short-lived signed download links, for a few minutes only and for the user they were issued to.

The link carries its expiry, the user who asked for it and an HMAC-SHA256 of (report, format, expiry,
user) under `settings.secret_key`: no session or token is needed to fetch the file (a browser can open
it), a link cannot be altered or reused after it expires, and the download checks that this user may
still read the report (see `server.reports.http`).
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import datetime, timedelta
from urllib.parse import urlencode

from server.models.reports import ReportFormat

DOWNLOAD_TTL = timedelta(minutes=10)


def signature(
    secret: str, report_id: uuid.UUID, fmt: ReportFormat, expires: int, user_id: uuid.UUID | None = None
) -> str:
    message = f"{report_id}:{fmt.value}:{expires}:{user_id or ''}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def download_path(
    secret: str, report_id: uuid.UUID, fmt: ReportFormat, now: datetime, user_id: uuid.UUID | None = None
) -> str:
    expires = int((now + DOWNLOAD_TTL).timestamp())
    fields: dict[str, object] = {"expires": expires}
    if user_id is not None:
        fields["user"] = str(user_id)
    fields["signature"] = signature(secret, report_id, fmt, expires, user_id)
    return f"/reports/{report_id}/download/{fmt.value}?{urlencode(fields)}"


def is_valid(
    secret: str,
    report_id: uuid.UUID,
    fmt: ReportFormat,
    expires: int,
    given: str,
    now: datetime,
    user_id: uuid.UUID | None = None,
) -> bool:
    if now.timestamp() > expires:
        return False
    return hmac.compare_digest(signature(secret, report_id, fmt, expires, user_id), given)
