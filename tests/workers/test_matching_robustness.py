"""Matching jobs: a record the engine refuses is logged and skipped; merged postings match as alone."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete

from server.db import transaction
from server.events import InProcessEventBus
from server.jobs.context import JobContext
from server.matching.tasks import match_postings_job
from server.models.accounts import User, UserRole
from server.models.members import MemberProfile, Visibility
from server.settings import Settings
from tests.api.members_helpers import sign_up, typical_competencies, update_profile
from tests.api.postings_helpers import create_role, move, partner_user
from tests.conftest import wait_until
from tests.support import create_user, gql, settle_jobs

REMOTE: dict[str, Any] = {
    "remotePolicy": "FULL",
    "remoteDays": None,
    "postalCode": None,
    "commune": None,
    "languages": [],
}
CANDIDATES = """query($id: UUID!) { matches(postingId: $id) { edges { node { id score } } } }"""


async def test_a_bad_member_record_does_not_stop_the_others_being_matched(
    client: Any, session_factory: Any
) -> None:
    # given a member whose stored data the engine refuses (an unknown département, e.g. from an import)
    broken = await create_user(session_factory, email="import@exemple.fr", role=UserRole.MEMBER)
    async with transaction(session_factory) as session:
        session.add(
            MemberProfile(
                user_id=broken.id,
                visibility=Visibility.VISIBLE,
                departement="99",
                headline_occupation_id="assistant_direction",
                bio="",
                mobility_departements=[],
                contract_preferences=[],
                offers=[],
                certifications=[],
                other_certifications=[],
            )
        )
    # and a sound member
    token, _ = await sign_up(client, "camille@exemple.fr", "Camille Martin")
    await update_profile(
        client,
        token,
        headlineTitle="Assistante de direction",
        postalCode="69003",
        competencies=typical_competencies("assistant_direction", gestion_agenda=4),
    )
    await gql(client, "mutation { setMyVisibility(visibility: ANONYMOUS) { errors { code } } }", token=token)
    recruiter, _ = await partner_user(session_factory)

    # when a role is published
    role = await create_role(
        client, recruiter, remotePolicy="FULL", remoteDays=None, postalCode=None, commune=None, languages=[]
    )
    await move(client, recruiter, "publishPosting", role["id"])

    # then the sound member is matched, the broken record is simply left out
    async def matched() -> bool:
        body = await gql(client, "{ myMatches { totalCount } }", token=token)
        return bool(body["data"]["myMatches"]["totalCount"] == 1)

    await wait_until(matched)
    candidates = await gql(
        client, "query($id: UUID!) { matches(postingId: $id) { totalCount } }", {"id": role["id"]}, recruiter
    )
    assert candidates["data"]["matches"]["totalCount"] == 1


async def test_postings_matched_together_get_what_each_gets_alone(
    client: Any, session_factory: Any, app: Any
) -> None:
    # given two consenting members and three published roles, one of which is then closed
    for number, email in enumerate(("camille@exemple.fr", "dominique@exemple.fr")):
        token, _ = await sign_up(client, email, f"Membre {number}")
        await update_profile(
            client,
            token,
            headlineTitle="Assistante de direction",
            postalCode="69003",
            competencies=typical_competencies("assistant_direction", gestion_agenda=3 + number),
        )
        await gql(
            client, "mutation { setMyVisibility(visibility: ANONYMOUS) { errors { code } } }", token=token
        )
    recruiter, _ = await partner_user(session_factory)
    roles = []
    for _ in range(3):
        role = await create_role(
            client,
            recruiter,
            remotePolicy="FULL",
            remoteDays=None,
            postalCode=None,
            commune=None,
            languages=[],
        )
        await move(client, recruiter, "publishPosting", role["id"])
        roles.append(role["id"])

    async def candidates() -> dict[str, list[tuple[str, float]]]:
        found = {}
        for posting_id in roles:
            body = await gql(client, CANDIDATES, {"id": posting_id}, recruiter)
            found[posting_id] = sorted(
                (e["node"]["id"], e["node"]["score"]) for e in body["data"]["matches"]["edges"]
            )
        return found

    async def all_matched() -> bool:
        return all(len(found) == 2 for found in (await candidates()).values())

    await wait_until(all_matched)
    alone = await candidates()
    await move(client, recruiter, "closePosting", roles[2])
    await settle_jobs(app)  # the worker's own job for the closing, not run side by side with ours

    # when the three are matched again in one job (as the relay merges postings published together)
    context = JobContext(
        session_factory=session_factory, settings=Settings(passerelle_env="test"), events=InProcessEventBus()
    )
    await match_postings_job(context, {"posting_ids": roles})

    # then the open ones keep the same matches and scores, and the closed one has none left
    together = await candidates()
    assert together[roles[0]] == alone[roles[0]] and together[roles[1]] == alone[roles[1]]
    assert together[roles[2]] == []


async def _export_levels(client: Any, token: str, posting_id: str) -> dict[str, int]:
    exported = (await gql(client, "{ exportMyData }", token=token))["data"]["exportMyData"]
    (match,) = [m for m in exported["matches"] if m["posting_id"] == posting_id]
    return dict(match["trace"]["levels"])


async def test_a_posting_published_after_a_profile_change_is_matched_on_the_new_profile(
    client: Any, session_factory: Any
) -> None:
    # given a member matched with a first role while at level 2 in diary management
    token, _ = await sign_up(client, "camille@exemple.fr", "Camille Martin")
    profile = {"headlineTitle": "Assistante de direction", "postalCode": "69003"}
    await update_profile(
        client, token, **profile, competencies=typical_competencies("assistant_direction", gestion_agenda=2)
    )
    await gql(client, "mutation { setMyVisibility(visibility: ANONYMOUS) { errors { code } } }", token=token)
    recruiter, _ = await partner_user(session_factory)
    remote = REMOTE
    first = await create_role(client, recruiter, **remote)
    await move(client, recruiter, "publishPosting", first["id"])

    async def matched(count: int) -> bool:
        body = await gql(client, "{ myMatches { totalCount } }", token=token)
        return bool(body["data"]["myMatches"]["totalCount"] == count)

    await wait_until(lambda: matched(1))
    assert (await _export_levels(client, token, first["id"]))["gestion_agenda"] == 2

    # when they reach level 4, then a second role is published
    await update_profile(
        client, token, **profile, competencies=typical_competencies("assistant_direction", gestion_agenda=4)
    )
    second = await create_role(client, recruiter, **remote)
    await move(client, recruiter, "publishPosting", second["id"])

    # then the second role's match was computed on the new level (the workers' pool followed)
    await wait_until(lambda: matched(2))
    assert (await _export_levels(client, token, second["id"]))["gestion_agenda"] == 4


async def test_a_member_removed_without_an_event_is_not_proposed_and_blocks_nothing(
    client: Any, session_factory: Any
) -> None:
    # given two consenting members matched with a role (so the workers hold both in their pool)
    tokens = []
    for email in ("camille@exemple.fr", "dominique@exemple.fr"):
        token, _ = await sign_up(client, email, "Membre")
        await update_profile(
            client,
            token,
            headlineTitle="Assistante de direction",
            postalCode="69003",
            competencies=typical_competencies("assistant_direction", gestion_agenda=4),
        )
        await gql(
            client, "mutation { setMyVisibility(visibility: ANONYMOUS) { errors { code } } }", token=token
        )
        tokens.append(token)
    recruiter, _ = await partner_user(session_factory)
    remote = REMOTE
    first = await create_role(client, recruiter, **remote)
    await move(client, recruiter, "publishPosting", first["id"])

    async def candidates(posting_id: str, count: int) -> bool:
        body = await gql(client, CANDIDATES, {"id": posting_id}, recruiter)
        return len(body["data"]["matches"]["edges"]) == count

    await wait_until(lambda: candidates(first["id"], 2))

    # when one is deleted straight from the database (a restore, a manual fix: no event), and a
    # second role is published
    gone = (await gql(client, "{ me { id } }", token=tokens[1]))["data"]["me"]["id"]
    async with transaction(session_factory) as session:
        await session.execute(delete(User).where(User.id == uuid.UUID(gone)))
    second = await create_role(client, recruiter, **remote)
    await move(client, recruiter, "publishPosting", second["id"])

    # then the second role is matched with the remaining member only
    await wait_until(lambda: candidates(second["id"], 1))
