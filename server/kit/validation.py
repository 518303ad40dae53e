"""Small validators shared by domains: e-mail addresses, bounded text."""

from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email

from server.kit.errors import ErrorCode, IssueCollector


def _scripts(text: str) -> set[str]:
    """The writing systems of the letters (LATIN, CYRILLIC, GREEK…), from their Unicode names."""
    return {unicodedata.name(char, "?").split(" ")[0] for char in text if char.isalpha()}


def normalise_email(value: str, issues: IssueCollector, field: str = "email") -> str:
    """One spelling per address: NFKC (full-width `ａ` → `a`), lowercase (domain case-folded), checked by
    `email-validator`; letters from two writing systems (a Cyrillic `а` among Latin ones) are refused,
    so a look-alike of an existing address cannot register."""
    email = unicodedata.normalize("NFKC", value).strip().lower()
    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        issues.add(field, "Adresse e-mail invalide.", ErrorCode.INVALID_EMAIL)
        return email
    if len(_scripts(email)) > 1:
        issues.add(
            field,
            "Adresse e-mail invalide : elle mêle des alphabets différents (caractères sosies).",
            ErrorCode.INVALID_EMAIL,
        )
    elif len(email) > 254:
        issues.add(field, "Adresse e-mail invalide.", ErrorCode.INVALID_EMAIL)
    return email


def login_email(value: str) -> str:
    """The form an address is looked up by at sign-in: the same folding as at registration."""
    return unicodedata.normalize("NFKC", value).strip().lower()[:254]


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
