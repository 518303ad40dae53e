"""What a matching job tells members and partners: worthy matches only, grouped per member."""

from __future__ import annotations

import uuid

from matching.scoring.weights import GOOD_SCORE
from server.matching.announcements import MatchEvent, live_updates, member_notifications

PARTNER = uuid.uuid4()
MEMBER = uuid.uuid4()
OTHER = uuid.uuid4()
FIRST, SECOND, THIRD = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
TITLES = {FIRST: "Assistant·e RH", SECOND: "Office manager F/H", THIRD: "Télésecrétaire H/F"}


def _event(member: uuid.UUID, posting: uuid.UUID, score: float, kind: str = "new") -> MatchEvent:
    return MatchEvent(member, PARTNER, posting, kind, score)


def test_a_member_gets_one_notification_for_a_jobs_worthy_matches_naming_the_best() -> None:
    events = [_event(MEMBER, FIRST, 71.0), _event(MEMBER, SECOND, 88.4), _event(MEMBER, THIRD, 52.0)]

    (notification,) = member_notifications(events, TITLES)

    assert notification.user_id == MEMBER
    assert notification.title == "2 nouvelles opportunités vous correspondent"
    assert "« Office manager F/H », correspondance de 88 / 100" in notification.body
    assert (notification.subject_type, notification.subject_id) == ("posting", str(SECOND))
    assert notification.dedup_key == f"match:{SECOND}"


def test_a_single_worthy_match_is_named_in_the_title() -> None:
    (notification,) = member_notifications([_event(MEMBER, FIRST, GOOD_SCORE)], TITLES)

    assert notification.title == "Nouvelle opportunité : Assistant·e RH"
    assert notification.body.startswith("Correspondance de 65 / 100")


def test_partial_matches_and_rescored_ones_notify_no_one() -> None:
    events = [_event(MEMBER, FIRST, GOOD_SCORE - 0.1), _event(OTHER, SECOND, 90.0, "updated")]

    assert member_notifications(events, TITLES) == []


def test_live_updates_one_per_member_and_kind_while_the_partner_counts_every_candidate() -> None:
    events = [
        _event(MEMBER, FIRST, 70.0),
        _event(MEMBER, SECOND, 80.0),
        _event(OTHER, FIRST, 50.0),  # partial: the member is not told, the partner counts it
        _event(OTHER, THIRD, 60.0, "expired"),
    ]

    updates = live_updates(events)

    assert sorted((channel, message["event"], message["count"]) for channel, message in updates) == sorted(
        [
            (f"user:{MEMBER}", "new", 2),
            (f"user:{OTHER}", "expired", 1),
            (f"partner:{PARTNER}", "new", 1),  # SECOND
            (f"partner:{PARTNER}", "new", 2),  # FIRST: both members
            (f"partner:{PARTNER}", "expired", 1),
        ]
    )
    member_update = next(message for channel, message in updates if channel == f"user:{MEMBER}")
    assert member_update == {"postingId": str(SECOND), "event": "new", "score": 80.0, "count": 2}
