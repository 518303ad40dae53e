"""Re-normalise members' saved titles after staff taught the framework a new alias."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from matching import Normaliser
from server.framework.service import LOW_CONFIDENCE, review_key
from server.jobs.match_requests import member_changed
from server.members import repository


async def renormalise_member_titles(session: AsyncSession, normaliser: Normaliser, key: str) -> int:
    """Titles (headlines, experiences) whose review key is `key` get the new result.

    Returns how many profiles changed. Only titles the engine was unsure about reached the review
    queue, so only those are read.
    """
    changed = 0
    for profile in await repository.profiles_with_uncertain_titles(session, LOW_CONFIDENCE):
        touched = False
        if profile.headline_title is not None and review_key(profile.headline_title) == key:
            match = normaliser.normalise(profile.headline_title)
            occupation = match.occupation
            profile.headline_occupation_id = None if occupation is None else occupation.id
            profile.headline_confidence = match.confidence
            profile.headline_match_status = match.status
            touched = True
        for item in profile.experiences:
            if review_key(item.title) == key:
                match = normaliser.normalise(item.title)
                item.occupation_id = None if match.occupation is None else match.occupation.id
                item.confidence = match.confidence
                item.match_status = match.status
                touched = True
        if touched:
            changed += 1
            await member_changed(session, profile.user_id)
    return changed
