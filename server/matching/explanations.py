"""Explanations are written when a match is read, from the profiles as they are now.

A matching job stores the trace (the figures: `matches.trace`); the French prose is only written for
the matches someone actually reads, a page at a time, so publishing stays cheap at high rates. Every
change of a profile or a posting re-runs its matching, so what is read agrees with the stored score.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from matching.scoring import Explanation, explain
from server.framework.service import live_framework
from server.matching import repository

logger = logging.getLogger(__name__)

Reading = tuple[uuid.UUID, uuid.UUID, bool]  # (posting, member, anonymised)


async def explanations_for_readings(
    session: AsyncSession, readings: Sequence[Reading]
) -> dict[Reading, Explanation]:
    """Explanations of many pairs in a fixed number of queries (a page of opportunities or candidates).

    A pair is absent from the result when its member's profile was erased or its posting can no
    longer be evaluated by the engine. `anonymised`: written for a partner reading an anonymised
    candidate (bands only, as on their card). A page mixing anonymised and revealed candidates
    reads its profiles once for both.
    """
    members = await repository.member_inputs_by_ids(session, list({member for _, member, _ in readings}))
    postings = await repository.posting_inputs_by_ids(session, list({posting for posting, _, _ in readings}))
    framework = await live_framework(session)
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
