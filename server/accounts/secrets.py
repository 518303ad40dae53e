"""Password hashing (argon2id) and opaque tokens stored only as their SHA-256."""

from __future__ import annotations

import hashlib
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from server.kit.errors import ErrorCode, IssueCollector

_hasher = PasswordHasher()
# A real hash of a random password, verified against when the account does not exist, so that the
# response time does not reveal whether an e-mail is registered.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> tuple[str, str]:
    """A fresh random token and the hash to store."""
    raw = secrets.token_urlsafe(32)
    return raw, token_hash(raw)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def check_password_strength(password: str, email: str, issues: IssueCollector) -> None:
    """At least 10 characters mixing letters and digits or symbols, not built on the e-mail."""
    field = "password"
    if len(password) < MIN_PASSWORD_LENGTH:
        issues.add(
            field,
            f"Le mot de passe doit contenir au moins {MIN_PASSWORD_LENGTH} caractères.",
            ErrorCode.TOO_SHORT,
        )
        return
    if len(password) > MAX_PASSWORD_LENGTH:
        issues.add(field, "Le mot de passe est trop long (256 caractères au plus).", ErrorCode.TOO_LONG)
        return
    has_letter = re.search(r"[^\W\d_]", password) is not None
    has_other = re.search(r"[\d\W_]", password) is not None
    if not (has_letter and has_other):
        issues.add(
            field,
            "Le mot de passe doit mêler des lettres et des chiffres ou symboles.",
            ErrorCode.PASSWORD_TOO_WEAK,
        )
        return
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        issues.add(
            field, "Le mot de passe ne doit pas reprendre votre adresse e-mail.", ErrorCode.PASSWORD_TOO_WEAK
        )
