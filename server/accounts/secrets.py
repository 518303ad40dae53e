"""Password hashing (argon2id) and opaque tokens stored only as their SHA-256."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

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


# Words anyone would try first against this service (CNIL: refuse context-specific passwords).
SERVICE_WORDS = ("passerelle", "federation", "assistanat", "secretariat", "fmas")
MIN_STRENGTH_SCORE = 3  # zxcvbn's "safely unguessable" (≈ 10^8 guesses and more)
ESTIMATED_PREFIX = 100  # zxcvbn grows faster than linearly: the first 100 characters are enough


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _context_words(email: str, full_name: str | None, extra_words: Sequence[str]) -> list[str]:
    """The user's own words: the e-mail's parts, the name's parts, the service's and federation's names."""
    local, _, domain = email.partition("@")
    words = [local, *re.split(r"[._+\-]", local), *domain.split(".")[:-1]]
    words += re.split(r"[\s'’\-]+", full_name or "")
    words += [*SERVICE_WORDS, *extra_words]
    return sorted({_fold(word) for word in words if len(word) >= 4}, key=len, reverse=True)


def check_password_strength(
    password: str,
    email: str,
    issues: IssueCollector,
    *,
    full_name: str | None = None,
    extra_words: Sequence[str] = (),
) -> None:
    """CNIL's recommendation: at least 10 characters mixing letters and digits or symbols, not built
    on the user's name, e-mail, the service or the federation, and judged strong by zxcvbn (score ≥ 3,
    which refuses common passwords such as `password123` and `Passerelle2026`).

    The one entry point for every flow that sets a password (sign-up, invitation, reset, change).
    """
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
    folded = _fold(password)
    context = _context_words(email, full_name, extra_words)
    if any(word in folded for word in context):
        issues.add(
            field,
            "Le mot de passe ne doit reprendre ni votre nom, ni votre adresse e-mail, ni le nom du service "
            "ou de la fédération.",
            ErrorCode.PASSWORD_TOO_WEAK,
        )
        return
    estimate = zxcvbn(password[:ESTIMATED_PREFIX], user_inputs=context)
    if estimate["score"] < MIN_STRENGTH_SCORE:
        issues.add(
            field,
            "Mot de passe trop facile à deviner (trop courant ou trop prévisible) : allongez-le, "
            "par exemple avec plusieurs mots sans rapport entre eux.",
            ErrorCode.PASSWORD_TOO_WEAK,
        )
