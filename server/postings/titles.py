"""Re-normalise saved role titles after staff taught the framework a new alias (review queue)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from matching.normaliser import Normaliser
from server.actor import SYSTEM
from server.audit.service import record
from server.framework.service import review_key
from server.jobs import match_requests
from server.models.postings import NormalisationStatus, PostingStatus
from server.postings import repository


async def renormalise_posting_titles(session: AsyncSession, normaliser: Normaliser, key: str) -> int:
    """Roles whose title has review key `key` take the new decision; returns how many changed."""
    changed = 0
    for posting in await repository.roles_to_renormalise(session):
        if review_key(posting.title) != key:
            continue
        match = normaliser.normalise(posting.title)
        occupation = match.occupation
        new_id = None if occupation is None else occupation.id
        status = NormalisationStatus(match.status)
        if (new_id, status) == (posting.occupation_id, posting.normalisation_status):
            continue
        record(
            session,
            SYSTEM,
            "posting.renormalise",
            entity_type="posting",
            entity_id=posting.id,
            changes={
                "occupation_id": {"from": posting.occupation_id, "to": new_id},
                "framework_version": normaliser.framework.version,
            },
        )
        posting.occupation_id = new_id
        posting.rome_code = None if occupation is None else occupation.rome_code
        posting.normalisation_status = status
        posting.normalisation_confidence = match.confidence
        if posting.status is PostingStatus.OPEN:
            await match_requests.posting_changed(session, posting.id)
        changed += 1
    return changed
