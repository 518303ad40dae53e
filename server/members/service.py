"""Member profiles: sign-up, editing, visibility (consent), staff listing, the partner's view."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession

from matching import Framework, TitleMatch
from server.accounts import mails as account_mails
from server.accounts import repository as accounts_repository
from server.accounts import service as accounts
from server.accounts.recovery import send_verification
from server.accounts.secrets import check_password_strength, hash_password
from server.actor import Actor
from server.audit.service import record
from server.db import utcnow
from server.framework.service import live_framework, normalise_title
from server.jobs.match_requests import member_changed
from server.kit.errors import ErrorCode, Forbidden, IssueCollector, NotFound
from server.kit.pagination import Page, PageRequest, SortField, SortKey, paginate
from server.kit.places import apply_commune
from server.kit.validation import bounded_text, normalise_email
from server.members import repository
from server.members.validation import CleanExperience, ProfileFields, clean_profile_fields
from server.models.accounts import User, UserRole
from server.models.members import (
    ConsentRecord,
    MemberExperience,
    MemberProfile,
    ProfessionalStatus,
    Visibility,
)
from server.settings import Settings

PROFILE_NOT_FOUND = "Le profil de membre"
MEMBER_SORT = SortKey(
    fields=(
        SortField(MemberProfile.created_at, datetime.fromisoformat, descending=True),
        SortField(MemberProfile.user_id, uuid.UUID),
    )
)
# The same order for a text search, written so that no index can give it. Walking the members
# newest first (ix_member_profiles_created_at_user) until 20 match stops early for a common name,
# but a rare one (a surname held by three members) walked all 100,000: 0.3–0.4 s. Unable to walk,
# PostgreSQL reads the matches from the trigram indexes and sorts them (a few ms for a few, ~20 ms
# for 2,500).
MEMBER_SEARCH_SORT = SortKey(
    fields=(
        SortField(
            func.coalesce(MemberProfile.created_at, MemberProfile.created_at),
            datetime.fromisoformat,
            descending=True,
        ),
        SortField(MemberProfile.user_id, uuid.UUID),
    )
)
# Columns a match depends on; a change to any of them (or to the child lists) re-runs matching.
MATCHING_COLUMNS = (
    "headline_occupation_id",
    "years_of_experience",
    "departement",
    "commune_code",
    "mobility_radius_km",
    "mobility_departements",
    "remote_preference",
    "contract_preferences",
    "working_time_preference",
    "status",
    "available_from",
    "salary_expectation",
    "daily_rate",
    "offers",
)


def _require_member(actor: Actor) -> uuid.UUID:
    if not actor.is_member:
        raise Forbidden("Réservé aux membres (assistant·es).")
    return actor.require_user_id()


def _touch(profile: MemberProfile) -> None:
    """The member did something: the two-year retention clock restarts."""
    profile.last_activity_at = utcnow()


async def ensure_profile(session: AsyncSession, user_id: uuid.UUID, *, source: str) -> MemberProfile:
    """The member's profile, created empty and hidden when first needed (sign-up, access)."""
    profile = await repository.get_profile(session, user_id)
    if profile is not None:
        return profile
    session.add(
        MemberProfile(
            user_id=user_id,
            visibility=Visibility.HIDDEN,
            bio="",
            mobility_departements=[],
            contract_preferences=[],
            offers=[],
            certifications=[],
            other_certifications=[],
        )
    )
    session.add(ConsentRecord(user_id=user_id, visibility=Visibility.HIDDEN, previous=None, source=source))
    await session.flush()
    created = await repository.get_profile(session, user_id)
    assert created is not None  # flushed just above  # noqa: S101
    return created


async def sign_up(
    session: AsyncSession,
    settings: Settings,
    *,
    email: str,
    password: str,
    full_name: str,
) -> None:
    """Self sign-up of an assistant: the same answer whether or not the address is taken.

    A new address gets a member account (hidden, empty profile, unverified: never matched until the
    e-mailed link is followed) and a verification e-mail; a taken one gets no second account, and its
    owner an e-mail saying so. Both paths hash the password and queue one e-mail, so they take as long.
    """
    issues = IssueCollector()
    normalised = normalise_email(email, issues)
    name = bounded_text(full_name, issues, field="fullName", label="Nom", min_length=2, max_length=120)
    check_password_strength(password, normalised, issues, full_name=full_name)
    issues.raise_if_any()
    password_hash = hash_password(password)
    existing = await accounts_repository.get_user_by_email(session, normalised)
    if existing is not None:
        await account_mails.sign_up_existing(session, settings, existing)
        return
    user = User(email=normalised, full_name=name or "", role=UserRole.MEMBER, password_hash=password_hash)
    session.add(user)
    await session.flush()
    await ensure_profile(session, user.id, source="sign_up")
    record(
        session,
        accounts.actor_for(user),
        "member.sign_up",
        entity_type="user",
        entity_id=user.id,
        subject_user_id=user.id,
    )
    await send_verification(session, settings, user)


async def my_profile(session: AsyncSession, actor: Actor) -> MemberProfile:
    """The caller's own profile (created for invited members on their first visit)."""
    user_id = _require_member(actor)
    profile = await ensure_profile(session, user_id, source="first_access")
    _touch(profile)
    return profile


async def visible_profile(session: AsyncSession, actor: Actor, user_id: uuid.UUID) -> MemberProfile:
    """Staff read any profile; a member only their own; anyone else is told it does not exist."""
    if not (actor.is_staff or (actor.is_member and actor.user_id == user_id)):
        raise NotFound(PROFILE_NOT_FOUND)
    profile = await repository.get_profile(session, user_id)
    if profile is None:
        raise NotFound(PROFILE_NOT_FOUND)
    return profile


def _matching_state(profile: MemberProfile) -> dict[str, Any]:
    state: dict[str, Any] = {column: getattr(profile, column) for column in MATCHING_COLUMNS}
    state["visibility"] = profile.visibility
    state["experiences"] = sorted(
        (item.occupation_id or "", item.start_month, item.end_month or date.max)
        for item in profile.experiences
    )
    state["competencies"] = sorted((item.competency_id, item.level) for item in profile.competencies)
    state["languages"] = sorted((item.language, item.level.value) for item in profile.languages)
    return state


async def _normalised(session: AsyncSession, title: str, user_id: uuid.UUID) -> tuple[str | None, float, str]:
    match: TitleMatch = await normalise_title(session, title, source="profile", source_id=user_id)
    occupation = match.occupation
    return (None if occupation is None else occupation.id), match.confidence, match.status


async def _replace_experiences(
    session: AsyncSession, profile: MemberProfile, items: list[CleanExperience]
) -> None:
    """Replace the list; a title already normalised keeps its result (no second review entry)."""
    known = {
        item.title: (item.occupation_id, item.confidence, item.match_status) for item in profile.experiences
    }
    profile.experiences.clear()
    await session.flush()
    for item in items:
        occupation_id, confidence, status = known.get(item.title) or await _normalised(
            session, item.title, profile.user_id
        )
        profile.experiences.append(
            MemberExperience(
                user_id=profile.user_id,
                title=item.title,
                occupation_id=occupation_id,
                confidence=confidence,
                match_status=status,
                employer=item.employer,
                sector=item.sector,
                start_month=item.start_month,
                end_month=item.end_month,
            )
        )


async def _set_headline(session: AsyncSession, profile: MemberProfile, title: object) -> None:
    if title == profile.headline_title:
        return
    profile.headline_title = title if isinstance(title, str) else None
    if profile.headline_title is None:
        profile.headline_occupation_id = profile.headline_confidence = None
        profile.headline_match_status = None
        return
    occupation_id, confidence, status = await _normalised(session, profile.headline_title, profile.user_id)
    profile.headline_occupation_id = occupation_id
    profile.headline_confidence = confidence
    profile.headline_match_status = status


async def update_my_profile(
    session: AsyncSession, actor: Actor, fields: ProfileFields, *, today: date
) -> MemberProfile:
    """Apply the provided fields (all rules checked first); titles are normalised on save."""
    user_id = _require_member(actor)
    profile = await ensure_profile(session, user_id, source="first_access")
    framework = await live_framework(session)
    issues = IssueCollector()
    clean = clean_profile_fields(
        fields,
        issues,
        known_competencies=frozenset(c.id for c in framework.competencies),
        today=today,
    )
    state = {key: getattr(profile, key) for key in ("postal_code", "commune", "commune_code", "departement")}
    state.update(clean.values)
    apply_commune(clean.values, state, issues)
    number = clean.values.get("membership_number")
    if isinstance(number, str) and not any(i.field == "membershipNumber" for i in issues.issues):
        owner = await repository.profile_by_membership_number(session, number)
        if owner is not None and owner.user_id != user_id:
            issues.add(
                "membershipNumber",
                "Ce numéro d'adhérent·e est déjà utilisé.",
                ErrorCode.MEMBERSHIP_NUMBER_TAKEN,
            )
    issues.raise_if_any()
    before = _matching_state(profile)
    changed = sorted(key for key, value in clean.values.items() if getattr(profile, key) != value)
    for key, value in clean.values.items():
        if key == "headline_title":
            await _set_headline(session, profile, value)
        else:
            setattr(profile, key, value)
    if clean.experiences is not None:
        await _replace_experiences(session, profile, clean.experiences)
        changed.append("experiences")
    if clean.competencies is not None:
        await repository.replace_competencies(
            session, profile, {item.competency_id: item.level for item in clean.competencies}
        )
        changed.append("competencies")
    if clean.languages is not None:
        await repository.replace_languages(session, profile, dict(clean.languages))
        changed.append("languages")
    _touch(profile)
    await session.flush()
    profile = await repository.reload_profile(session, user_id)
    if _matching_state(profile) != before and profile.visibility is not Visibility.HIDDEN:
        await member_changed(session, user_id)
    record(
        session,
        actor,
        "member.profile_update",
        entity_type="member_profile",
        entity_id=user_id,
        changes={"fields": changed},
        subject_user_id=user_id,
    )
    return profile


async def set_visibility(session: AsyncSession, actor: Actor, visibility: Visibility) -> MemberProfile:
    """Record the member's consent choice with its date; matching follows (same transaction)."""
    user_id = _require_member(actor)
    profile = await ensure_profile(session, user_id, source="first_access")
    _touch(profile)
    if profile.visibility is visibility:
        return profile
    previous = profile.visibility
    profile.visibility = visibility
    session.add(ConsentRecord(user_id=user_id, visibility=visibility, previous=previous, source="member"))
    await member_changed(session, user_id)
    record(
        session,
        actor,
        "member.visibility",
        entity_type="member_profile",
        entity_id=user_id,
        changes={"visibility": {"from": previous.value, "to": visibility.value}},
        subject_user_id=user_id,
    )
    return profile


async def consent_history(session: AsyncSession, actor: Actor, user_id: uuid.UUID) -> list[ConsentRecord]:
    await visible_profile(session, actor, user_id)
    return await repository.consent_log(session, user_id)


@dataclass(frozen=True)
class SuggestedCompetency:
    competency_id: str
    label: str
    typical_level: int
    occupation_ids: tuple[str, ...]


def suggested_competencies(profile: MemberProfile, framework: Framework) -> list[SuggestedCompetency]:
    """Typical competencies of the occupations of the member's titles, not yet in the profile.

    Ordered by how many of those occupations expect it, then by the highest typical level.
    """
    occupation_ids = list(
        dict.fromkeys([profile.headline_occupation_id, *(item.occupation_id for item in profile.experiences)])
    )
    owned = {item.competency_id for item in profile.competencies}
    found: dict[str, tuple[int, list[str]]] = {}
    for occupation_id in occupation_ids:
        if occupation_id is None:
            continue
        try:
            occupation = framework.occupation(occupation_id)
        except KeyError:
            continue
        for expected in occupation.competencies:
            if expected.competency_id in owned:
                continue
            level, sources = found.get(expected.competency_id, (0, []))
            found[expected.competency_id] = (max(level, expected.level), [*sources, occupation_id])
    ranked = sorted(found.items(), key=lambda item: (-len(item[1][1]), -item[1][0], item[0]))
    return [
        SuggestedCompetency(
            competency_id=competency_id,
            label=framework.competency(competency_id).label,
            typical_level=level,
            occupation_ids=tuple(sources),
        )
        for competency_id, (level, sources) in ranked
    ]


async def list_members(
    session: AsyncSession,
    actor: Actor,
    page: PageRequest,
    *,
    occupation_ids: list[str] | None = None,
    departements: list[str] | None = None,
    statuses: list[ProfessionalStatus] | None = None,
    visibilities: list[Visibility] | None = None,
    search: str | None = None,
    with_children: bool = True,
) -> Page[MemberProfile]:
    """Federation staff only: the directory of members, newest first (children: see members_query)."""
    if not actor.is_staff:
        raise Forbidden("Réservé à l'équipe de la fédération.")
    query = repository.members_query(
        occupation_ids=occupation_ids,
        departements=departements,
        statuses=statuses,
        visibilities=visibilities,
        search=search,
        with_children=with_children,
    )
    return await paginate(
        session,
        query,
        sort=MEMBER_SEARCH_SORT if search else MEMBER_SORT,
        page=page,
        key_of=lambda profile: (profile.created_at.isoformat(), profile.user_id),
        count_in_scan=bool(search),  # MEMBER_SEARCH_SORT: every match is read and sorted anyway
    )
