"""Small validators shared by domains: e-mail addresses, bounded text."""

from __future__ import annotations

import re

from server.kit.errors import ErrorCode, IssueCollector

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")


def normalise_email(value: str, issues: IssueCollector, field: str = "email") -> str:
    email = value.strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        issues.add(field, "Adresse e-mail invalide.", ErrorCode.INVALID_EMAIL)
    return email


def bounded_text(
    value: str | None,
    issues: IssueCollector,
    *,
    field: str,
    label: str,
    min_length: int = 0,
    max_length: int,
) -> str | None:
    """Strip and bound a free text; None stays None, an empty optional text becomes None."""
    if value is None:
        return None
    text = value.strip()
    if len(text) < min_length:
        issues.add(field, f"{label} : au moins {min_length} caractère(s).", ErrorCode.TOO_SHORT)
    elif len(text) > max_length:
        issues.add(field, f"{label} : {max_length} caractères au plus.", ErrorCode.TOO_LONG)
    return text or None


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with the user's own % and _ taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
