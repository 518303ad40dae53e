"""Issue 15 over GraphQL and through real e-mails on a local SMTP server: every account flow to its end."""

from __future__ import annotations

import time
from typing import Any

import pyotp

from server.models.accounts import UserRole
from tests.api.account_helpers import (
    COMPLETE,
    CONFIRM_ENROLMENT,
    ME,
    NEW_PASSWORD,
    REQUEST_RESET,
    RESET,
    SESSIONS,
    START_ENROLMENT,
    enrol,
    sign_in,
    token_of,
)
from tests.api.members_helpers import sign_up, update_profile
from tests.api.postings_helpers import create_role, move, partner_user
from tests.api.test_matching_story import ASSISTANT_PROFILE
from tests.conftest import PUBLIC_URL, wait_until
from tests.mail_support import INBOX
from tests.support import PASSWORD, create_partner, create_user, error_codes, gql, issue_token

INVITE = """mutation($input: InviteUserInput!) {
  inviteUser(input: $input) { user { id hasAcceptedInvitation } errors { field code } }
}"""
ACCEPT = """mutation($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password) { token nextStep user { email role } errors { code } }
}"""
RESEND = "mutation($id: UUID!) { resendInvitation(userId: $id) { user { id } errors { code } } }"
REVOKE = "mutation($id: UUID!) { revokeInvitation(userId: $id) { user { id } errors { code } } }"


async def test_an_invitation_arrives_by_e_mail_and_its_link_signs_in_once(
    client: Any, session_factory: Any
) -> None:
    # given a staff member inviting a recruiter for a company whose name holds markup
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)
    partner = await create_partner(session_factory, name="Acme <b>& fils</b>")
    body = await gql(
        client,
        INVITE,
        {"input": {"email": "recrue@acme.fr", "role": "PARTNER_RECRUITER", "partnerId": str(partner.id)}},
        token,
    )
    invited = body["data"]["inviteUser"]["user"]

    # then the invitee receives an e-mail, text and HTML, in French, with a link into the web client
    mail = await INBOX.wait_for("recrue@acme.fr", "invitation")
    link = mail.link_to("/invitation")
    assert link.startswith(f"{PUBLIC_URL}/invitation?token=")
    assert "Activer mon compte" in mail.html and link.replace("&", "&amp;") in mail.html
    assert "Acme &lt;b&gt;&amp; fils&lt;/b&gt;" in mail.html  # autoescaped: no markup injected
    assert "Acme <b>& fils</b>" in mail.text

    # when staff resend it, the first link dies and the second one works, once, and signs in
    await gql(client, RESEND, {"id": invited["id"]}, token)
    await wait_until(lambda: _count("recrue@acme.fr", 2))
    fresh = INBOX.to("recrue@acme.fr")[-1]
    assert fresh.token("/invitation") != mail.token("/invitation")
    stale = await gql(client, ACCEPT, {"token": mail.token("/invitation"), "password": PASSWORD})
    assert stale["data"]["acceptInvitation"]["errors"] == [{"code": "INVITATION_INVALID"}]
    accepted = await gql(client, ACCEPT, {"token": fresh.token("/invitation"), "password": PASSWORD})
    session = accepted["data"]["acceptInvitation"]
    assert session["nextStep"] == "DONE" and session["user"]["email"] == "recrue@acme.fr"
    me = await gql(client, ME, token=session["token"])
    assert me["data"]["me"]["emailVerified"] is True  # the link proved the address
    again = await gql(client, ACCEPT, {"token": fresh.token("/invitation"), "password": PASSWORD})
    assert again["data"]["acceptInvitation"]["errors"] == [{"code": "INVITATION_INVALID"}]
    accepted_already = await gql(client, RESEND, {"id": invited["id"]}, token)
    assert accepted_already["data"]["resendInvitation"]["errors"] == [{"code": "INVITATION_ACCEPTED"}]


async def test_a_revoked_invitation_link_no_longer_works(client: Any, session_factory: Any) -> None:
    staff = await create_user(session_factory, email="staff@federation.fr", role=UserRole.FEDERATION_ADMIN)
    token = await issue_token(session_factory, staff.id)
    body = await gql(client, INVITE, {"input": {"email": "membre@exemple.fr", "role": "MEMBER"}}, token)
    mail = await INBOX.wait_for("membre@exemple.fr", "invitation")

    revoked = await gql(client, REVOKE, {"id": body["data"]["inviteUser"]["user"]["id"]}, token)

    assert revoked["data"]["revokeInvitation"]["errors"] == []
    refused = await gql(client, ACCEPT, {"token": mail.token("/invitation"), "password": PASSWORD})
    assert refused["data"]["acceptInvitation"]["errors"] == [{"code": "INVITATION_INVALID"}]


async def test_a_sign_up_is_matched_only_once_its_address_is_verified(
    client: Any, session_factory: Any
) -> None:
    # given a member who signed up but has not followed the link yet, with a full visible profile
    token, _ = await sign_up(client, "nouvelle@exemple.fr", "Nadia Nouvelle", verify=False)
    assert (await gql(client, ME, token=token))["data"]["me"]["emailVerified"] is False
    saved = await update_profile(client, token, **ASSISTANT_PROFILE)  # they may fill their profile
    assert saved["errors"] == []
    await gql(client, "mutation { setMyVisibility(visibility: VISIBLE) { errors { code } } }", token=token)
    verified_token, _ = await sign_up(client, "confirmee@exemple.fr", "Claire Confirmée")
    await update_profile(client, verified_token, **ASSISTANT_PROFILE)
    await gql(
        client, "mutation { setMyVisibility(visibility: VISIBLE) { errors { code } } }", token=verified_token
    )
    recruiter, _ = await partner_user(session_factory)

    # when a matching role is published
    role = await create_role(
        client, recruiter, competencies=[{"competencyId": "gestion_agenda", "level": 3, "required": True}]
    )
    await move(client, recruiter, "publishPosting", role["id"])
    candidates = (
        """query($id: UUID!) { matches(postingId: $id) { edges { node { details { fullName } } } } }"""
    )

    async def names() -> set[str]:
        body = await gql(client, candidates, {"id": role["id"]}, recruiter)
        return {edge["node"]["details"]["fullName"] for edge in body["data"]["matches"]["edges"]}

    # then only the verified member is proposed to the partner
    await wait_until(lambda: _holds(names, {"Claire Confirmée"}))
    assert await names() == {"Claire Confirmée"}

    # when the unverified member follows the e-mailed link (once), they are matched too
    mail = await INBOX.wait_for("nouvelle@exemple.fr", "Confirmez votre adresse")
    verify = "mutation($t: String!) { verifyEmail(token: $t) { ok errors { code } } }"
    first = await gql(client, verify, {"t": mail.token("/compte/verifier")})
    second = await gql(client, verify, {"t": mail.token("/compte/verifier")})
    assert first["data"]["verifyEmail"] == {"ok": True, "errors": []}
    assert second["data"]["verifyEmail"] == {"ok": False, "errors": [{"code": "LINK_INVALID"}]}
    await wait_until(lambda: _holds(names, {"Claire Confirmée", "Nadia Nouvelle"}))


async def _count(address: str, expected: int) -> bool:
    return len(INBOX.to(address)) == expected


async def _holds(probe: Any, expected: set[str]) -> bool:
    return bool(await probe() == expected)


async def test_a_password_reset_works_once_and_closes_every_session(
    client: Any, session_factory: Any
) -> None:
    # given a member signed in on two devices
    await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    first = await token_of(client, "camille@exemple.fr")
    second = await token_of(client, "camille@exemple.fr")

    # when they ask for a reset, and someone asks for an unknown address: the same answer
    known = await gql(client, REQUEST_RESET, {"email": "Camille@Exemple.fr"})
    unknown = await gql(client, REQUEST_RESET, {"email": "personne@exemple.fr"})
    assert known == unknown == {"data": {"requestPasswordReset": {"ok": True, "errors": []}}}

    # then only the account's owner receives a link, valid one hour
    mail = await INBOX.wait_for("camille@exemple.fr", "mot de passe")
    assert "60 minutes" in mail.text
    assert INBOX.to("personne@exemple.fr") == []
    reset_token = mail.token("/mot-de-passe/nouveau")

    # when the link is used: a weak password is refused (the link still works), a strong one accepted
    weak = await gql(client, RESET, {"token": reset_token, "password": "court"})
    assert weak["data"]["resetPassword"]["errors"][0]["code"] == "TOO_SHORT"
    done = await gql(client, RESET, {"token": reset_token, "password": NEW_PASSWORD})
    assert done["data"]["resetPassword"] == {"ok": True, "errors": []}

    # then every session is closed, the old password fails, the new one works, and the link is spent
    for old in (first, second):
        assert (await gql(client, ME, token=old))["data"]["me"] is None
    assert (await sign_in(client, "camille@exemple.fr"))["errors"] == [
        {"field": None, "code": "INVALID_CREDENTIALS"}
    ]
    await token_of(client, "camille@exemple.fr", NEW_PASSWORD)
    spent = await gql(client, RESET, {"token": reset_token, "password": "Encore-autre-2028"})
    assert spent["data"]["resetPassword"]["errors"] == [{"field": "token", "code": "LINK_INVALID"}]
    notice = await INBOX.wait_for("camille@exemple.fr", "mot de passe changé")
    assert notice.link_to("/compte/securite")


async def test_reset_requests_are_rate_limited_alike_for_known_and_unknown_addresses(
    client: Any, session_factory: Any
) -> None:
    await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    for email in ("camille@exemple.fr", "personne@exemple.fr"):
        answers = [await gql(client, REQUEST_RESET, {"email": email}) for _ in range(4)]
        assert [error_codes(answer) for answer in answers] == [[], [], [], ["RATE_LIMITED"]]
        assert answers[3]["errors"][0]["extensions"]["retryAfterSeconds"] == 3600


async def test_changing_the_password_needs_the_current_one_and_closes_the_other_sessions(
    client: Any, session_factory: Any
) -> None:
    await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    here = await token_of(client, "camille@exemple.fr")
    elsewhere = await token_of(client, "camille@exemple.fr")
    change = """mutation($c: String!, $n: String!) {
      changePassword(currentPassword: $c, newPassword: $n) { ok errors { field code } }
    }"""

    wrong = await gql(client, change, {"c": "pas-le-bon-1", "n": NEW_PASSWORD}, here)
    done = await gql(client, change, {"c": PASSWORD, "n": NEW_PASSWORD}, here)

    assert wrong["data"]["changePassword"]["errors"] == [
        {"field": "currentPassword", "code": "INVALID_CREDENTIALS"}
    ]
    assert done["data"]["changePassword"] == {"ok": True, "errors": []}
    assert (await gql(client, ME, token=here))["data"]["me"]["email"] == "camille@exemple.fr"
    assert (await gql(client, ME, token=elsewhere))["data"]["me"] is None
    await INBOX.wait_for("camille@exemple.fr", "mot de passe changé")


async def test_a_new_address_is_verified_there_and_the_old_one_is_told(
    client: Any, session_factory: Any
) -> None:
    await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    token = await token_of(client, "camille@exemple.fr")
    request = """mutation($e: String!, $p: String!) {
      requestEmailChange(newEmail: $e, password: $p) { ok errors { field code } }
    }"""

    asked = await gql(client, request, {"e": "camille.neuve@exemple.fr", "p": PASSWORD}, token)

    assert asked["data"]["requestEmailChange"] == {"ok": True, "errors": []}
    assert (await gql(client, ME, token=token))["data"]["me"]["email"] == "camille@exemple.fr"
    mail = await INBOX.wait_for("camille.neuve@exemple.fr", "nouvelle adresse")
    confirm = "mutation($t: String!) { confirmEmailChange(token: $t) { ok errors { code } } }"
    confirmed = await gql(client, confirm, {"t": mail.token("/compte/adresse")})
    assert confirmed["data"]["confirmEmailChange"] == {"ok": True, "errors": []}
    assert (await gql(client, ME, token=token))["data"]["me"]["email"] == "camille.neuve@exemple.fr"
    await token_of(client, "camille.neuve@exemple.fr")
    notice = await INBOX.wait_for("camille@exemple.fr", "adresse e-mail changée")
    assert "camille.neuve@exemple.fr" in notice.text


async def test_signed_in_devices_are_listed_and_revoked_and_a_new_one_is_e_mailed(
    client: Any, session_factory: Any
) -> None:
    await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    laptop = await token_of(client, "camille@exemple.fr", **{"User-Agent": "Firefox portable"})
    phone = await token_of(client, "camille@exemple.fr", **{"User-Agent": "Safari telephone"})
    tablet = await token_of(client, "camille@exemple.fr", **{"User-Agent": "Chrome tablette"})

    # the second and third devices were new: the account is told, by e-mail
    mail = await INBOX.wait_for("camille@exemple.fr", "nouvelle connexion")
    assert "Safari telephone" in mail.text or "Chrome tablette" in mail.text
    listed = (await gql(client, SESSIONS, token=laptop))["data"]["mySessions"]
    assert {item["userAgent"] for item in listed} == {
        "Firefox portable",
        "Safari telephone",
        "Chrome tablette",
    }
    assert [item["userAgent"] for item in listed if item["current"]] == ["Firefox portable"]
    assert all(item["lastUsedAt"] for item in listed)

    phone_id = next(item["id"] for item in listed if item["userAgent"] == "Safari telephone")
    revoke = "mutation($id: UUID!) { revokeSession(id: $id) { ok errors { code } } }"
    assert (await gql(client, revoke, {"id": phone_id}, laptop))["data"]["revokeSession"]["ok"] is True
    assert (await gql(client, ME, token=phone))["data"]["me"] is None
    others = await gql(client, "mutation { revokeOtherSessions { ok } }", token=laptop)
    assert others["data"]["revokeOtherSessions"]["ok"] is True
    assert (await gql(client, ME, token=tablet))["data"]["me"] is None
    assert len((await gql(client, SESSIONS, token=laptop))["data"]["mySessions"]) == 1


async def test_a_member_enrols_totp_and_then_signs_in_in_two_steps(client: Any, session_factory: Any) -> None:
    # given a member who turns the second factor on from their security page
    await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    token = await token_of(client, "camille@exemple.fr")
    app, enrolled = await enrol(client, token=token)
    codes = enrolled["recoveryCodes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    await INBOX.wait_for("camille@exemple.fr", "double authentification activée")

    # when they sign in, the password alone opens no session
    first = await sign_in(client, "camille@exemple.fr")
    assert first["token"] is None and first["nextStep"] == "SECOND_FACTOR" and first["challenge"]
    wrong = await gql(client, COMPLETE, {"challenge": first["challenge"], "code": "000000"})
    assert wrong["data"]["completeSignIn"]["errors"] == [{"field": "code", "code": "CODE_INVALID"}]
    right = await gql(client, COMPLETE, {"challenge": first["challenge"], "code": app.now()})
    assert right["data"]["completeSignIn"]["nextStep"] == "DONE" and right["data"]["completeSignIn"]["token"]

    # a recovery code works once, in place of the app
    second = await sign_in(client, "camille@exemple.fr")
    by_code = await gql(client, COMPLETE, {"challenge": second["challenge"], "code": codes[0]})
    assert by_code["data"]["completeSignIn"]["token"]
    third = await sign_in(client, "camille@exemple.fr")
    reused = await gql(client, COMPLETE, {"challenge": third["challenge"], "code": codes[0]})
    assert reused["data"]["completeSignIn"]["errors"] == [{"field": "code", "code": "CODE_INVALID"}]
    await INBOX.wait_for("camille@exemple.fr", "code de secours utilisé")


async def test_a_totp_code_signs_in_once_the_next_window_s_works(client: Any, session_factory: Any) -> None:
    # given a member with a second factor who signed in with the current code, then signed out
    await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    app, _ = await enrol(client, token=await token_of(client, "camille@exemple.fr"))
    now = time.time()
    code = app.at(now)
    first = await sign_in(client, "camille@exemple.fr")
    opened = await gql(client, COMPLETE, {"challenge": first["challenge"], "code": code})
    session_token = opened["data"]["completeSignIn"]["token"]
    assert session_token
    assert (await gql(client, "mutation { logout { ok } }", token=session_token))["data"]["logout"]["ok"]

    # when the same code is given again, within its window, it is refused like a wrong one
    second = await sign_in(client, "camille@exemple.fr")
    replayed = await gql(client, COMPLETE, {"challenge": second["challenge"], "code": code})
    assert replayed["data"]["completeSignIn"]["errors"] == [{"field": "code", "code": "CODE_INVALID"}]
    assert replayed["data"]["completeSignIn"]["token"] is None
    # and so is the previous window's code, older than the one accepted
    older = await gql(client, COMPLETE, {"challenge": second["challenge"], "code": app.at(now - 30)})
    assert older["data"]["completeSignIn"]["errors"] == [{"field": "code", "code": "CODE_INVALID"}]

    # then the next window's code (accepted for clock drift) opens a session
    later = await gql(client, COMPLETE, {"challenge": second["challenge"], "code": app.at(now + 30)})
    assert later["data"]["completeSignIn"]["nextStep"] == "DONE" and later["data"]["completeSignIn"]["token"]


async def test_an_enrolment_code_cannot_be_replayed_at_sign_in(client: Any, session_factory: Any) -> None:
    # given a member who confirmed their enrolment with the current code
    await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    token = await token_of(client, "camille@exemple.fr")
    started = await gql(client, START_ENROLMENT, {"challenge": None}, token)
    app = pyotp.TOTP(started["data"]["startSecondFactorEnrolment"]["enrolment"]["secret"])
    now = time.time()
    confirmed = await gql(client, CONFIRM_ENROLMENT, {"code": app.at(now), "challenge": None}, token)
    assert confirmed["data"]["confirmSecondFactorEnrolment"]["errors"] == []

    # when that code is used again to sign in, it is refused; the next window's works
    challenge = (await sign_in(client, "camille@exemple.fr"))["challenge"]
    replayed = await gql(client, COMPLETE, {"challenge": challenge, "code": app.at(now)})
    assert replayed["data"]["completeSignIn"]["errors"] == [{"field": "code", "code": "CODE_INVALID"}]
    later = await gql(client, COMPLETE, {"challenge": challenge, "code": app.at(now + 30)})
    assert later["data"]["completeSignIn"]["token"]


async def test_the_second_step_is_under_the_login_rate_limits(client: Any, session_factory: Any) -> None:
    await create_user(session_factory, email="camille@exemple.fr", role=UserRole.MEMBER)
    token = await token_of(client, "camille@exemple.fr")
    app, _ = await enrol(client, token=token)
    challenge = (await sign_in(client, "camille@exemple.fr"))["challenge"]

    answers = [await gql(client, COMPLETE, {"challenge": challenge, "code": "123456"}) for _ in range(6)]

    assert error_codes(answers[-1]) == ["RATE_LIMITED"]
    # even the right code is refused now, and a fresh challenge too
    assert error_codes(await gql(client, COMPLETE, {"challenge": challenge, "code": app.now()})) == [
        "RATE_LIMITED"
    ]
