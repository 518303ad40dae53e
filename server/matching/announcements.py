"""What members and partners hear of a matching job: in-app notifications and live updates.

Every match the engine proposes (score ≥ 40, a posting's best 200) is stored and readable in
`myMatches`, with its explanation. Hearing of each one would be noise for the member and cost a
notification row and a live update per candidate, so (README, "What a member is told"):

- a member is notified of a new match only when it is worth their attention: score ≥
  GOOD_SCORE, the engine's "good" band (matching/scoring/weights.py); partial ones wait in the list;
- one notification per member and job, grouping that job's worthy matches ("3 nouvelles
  opportunités vous correspondent", the best one named); a job carries the postings published
  together, so a burst of postings does not bury a member under notifications;
- live updates follow the same rule: one per member and kind of change, counting its matches;
  a partner still gets one per posting and kind, counting every candidate.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from matching.scoring.weights import GOOD_SCORE
from server.notifications.service import NewNotification


@dataclass(frozen=True)
class MatchEvent:
    member_id: uuid.UUID
    partner_id: uuid.UUID
    posting_id: uuid.UUID
    event: str  # "new", "updated", "expired"
    score: float


def worth_telling(event: MatchEvent) -> bool:
    """Whether the member hears of this change: a new match only from the "good" band up."""
    return event.event != "new" or event.score >= GOOD_SCORE


def _by_member(events: Iterable[MatchEvent]) -> dict[tuple[uuid.UUID, str], list[MatchEvent]]:
    """The events each member hears of, per kind, best score first."""
    grouped: dict[tuple[uuid.UUID, str], list[MatchEvent]] = defaultdict(list)
    for event in events:
        if worth_telling(event):
            grouped[(event.member_id, event.event)].append(event)
    for found in grouped.values():
        found.sort(key=lambda event: (-event.score, str(event.posting_id)))
    return grouped


def member_notifications(events: Iterable[MatchEvent], titles: dict[uuid.UUID, str]) -> list[NewNotification]:
    """One notification per member for the job's new matches worth it, naming the best one.

    Its dedup key is the best posting's, as when one match made one notification: a re-run of the
    job finds the matches stored and notifies no one again.
    """
    notifications = []
    for (member_id, kind), found in _by_member(events).items():
        if kind != "new":
            continue
        best = found[0]
        title = titles.get(best.posting_id, "annonce")
        if len(found) == 1:
            heading = f"Nouvelle opportunité : {title}"
            body = (
                f"Correspondance de {round(best.score)} / 100 avec votre profil : "
                "consultez l'explication et dites si elle vous intéresse."
            )
        else:
            heading = f"{len(found)} nouvelles opportunités vous correspondent"
            body = (
                f"La meilleure : « {title} », correspondance de {round(best.score)} / 100. "
                "Retrouvez-les toutes dans vos opportunités, avec leurs explications."
            )
        notifications.append(
            NewNotification(
                user_id=member_id,
                kind="match_new",
                title=heading,
                body=body,
                dedup_key=f"match:{best.posting_id}",
                subject_type="posting",
                subject_id=str(best.posting_id),
            )
        )
    return notifications


def live_updates(events: Iterable[MatchEvent]) -> list[tuple[str, dict[str, Any]]]:
    """A member gets one update per kind of change (count, best score, best posting); a partner one
    per posting and kind, counting its candidates (a posting may bring hundreds)."""
    events = list(events)
    updates: list[tuple[str, dict[str, Any]]] = [
        (
            f"user:{member_id}",
            {
                "postingId": str(found[0].posting_id),
                "event": kind,
                "score": found[0].score,
                "count": len(found),
            },
        )
        for (member_id, kind), found in _by_member(events).items()
    ]
    summaries: dict[tuple[uuid.UUID, uuid.UUID, str], list[float]] = defaultdict(list)
    for event in events:
        summaries[(event.partner_id, event.posting_id, event.event)].append(event.score)
    updates += [
        (
            f"partner:{partner_id}",
            {"postingId": str(posting_id), "event": kind, "score": max(scores), "count": len(scores)},
        )
        for (partner_id, posting_id, kind), scores in summaries.items()
    ]
    return updates
