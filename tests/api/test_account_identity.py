"""Sign-up identity rules: one spelling per e-mail address, no look-alikes, strong passwords (CNIL)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from server.models.accounts import User
from tests.api.members_helpers import SIGN_UP, sign_up
from tests.support import LOGIN, PASSWORD, gql


async def _sign_up(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD, name: str = "Alice Martin"
) -> Any:
    body = await gql(client, SIGN_UP, {"email": email, "password": password, "fullName": name})
    return body["data"]["signUp"]


@pytest.mark.parametrize(
    ("look_alike", "code"),
    [
        ("ａｌｉｃｅ@exemple.fr", "EMAIL_TAKEN"),  # full-width: NFKC folds it onto the existing address
        ("ALICE@EXEMPLE.FR", "EMAIL_TAKEN"),
        ("alice@EXEMPLE.fr", "EMAIL_TAKEN"),
        (" alice@exemple.fr ", "EMAIL_TAKEN"),
        ("аlice@exemple.fr", "INVALID_EMAIL"),  # a Cyrillic « а »
        ("alice@ехemple.fr", "INVALID_EMAIL"),  # Cyrillic « е » and « х » in the domain
        ("alicе@exemple.fr", "INVALID_EMAIL"),
        ("alice@exemple", "INVALID_EMAIL"),
        ("alice..b@exemple.fr", "INVALID_EMAIL"),
        ("alice@-exemple.fr", "INVALID_EMAIL"),
    ],
)
async def test_look_alikes_of_an_existing_address_cannot_register(
    client: httpx.AsyncClient, session_factory: Any, look_alike: str, code: str
) -> None:
    await sign_up(client, "alice@exemple.fr", "Alice Martin")
    payload = await _sign_up(client, look_alike)
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("email", code)]
    async with session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 1


async def test_a_full_width_address_signs_in_as_the_real_one(client: httpx.AsyncClient) -> None:
    await sign_up(client, "alice@exemple.fr", "Alice Martin")
    body = await gql(client, LOGIN, {"email": "ＡＬＩＣＥ@exemple.fr", "password": PASSWORD})
    assert body["data"]["login"]["token"]


@pytest.mark.parametrize(
    "password",
    [
        "password123",
        "Passerelle2026",
        "passerelle-2026!",
        "Federation2026!",
        "Fédération-2026",
        "azertyuiop1",
        "Martin-2026!!",  # the user's name
        "alice.martin99",  # the e-mail
        "exemple-2026-x",  # the e-mail's domain
        "motdepasse123",
        "Password2026!",
        "1234567890a",
    ],
)
async def test_common_and_context_passwords_are_refused(
    client: httpx.AsyncClient, session_factory: Any, password: str
) -> None:
    payload = await _sign_up(client, "alice.martin@exemple.fr", password, "Alice Martin")
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("password", "PASSWORD_TOO_WEAK")]
    async with session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 0


@pytest.mark.parametrize("password", [PASSWORD, "cheval-agrafe-batterie-juste", "T9#kq!vW2m_Lp"])
async def test_strong_passwords_are_accepted(client: httpx.AsyncClient, password: str) -> None:
    payload = await _sign_up(client, "alice.martin@exemple.fr", password, "Alice Martin")
    assert payload["errors"] == []
