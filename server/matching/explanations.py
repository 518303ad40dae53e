"""Explanations are written when a match is read, from the profiles as they are now.

A matching job stores the trace (the figures: `matches.trace`); the French prose is only written for
the matches someone actually reads, a page at a time, so publishing stays cheap at high rates. Every
change of a profile or a posting re-runs its matching, so what is read agrees with the stored score.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from matching import Framework
from matching.scoring import Explanation, MemberProfile, PostingCriteria, explain
from server.framework.service import live_framework
from server.matching import repository

logger = logging.getLogger(__name__)

Reading = tuple[uuid.UUID, uuid.UUID, bool]  # (posting, member, anonymised)


@dataclass
class KnownInputs:
    """The engine's inputs a request has already read (a page of candidates): not read a second time."""

    members: dict[uuid.UUID, MemberProfile] = field(default_factory=dict)
    postings: dict[uuid.UUID, PostingCriteria] = field(default_factory=dict)
    framework: Framework | None = None


async def explanations_for_readings(
    session: AsyncSession, readings: Sequence[Reading], known: KnownInputs | None = None
) -> dict[Reading, Explanation]:
    """Explanations of many pairs in a fixed number of queries (a page of opportunities or candidates).

    A pair is absent from the result when its member's profile was erased or its posting can no
    longer be evaluated by the engine. `anonymised`: written for a partner reading an anonymised
    candidate (bands only, as on their card). A page mixing anonymised and revealed candidates
    reads its profiles once for both; what `known` holds is not read at all.
    """
    known = known or KnownInputs()
    members, postings = dict(known.members), dict(known.postings)
    if missing_members := list({member for _, member, _ in readings} - members.keys()):
        members.update(await repository.member_inputs_by_ids(session, missing_members))
    if missing_postings := list({posting for posting, _, _ in readings} - postings.keys()):
        postings.update(await repository.posting_inputs_by_ids(session, missing_postings))
    framework = known.framework or await live_framework(session)
    found: dict[Reading, Explanation] = {}
    for posting_id, member_id, anonymised in readings:
        member, posting = members.get(member_id), postings.get(posting_id)
        if member is None or posting is None:
            continue
        try:
            found[(posting_id, member_id, anonymised)] = explain(
                member, posting, framework, anonymised=anonymised
            )
        except ValueError:
            logger.exception("match of posting %s not explained: ids unknown to the framework", posting_id)
    return found
