"""TOTP (RFC 6238) with pyotp, its QR code with segno, and single-use recovery codes."""

from __future__ import annotations

import hmac
import io
import secrets
import time

import pyotp
import segno

from server.accounts.secrets import token_hash

ISSUER = "Passerelle"
RECOVERY_CODE_COUNT = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read from paper without doubt


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """An SVG image of the URI, with a title for screen readers."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(
        out, kind="svg", scale=4, border=2, xmldecl=False, svgns=True, title="Code QR à scanner"
    )
    return out.getvalue().decode()


def matching_step(secret: str, code: str, *, after: int | None = None) -> int | None:
    """The time-step of the code: the current one, or the one just before or after (clock drift of 30 s).

    Steps up to `after` (the last one accepted) are refused: a code works once (RFC 6238 §5.2).
    """
    cleaned = code.replace(" ", "").strip()
    if len(cleaned) != 6 or not cleaned.isdigit():
        return None
    app = pyotp.TOTP(secret)
    current = app.timecode(int(time.time()))
    for step in (current - 1, current, current + 1):
        if (after is None or step > after) and hmac.compare_digest(app.generate_otp(step), cleaned):
            return step
    return None


def new_recovery_codes() -> list[str]:
    return [
        "-".join("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(2))
        for _ in range(RECOVERY_CODE_COUNT)
    ]


def recovery_hash(code: str) -> str:
    """Codes are high-entropy (10 random characters), so a plain SHA-256 suffices, like session tokens."""
    return token_hash(code.strip().lower().replace(" ", ""))


def looks_like_recovery_code(code: str) -> bool:
    return "-" in code.strip()
