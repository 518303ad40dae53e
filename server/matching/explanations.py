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

Key = tuple[uuid.UUID, uuid.UUID, bool]  # (posting, member, anonymised)


async def explanations_for_keys(session: AsyncSession, keys: Sequence[Key]) -> dict[Key, Explanation]:
    """Explanations of many matches in a fixed number of queries (a page of opportunities or candidates).

    A key is absent from the result when its member's profile was erased or its posting can no
    longer be evaluated by the engine. Its flag: written for a partner reading an anonymised
    candidate (bands only, as on their card). A page of candidates mixes both kinds and is explained
    in one batch (one batch per kind read the posting and the framework twice).
    """
    members = await repository.member_inputs_by_ids(session, list({member for _, member, _ in keys}))
    postings = await repository.posting_inputs_by_ids(session, list({posting for posting, _, _ in keys}))
    framework = await live_framework(session)
    found: dict[Key, Explanation] = {}
    for posting_id, member_id, anonymised in keys:
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
