"""Short-lived signed download links: whoever holds the link may download, for a few minutes only.

The link carries its expiry and an HMAC-SHA256 of (report, format, expiry) under `settings.secret_key`:
no session or token is needed to fetch the file (a browser can open it), and a link cannot be
altered or reused after it expires.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import datetime, timedelta
from urllib.parse import urlencode

from server.models.reports import ReportFormat

DOWNLOAD_TTL = timedelta(minutes=10)


def signature(secret: str, report_id: uuid.UUID, fmt: ReportFormat, expires: int) -> str:
    message = f"{report_id}:{fmt.value}:{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def download_path(secret: str, report_id: uuid.UUID, fmt: ReportFormat, now: datetime) -> str:
    expires = int((now + DOWNLOAD_TTL).timestamp())
    query = urlencode({"expires": expires, "signature": signature(secret, report_id, fmt, expires)})
    return f"/reports/{report_id}/download/{fmt.value}?{query}"


def is_valid(
    secret: str, report_id: uuid.UUID, fmt: ReportFormat, expires: int, given: str, now: datetime
) -> bool:
    if now.timestamp() > expires:
        return False
    return hmac.compare_digest(signature(secret, report_id, fmt, expires), given)
