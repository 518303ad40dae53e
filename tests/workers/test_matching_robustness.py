"""A matching job that meets a record the engine refuses logs it and still matches the others."""

from __future__ import annotations

from typing import Any

from server.db import transaction
from server.models.accounts import UserRole
from server.models.members import MemberProfile, Visibility
from tests.api.members_helpers import sign_up, update_profile
from tests.api.postings_helpers import create_role, move, partner_user
from tests.conftest import wait_until
from tests.support import create_user, gql


async def test_a_bad_member_record_does_not_stop_the_others_being_matched(
    client: Any, session_factory: Any
) -> None:
    # given a member whose stored data the engine refuses (an unknown département, e.g. from an import)
    broken = await create_user(session_factory, email="import@exemple.fr", role=UserRole.MEMBER)
    async with transaction(session_factory) as session:
        session.add(MemberProfile(user_id=broken.id, visibility=Visibility.VISIBLE, departement="99",
                                  headline_occupation_id="assistant_direction", bio="",
                                  mobility_departements=[], contract_preferences=[], offers=[],
                                  certifications=[], other_certifications=[]))
    # and a sound member
    token, _ = await sign_up(client, "camille@exemple.fr", "Camille Martin")
    await update_profile(client, token, headlineTitle="Assistante de direction", postalCode="69003",
                         competencies=[{"competencyId": "gestion_agenda", "level": 4}])
    await gql(client, 'mutation { setMyVisibility(visibility: ANONYMOUS) { errors { code } } }', token=token)
    recruiter, _ = await partner_user(session_factory)

    # when a role is published
    role = await create_role(client, recruiter, remotePolicy="FULL", remoteDays=None, postalCode=None,
                             commune=None, languages=[])
    await move(client, recruiter, "publishPosting", role["id"])

    # then the sound member is matched, the broken record is simply left out
    async def matched() -> bool:
        body = await gql(client, "{ myMatches { totalCount } }", token=token)
        return bool(body["data"]["myMatches"]["totalCount"] == 1)

    await wait_until(matched)
    candidates = await gql(client, "query($id: UUID!) { matches(postingId: $id) { totalCount } }",
                           {"id": role["id"]}, recruiter)
    assert candidates["data"]["matches"]["totalCount"] == 1
