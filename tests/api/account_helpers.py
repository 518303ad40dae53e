"""GraphQL documents and small steps shared by the account-flow tests."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pyotp

from tests.support import PASSWORD, gql

SIGN_IN = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token nextStep challenge user { id email emailVerified hasSecondFactor } errors { field code }
  }
}"""
COMPLETE = """mutation($challenge: String!, $code: String!) {
  completeSignIn(challenge: $challenge, code: $code) { token nextStep user { email } errors { field code } }
}"""
START_ENROLMENT = """mutation($challenge: String) {
  startSecondFactorEnrolment(challenge: $challenge) { enrolment { secret uri qrCodeSvg } errors { code } }
}"""
CONFIRM_ENROLMENT = """mutation($code: String!, $challenge: String) {
  confirmSecondFactorEnrolment(code: $code, challenge: $challenge) {
    token nextStep recoveryCodes user { hasSecondFactor } errors { field code }
  }
}"""
REQUEST_RESET = "mutation($email: String!) { requestPasswordReset(email: $email) { ok errors { code } } }"
RESET = """mutation($token: String!, $password: String!) {
  resetPassword(token: $token, password: $password) { ok errors { field code } }
}"""
ME = "{ me { email emailVerified hasSecondFactor } }"
SESSIONS = "{ mySessions { id current userAgent clientAddress lastUsedAt createdAt } }"
NEW_PASSWORD = "Nouveau-secret-2027"


async def sign_in(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD, **headers: str
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": SIGN_IN, "variables": {"email": email, "password": password}},
        headers=headers,
    )
    payload: dict[str, Any] = response.json()["data"]["login"]
    return payload


async def token_of(client: httpx.AsyncClient, email: str, password: str = PASSWORD, **headers: str) -> str:
    payload = await sign_in(client, email, password, **headers)
    assert payload["nextStep"] == "DONE", payload
    token: str = payload["token"]
    return token


async def enrol(
    client: httpx.AsyncClient, *, token: str | None = None, challenge: str | None = None
) -> tuple[pyotp.TOTP, dict[str, Any]]:
    """Enrol a second factor as an authenticator app would: read the secret, answer with a code.

    The code is the previous window's (still accepted for clock drift), so that `app.now()` stays unused
    for the sign-in that follows: a TOTP code works only once.
    """
    started = await gql(client, START_ENROLMENT, {"challenge": challenge}, token)
    enrolment = started["data"]["startSecondFactorEnrolment"]["enrolment"]
    assert enrolment["qrCodeSvg"].startswith("<svg") and enrolment["uri"].startswith("otpauth://totp/")
    app = pyotp.TOTP(enrolment["secret"])
    code = app.at(time.time() - 30)
    confirmed = await gql(client, CONFIRM_ENROLMENT, {"code": code, "challenge": challenge}, token)
    payload: dict[str, Any] = confirmed["data"]["confirmSecondFactorEnrolment"]
    assert payload["errors"] == [], payload
    return app, payload
