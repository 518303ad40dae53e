"""The raw baseline's match lists: a member's opportunities and a partner's candidates, explained.

Explanations are prose written by the engine when a match is read (`matching.scoring.explain`), so
the baseline calls the same pure functions: `explain`, the mapping of stored rows to the engine's
inputs (`server.matching.inputs`, given plain records instead of ORM objects) and the label helpers
of the partner view. That is domain work both sides must do; everything around it (SQL, paging,
visibility rules, the audit of each candidate read, JSON) is hand-written here, without ORM,
GraphQL or DataLoader.
"""

from __future__ import annotations

import enum
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any, cast

import asyncpg
import orjson

from matching import Framework
from matching.bands import experience_band
from matching.regions import region_of
from matching.scoring import Explanation, explain
from server.kit.pagination import encode_cursor
from server.matching.inputs import member_input, posting_input
from server.members.partner_view import competency_label, occupation_label
from server.models.members import Visibility
from server.models.postings import CefrLevel, ContractType, NeedKind, PostingKind, RemotePolicy, WorkingTime

MY_MATCHES = """
SELECT m.id, m.score, m.response, m.responded_at, m.posting_id, m.member_user_id,
       p.kind, p.title, p.commune, p.departement, p.featured, p.partner_id, count(*) OVER () AS total
FROM matches m JOIN postings p ON p.id = m.posting_id
WHERE m.member_user_id = $1 AND m.state = 'active' AND p.status = 'open'
ORDER BY p.featured DESC, m.score DESC, m.id LIMIT $2
"""
CANDIDATES = """
SELECT id, score, response, responded_at, member_user_id, posting_id, count(*) OVER () AS total
FROM matches WHERE posting_id = $1 AND state = 'active' ORDER BY score DESC, id LIMIT $2
"""
PARTNER_NAMES = "SELECT id, name FROM partners WHERE id = ANY($1)"
POSTING_OWNER = "SELECT partner_id FROM postings WHERE id = $1"
POSTINGS = "SELECT * FROM postings WHERE id = ANY($1)"
POSTING_COMPETENCIES = "SELECT * FROM posting_competencies WHERE posting_id = ANY($1)"
POSTING_LANGUAGES = "SELECT * FROM posting_languages WHERE posting_id = ANY($1)"
PROFILES = "SELECT * FROM member_profiles WHERE user_id = ANY($1)"
MEMBER_COMPETENCIES = "SELECT * FROM member_competencies WHERE user_id = ANY($1)"
MEMBER_LANGUAGES = "SELECT * FROM member_languages WHERE user_id = ANY($1)"
MEMBER_EXPERIENCES = (
    "SELECT * FROM member_experiences WHERE user_id = ANY($1) ORDER BY user_id, start_month DESC, id"
)
USERS = "SELECT id, full_name, email, is_active FROM users WHERE id = ANY($1)"
AUDIT = """
INSERT INTO audit_log
    (id, at, actor_id, actor_label, action, entity_type, entity_id, subject_user_id, changes)
VALUES ($1, $2, $3, $4, $5, 'member_profile', $6, $7, $8)
"""

_PROFILE_ENUMS: dict[str, type[enum.Enum]] = {
    "visibility": Visibility,
    "remote_preference": RemotePolicy,
    "working_time_preference": WorkingTime,
}
_POSTING_ENUMS: dict[str, type[enum.Enum]] = {
    "kind": PostingKind,
    "need_kind": NeedKind,
    "remote_policy": RemotePolicy,
    "contract_type": ContractType,
    "working_time": WorkingTime,
}
_LEVEL: dict[str, type[enum.Enum]] = {"level": CefrLevel}


class Plain:
    """A record read as attributes, enum columns as the model's enums (what `inputs.py` reads)."""

    def __init__(self, record: asyncpg.Record, enums: dict[str, type[enum.Enum]] | None = None) -> None:
        self.__dict__.update(record.items())
        for name, kind in (enums or {}).items():
            value = self.__dict__[name]
            self.__dict__[name] = None if value is None else kind(value)


def when(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


async def _grouped(
    connection: asyncpg.Connection,
    sql: str,
    ids: list[uuid.UUID],
    key: str,
    enums: dict[str, type[enum.Enum]],
) -> dict[uuid.UUID, list[Any]]:
    found: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for record in await connection.fetch(sql, ids):
        found[record[key]].append(Plain(record, enums))
    return found


async def explanations(
    connection: asyncpg.Connection,
    framework: Framework,
    pairs: list[tuple[uuid.UUID, uuid.UUID, bool]],
    profiles: dict[uuid.UUID, asyncpg.Record] | None = None,
) -> dict[tuple[uuid.UUID, uuid.UUID], Explanation]:
    """(posting, member, anonymised) → the engine's explanation, from the profiles as they are now."""
    member_ids = list({member for _, member, _ in pairs})
    posting_ids = list({posting for posting, _, _ in pairs})
    if profiles is None:
        profiles = {r["user_id"]: r for r in await connection.fetch(PROFILES, member_ids)}
    competencies = await _grouped(connection, MEMBER_COMPETENCIES, member_ids, "user_id", {})
    languages = await _grouped(connection, MEMBER_LANGUAGES, member_ids, "user_id", _LEVEL)
    experiences = await _grouped(connection, MEMBER_EXPERIENCES, member_ids, "user_id", {})
    members = {}
    for user_id, record in profiles.items():
        try:
            members[user_id] = member_input(
                cast(Any, Plain(record, _PROFILE_ENUMS)),
                competencies[user_id],
                languages[user_id],
                experiences[user_id],
            )
        except ValueError:
            continue
    asked = await _grouped(connection, POSTING_COMPETENCIES, posting_ids, "posting_id", {})
    spoken = await _grouped(connection, POSTING_LANGUAGES, posting_ids, "posting_id", _LEVEL)
    postings = {}
    for record in await connection.fetch(POSTINGS, posting_ids):
        try:
            postings[record["id"]] = posting_input(
                cast(Any, Plain(record, _POSTING_ENUMS)), asked[record["id"]], spoken[record["id"]]
            )
        except ValueError:
            continue
    found = {}
    for posting_id, member_id, anonymised in pairs:
        member, posting = members.get(member_id), postings.get(posting_id)
        if member is None or posting is None:
            continue
        try:
            found[(posting_id, member_id)] = explain(member, posting, framework, anonymised=anonymised)
        except ValueError:
            continue
    return found


def explanation_json(explanation: Explanation | None, *, for_member: bool) -> dict[str, Any] | None:
    if explanation is None:
        return None

    def check(c: Any) -> dict[str, Any]:
        return {
            "competencyId": c.competency_id,
            "label": c.label,
            "askedLevel": c.asked_level,
            "memberLevel": c.member_level,
            "required": c.required,
            "gap": c.gap,
        }

    return {
        "score": explanation.score,
        "engineVersion": explanation.engine_version,
        "eligible": explanation.eligible,
        "exclusions": [
            {"code": e.code.upper(), "message": e.member_message if for_member else e.message}
            for e in explanation.exclusions
        ],
        "factors": [
            {
                "code": f.code.upper(),
                "label": f.label,
                "weight": f.weight,
                "fit": f.fit,
                "points": f.points,
                "sentence": f.member_sentence if for_member else f.sentence,
            }
            for f in explanation.factors
        ],
        "matchedCompetencies": [check(c) for c in explanation.matched],
        "missingCompetencies": [check(c) for c in explanation.missing],
        "sentences": list(explanation.member_sentences if for_member else explanation.sentences),
    }


def _upper(value: str | None) -> str | None:
    return None if value is None else value.upper()


async def my_matches(
    connection: asyncpg.Connection, framework: Framework, member_id: uuid.UUID, page: int
) -> dict[str, Any]:
    """`myMatches(first: page)`: featured postings first, then by score, each explained for the member."""
    rows = (await connection.fetch(MY_MATCHES, member_id, page + 1))[:page]
    names = {
        r["id"]: r["name"]
        for r in await connection.fetch(PARTNER_NAMES, list({row["partner_id"] for row in rows}))
    }
    explained = await explanations(connection, framework, [(r["posting_id"], member_id, False) for r in rows])
    edges = [
        {
            "cursor": encode_cursor([row["featured"], row["score"], row["id"]]),
            "node": {
                "id": str(row["id"]),
                "score": row["score"],
                "response": _upper(row["response"]),
                "respondedAt": when(row["responded_at"]),
                "posting": {
                    "id": str(row["posting_id"]),
                    "kind": row["kind"].upper(),
                    "title": row["title"],
                    "commune": row["commune"],
                    "departement": row["departement"],
                    "featured": row["featured"],
                    "partnerName": names.get(row["partner_id"], ""),
                },
                "explanation": explanation_json(
                    explained.get((row["posting_id"], member_id)), for_member=True
                ),
            },
        }
        for row in rows
    ]
    return {"myMatches": {"totalCount": rows[0]["total"] if rows else 0, "edges": edges}}


async def candidates(
    connection: asyncpg.Connection,
    framework: Framework,
    caller: asyncpg.Record,
    posting_id: uuid.UUID,
    page: int,
) -> dict[str, Any] | None:
    """`matches(postingId, first: page)`: ranked candidates, anonymised unless visible or interested;
    each view (and each contact read) is written to the audit trail in the same transaction."""
    owner = await connection.fetchval(POSTING_OWNER, posting_id)
    if owner is None or (caller["role"] != "federation_admin" and owner != caller["partner_id"]):
        return None
    matches = (await connection.fetch(CANDIDATES, posting_id, page + 1))[:page]
    member_ids = list(dict.fromkeys(m["member_user_id"] for m in matches))
    interested = {m["member_user_id"] for m in matches if m["response"] == "interested"}
    profiles = {r["user_id"]: r for r in await connection.fetch(PROFILES, member_ids)}
    users = {r["id"]: r for r in await connection.fetch(USERS, member_ids)}
    competencies = await _grouped(
        connection, MEMBER_COMPETENCIES + " ORDER BY competency_id", member_ids, "user_id", {}
    )
    languages = await _grouped(connection, MEMBER_LANGUAGES + " ORDER BY language", member_ids, "user_id", {})
    experiences = await _grouped(connection, MEMBER_EXPERIENCES, member_ids, "user_id", {})
    now, audit, nodes = datetime.now(UTC), [], []
    for match in matches:
        member_id = match["member_user_id"]
        profile, user = profiles.get(member_id), users.get(member_id)
        if profile is None or user is None or not user["is_active"] or profile["visibility"] == "hidden":
            continue
        revealed = profile["visibility"] == "visible" or member_id in interested
        changes = {
            "visibility": profile["visibility"],
            "partner_id": _text(caller["partner_id"]),
            "details": revealed,
        }
        audit.append(
            (
                uuid.uuid4(),
                now,
                caller["id"],
                caller["email"],
                "member.partner_view",
                str(member_id),
                member_id,
                orjson.dumps(changes).decode(),
            )
        )
        nodes.append((match, profile, user, revealed))
    explained = await explanations(
        connection, framework, [(posting_id, m["member_user_id"], not r) for m, _, _, r in nodes], profiles
    )
    for match, _, _, _ in nodes:
        if match["member_user_id"] in interested:
            changes = {"posting_id": str(posting_id)}
            audit.append(
                (
                    uuid.uuid4(),
                    now,
                    caller["id"],
                    caller["email"],
                    "member.contact_view",
                    str(match["member_user_id"]),
                    match["member_user_id"],
                    orjson.dumps(changes).decode(),
                )
            )
    await connection.executemany(AUDIT, audit)
    edges = []
    for match, profile, user, revealed in nodes:
        member_id = match["member_user_id"]
        details = None
        if revealed:
            details = {
                "fullName": user["full_name"],
                "headlineTitle": profile["headline_title"],
                "experiences": [
                    {
                        "title": e.title,
                        "startMonth": e.start_month.isoformat(),
                        "endMonth": e.end_month and e.end_month.isoformat(),
                    }
                    for e in experiences[member_id]
                ],
                "certifications": [*profile["certifications"], *profile["other_certifications"]],
            }
        edges.append(
            {
                "cursor": encode_cursor([match["score"], match["id"]]),
                "node": {
                    "id": str(match["id"]),
                    "score": match["score"],
                    "response": _upper(match["response"]),
                    "anonymised": not revealed,
                    "occupationLabel": occupation_label(framework, profile["headline_occupation_id"]),
                    "region": None if profile["departement"] is None else region_of(profile["departement"]),
                    "experienceBand": experience_band(profile["years_of_experience"]),
                    "offers": list(profile["offers"]),
                    "competencies": [
                        {
                            "competencyId": c.competency_id,
                            "label": competency_label(framework, c.competency_id),
                            "level": c.level,
                        }
                        for c in competencies[member_id]
                    ],
                    "languages": [
                        {"code": lang.language, "level": lang.level} for lang in languages[member_id]
                    ],
                    "details": details,
                    "explanation": explanation_json(explained.get((posting_id, member_id)), for_member=False),
                },
            }
        )
    return {"matches": {"totalCount": matches[0]["total"] if matches else 0, "edges": edges}}


def _text(value: object) -> str | None:
    return None if value is None else str(value)
