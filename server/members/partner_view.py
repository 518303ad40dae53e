"""What a partner user (or staff) sees of a consenting member: an anonymised summary, details if visible."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from matching import Framework
from matching.bands import experience_band
from matching.regions import region_of
from server.accounts import repository as accounts_repository
from server.actor import Actor
from server.audit.service import record
from server.framework.service import live_framework
from server.kit.errors import Forbidden, NotFound
from server.members import repository
from server.members.service import PROFILE_NOT_FOUND
from server.models.accounts import User
from server.models.members import MemberProfile, Visibility


@dataclass(frozen=True)
class PartnerCompetency:
    competency_id: str
    label: str
    level: int


@dataclass(frozen=True)
class VisibleDetails:
    """What a VISIBLE (or interested) member shows partners; never contact details."""

    full_name: str
    headline_title: str | None
    bio: str
    experiences: tuple[tuple[str, str | None, date, date | None], ...]
    certifications: tuple[str, ...]


@dataclass(frozen=True)
class PartnerMemberView:
    """What a partner user sees of a consenting member: anonymised summary, details if visible."""

    user_id: uuid.UUID
    visibility: Visibility
    occupation_id: str | None
    occupation_label: str | None
    competencies: tuple[PartnerCompetency, ...]
    region: str | None
    experience_band: str
    offers: tuple[str, ...]
    languages: tuple[tuple[str, str], ...]
    details: VisibleDetails | None


async def partner_view(
    session: AsyncSession, actor: Actor, user_id: uuid.UUID, *, reveal: bool = False
) -> PartnerMemberView:
    """The summary a partner user (or staff) sees; a hidden or missing member does not exist."""
    views = await partner_views(session, actor, [user_id], revealed={user_id} if reveal else set())
    if user_id not in views:
        raise NotFound(PROFILE_NOT_FOUND)
    return views[user_id]


async def partner_views(
    session: AsyncSession,
    actor: Actor,
    user_ids: Sequence[uuid.UUID],
    *,
    revealed: set[uuid.UUID],
    profiles: Mapping[uuid.UUID, MemberProfile] | None = None,
) -> dict[uuid.UUID, PartnerMemberView]:
    """Summaries of several members in a bounded number of queries (a page of candidates).

    Hidden, missing or deactivated members are left out. Details come with a VISIBLE profile, or
    when the member is in `revealed` (they said interested in one of the partner's postings). Each
    read is written to the audit trail in the caller's transaction, as any read of a member's
    personal data must be. `profiles`: already read by the caller (with their lists), not read again.
    """
    if not (actor.is_partner_user or actor.is_staff):
        raise Forbidden()
    ids = list(dict.fromkeys(user_ids))
    if profiles is None:
        profiles = await repository.profiles_by_user_ids(session, ids)
    users = await accounts_repository.users_by_ids(session, ids)
    framework = await live_framework(session)
    views: dict[uuid.UUID, PartnerMemberView] = {}
    for user_id in ids:
        profile, user = profiles.get(user_id), users.get(user_id)
        if profile is None or user is None or not user.is_active or profile.visibility is Visibility.HIDDEN:
            continue
        views[user_id] = _view(profile, user, framework, reveal=user_id in revealed)
        record(
            session,
            actor,
            "member.partner_view",
            entity_type="member_profile",
            entity_id=user_id,
            changes={
                "visibility": profile.visibility.value,
                "partner_id": actor.partner_id,
                "details": views[user_id].details is not None,
            },
            subject_user_id=user_id,
        )
    return views


def _view(profile: MemberProfile, user: User, framework: Framework, *, reveal: bool) -> PartnerMemberView:
    details = None
    if profile.visibility is Visibility.VISIBLE or reveal:
        details = VisibleDetails(
            full_name=user.full_name,
            headline_title=profile.headline_title,
            bio=profile.bio,
            experiences=tuple(
                (item.title, item.sector, item.start_month, item.end_month) for item in profile.experiences
            ),
            certifications=(*profile.certifications, *profile.other_certifications),
        )
    return PartnerMemberView(
        user_id=profile.user_id,
        visibility=profile.visibility,
        occupation_id=profile.headline_occupation_id,
        occupation_label=occupation_label(framework, profile.headline_occupation_id),
        competencies=tuple(
            PartnerCompetency(item.competency_id, competency_label(framework, item.competency_id), item.level)
            for item in profile.competencies
        ),
        region=None if profile.departement is None else region_of(profile.departement),
        experience_band=experience_band(profile.years_of_experience),
        offers=tuple(profile.offers),
        languages=tuple((item.language, item.level.value) for item in profile.languages),
        details=details,
    )


def competency_label(framework: Framework, competency_id: str) -> str:
    """The label, or the id itself for a competency the live framework no longer has."""
    try:
        return framework.competency(competency_id).label
    except KeyError:
        return competency_id


def occupation_label(framework: Framework, occupation_id: str | None) -> str | None:
    if occupation_id is None:
        return None
    try:
        return framework.occupation(occupation_id).label
    except KeyError:
        return None
