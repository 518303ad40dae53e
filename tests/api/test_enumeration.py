"""No one learns whether an address has an account: sign-up, reset and login answer alike, as fast.

Timing is measured robustly on a shared machine: requests of the two kinds are interleaved in rounds
(alternating which goes first), and the median of the per-round differences is compared with a
tolerance that is a fraction of the request time plus a small floor (the scheduler's noise), not an
absolute figure tuned to one machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from server.models.accounts import UserRole
from tests.api.account_helpers import REQUEST_RESET, SIGN_IN
from tests.api.members_helpers import SIGN_UP
from tests.support import PASSWORD, create_user, gql, settle_jobs

ROUNDS = 15
RELATIVE = 0.25  # a gap under a quarter of the request time…
FLOOR = 0.015  # …or under 15 ms, is noise on a shared machine, not a signal


async def _timed(call: Callable[[], Awaitable[dict[str, Any]]]) -> tuple[float, dict[str, Any]]:
    start = time.perf_counter()
    body = await call()
    return time.perf_counter() - start, body


async def _compare(
    app: Any,
    known: Callable[[int], Awaitable[dict[str, Any]]],
    unknown: Callable[[int], Awaitable[dict[str, Any]]],
) -> tuple[float, float]:
    """Interleaved rounds; returns the two medians of the answers' latencies.

    The jobs a request causes (an e-mail sent, or not) run after its answer: they are let to finish,
    untimed, before the next request, so that one request's job is not measured as the next one's delay.
    """
    await known(-1), await unknown(-1)  # warm both paths (caches, first queries)
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    for round_number in range(ROUNDS):
        order = (("known", known), ("unknown", unknown))
        for name, call in order if round_number % 2 == 0 else reversed(order):
            elapsed, body = await _timed(lambda: call(round_number))  # noqa: B023 (awaited at once)
            times[name].append(elapsed)
            assert "errors" not in body, body
            await settle_jobs(app)
    a, b = statistics.median(times["known"]), statistics.median(times["unknown"])
    # the two requests of a round ran side by side: their difference cancels the machine's load drift
    gap = statistics.median(k - u for k, u in zip(times["known"], times["unknown"], strict=True))
    print(f"medians: known {a * 1000:.1f} ms, unknown {b * 1000:.1f} ms, paired gap {gap * 1000:.1f} ms")
    assert abs(gap) <= max(FLOOR, RELATIVE * min(a, b)), (times, a, b, gap)
    return a, b


async def test_login_answers_alike_for_an_unknown_address_and_a_wrong_password(
    app: Any, session_factory: Any
) -> None:
    for index in range(ROUNDS + 1):
        await create_user(session_factory, email=f"connue{index}@exemple.fr", role=UserRole.MEMBER)
    answers: dict[str, list[Any]] = {}

    async def attempt(email: str, key: str, round_number: int) -> dict[str, Any]:
        # one address and one client per attempt: the rate limits must not be what answers
        transport = httpx.ASGITransport(app=app, client=(f"198.51.100.{round_number + 2}", 4321))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as fresh:
            body = await gql(fresh, SIGN_IN, {"email": email, "password": "pas-le-bon-42"})
        answers.setdefault(key, []).append(body["data"]["login"])
        return body

    await _compare(
        app,
        lambda n: attempt(f"connue{n + 1}@exemple.fr", "known", n),
        lambda n: attempt(f"inconnue{n + 1}@exemple.fr", "unknown", n),
    )
    refused = {"token": None, "nextStep": None, "challenge": None, "user": None}
    expected = [{**refused, "errors": [{"field": None, "code": "INVALID_CREDENTIALS"}]}] * (ROUNDS + 1)
    assert answers["known"] == answers["unknown"] == expected


async def test_reset_requests_answer_alike_for_known_and_unknown_addresses(
    app: Any, session_factory: Any
) -> None:
    answers: dict[str, Any] = {}
    for index in range(ROUNDS + 1):
        await create_user(session_factory, email=f"connue{index}@exemple.fr", role=UserRole.MEMBER)

    async def ask(email: str, key: str, round_number: int) -> dict[str, Any]:
        transport = httpx.ASGITransport(app=app, client=(f"198.51.100.{round_number + 2}", 4321))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as fresh:
            body = await gql(fresh, REQUEST_RESET, {"email": email})
        answers.setdefault(key, []).append(body["data"]["requestPasswordReset"])
        return body

    # one request per address and per client (both are rate-limited): known and unknown alternate
    await _compare(
        app,
        lambda n: ask(f"connue{n + 1}@exemple.fr", "known", n),
        lambda n: ask(f"inconnue{n + 1}@exemple.fr", "unknown", n),
    )
    assert answers["known"] == answers["unknown"] == [{"ok": True, "errors": []}] * (ROUNDS + 1)


async def test_sign_up_answers_alike_for_a_new_and_a_taken_address(
    app: Any, client: Any, session_factory: Any
) -> None:
    await create_user(session_factory, email="deja@exemple.fr", role=UserRole.MEMBER)
    answers: dict[str, list[Any]] = {}

    async def sign_up(email: str, key: str) -> dict[str, Any]:
        body = await gql(
            client, SIGN_UP, {"email": email, "password": PASSWORD, "fullName": "Camille Martin"}
        )
        answers.setdefault(key, []).append(body["data"]["signUp"])
        return body

    await _compare(
        app,
        lambda n: sign_up(f"nouvelle{n + 1}@exemple.fr", "new"),
        lambda n: sign_up("deja@exemple.fr", "taken"),
    )
    assert answers["new"] == answers["taken"] == [{"ok": True, "errors": []}] * (ROUNDS + 1)
