"""Paths of the web client that e-mails link to (owned by web/; every link starts with PUBLIC_URL).

Kept in the mail package so that every sender (account flows, the daily digest) can use them without
depending on one another.
"""

from __future__ import annotations

PATHS = {
    "invitation": "/invitation?token=",
    "verify": "/compte/verifier?token=",
    "reset": "/mot-de-passe/nouveau?token=",
    "email_change": "/compte/adresse?token=",
    "login": "/connexion",
    "forgot": "/mot-de-passe/oublie",
    "security": "/compte/securite",
}
