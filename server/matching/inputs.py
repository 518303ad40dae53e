"""Turn stored profiles and postings into the engine's plain inputs (and nothing protected)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from matching.scoring import MemberProfile, PostingCriteria
from matching.scoring.inputs import ContractType, NeedKind, RemotePreference
from matching.scoring.inputs import WorkingTime as EngineWorkingTime
from server.models.members import MemberCompetency, MemberExperience, MemberLanguage
from server.models.members import MemberProfile as StoredProfile
from server.models.postings import (
    Posting,
    PostingCompetency,
    PostingKind,
    PostingLanguage,
    RemotePolicy,
)
from server.models.postings import WorkingTime as StoredWorkingTime

_WORKING_TIME: dict[StoredWorkingTime, EngineWorkingTime] = {
    StoredWorkingTime.FULL_TIME: "full",
    StoredWorkingTime.PART_TIME: "part",
}


def member_input(
    profile: StoredProfile,
    competencies: Iterable[MemberCompetency],
    languages: Iterable[MemberLanguage],
    experiences: Iterable[MemberExperience],
) -> MemberProfile:
    """The headline occupation first, then those of past titles (most recent first)."""
    occupations = [profile.headline_occupation_id] if profile.headline_occupation_id else []
    for experience in experiences:
        if experience.occupation_id and experience.occupation_id not in occupations:
            occupations.append(experience.occupation_id)
    remote = profile.remote_preference.value if profile.remote_preference else "none"
    return MemberProfile(
        member_id=str(profile.user_id),
        visibility=profile.visibility.value,
        occupation_ids=tuple(occupations),
        competencies={item.competency_id: item.level for item in competencies},
        languages={item.language: item.level.value for item in languages},
        commune=profile.commune_code,
        last_active=profile.last_activity_at.date() if profile.last_activity_at else None,
        departement=profile.departement,
        mobility_departements=frozenset(profile.mobility_departements),
        mobility_radius_km=float(profile.mobility_radius_km or 0),
        remote_preference=cast(RemotePreference, remote),
        accepted_contracts=frozenset(cast(ContractType, c) for c in profile.contract_preferences),
        working_time=(
            _WORKING_TIME[profile.working_time_preference] if profile.working_time_preference else None
        ),
        experience_years=float(profile.years_of_experience or 0),
        salary_expectation=profile.salary_expectation,
        daily_rate=profile.daily_rate,
        available_from=profile.available_from,
        offers=frozenset(cast(NeedKind, offer) for offer in profile.offers),
    )


def loaded_member_input(profile: StoredProfile) -> MemberProfile | None:
    """A profile read with its lists, as the engine sees it; None where the engine refuses its data."""
    try:
        return member_input(profile, profile.competencies, profile.languages, profile.experiences)
    except ValueError:
        return None


def posting_input(
    posting: Posting, competencies: Iterable[PostingCompetency], languages: Iterable[PostingLanguage]
) -> PostingCriteria:
    """A need's budget over its duration gives the daily rate it can pay."""
    asked = list(competencies)
    daily_rate = posting.daily_rate
    if daily_rate is None and posting.budget and posting.duration_days:
        daily_rate = posting.budget // max(1, posting.duration_days)
    return PostingCriteria(
        posting_id=str(posting.id),
        kind="role" if posting.kind is PostingKind.ROLE else "need",
        need_kind=posting.need_kind.value if posting.need_kind else None,
        occupation_id=posting.occupation_id,
        required_competencies={c.competency_id: c.level for c in asked if c.required},
        nice_competencies={c.competency_id: c.level for c in asked if not c.required},
        must_have=frozenset(c.competency_id for c in asked if c.required and c.must_have),
        languages={language.code: language.level.value for language in languages},
        commune=posting.commune_code if posting.remote_policy is not RemotePolicy.FULL else None,
        published=posting.published_at.date() if posting.published_at else None,
        departement=posting.departement,
        full_remote=posting.remote_policy is RemotePolicy.FULL,
        remote_days=posting.remote_days or 0,
        contract_type=posting.contract_type.value if posting.contract_type else None,
        working_time=_WORKING_TIME[posting.working_time] if posting.working_time else None,
        min_experience_years=float(posting.min_experience_years or 0),
        salary_min=posting.salary_min,
        salary_max=posting.salary_max,
        daily_rate_max=daily_rate,
        start_date=posting.start_date,
    )
