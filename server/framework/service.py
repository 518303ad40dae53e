"""The live framework (shipped data + staff additions), title normalisation and the review queue."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from matching.framework import Framework, load_framework
from matching.normaliser import Normaliser, TitleMatch
from matching.text import strip_noise
from server.actor import Actor
from server.audit.service import record
from server.db import utcnow
from server.framework import repository
from server.jobs.outbox import enqueue
from server.kit.errors import ErrorCode, Forbidden, NotFound, ValidationFailed
from server.kit.pagination import Page, PageRequest, SortField, SortKey, paginate
from server.models.framework import FrameworkAlias, ReviewItem, ReviewState

LOW_CONFIDENCE = 0.75
MAX_EXAMPLES = 5
REVIEW_SORT = SortKey(
    fields=(
        SortField(ReviewItem.seen_count, int, descending=True),
        SortField(ReviewItem.id, uuid.UUID),
    )
)


@dataclass
class _Cached:
    revision: tuple[int, str]
    normaliser: Normaliser


_cache: dict[str, _Cached] = {}
SESSION_KEY = "passerelle.live_normaliser"


def review_key(title: str) -> str:
    """The cleaned form that groups noisy variants of one title in the review queue."""
    words, _ = strip_noise(title)
    return " ".join(word for word in words if word.isalnum())[:300]


async def live_normaliser(session: AsyncSession) -> Normaliser:
    """The normaliser of the shipped framework plus staff aliases; rebuilt only when they change.

    Checked once per session: a request reads through one session, and a page that needs the
    framework in several services asks the database once. An alias added in the session drops it.
    """
    known: Normaliser | None = session.info.get(SESSION_KEY)
    if known is not None:
        return known
    normaliser = await _current_normaliser(session)
    session.info[SESSION_KEY] = normaliser
    return normaliser


async def _current_normaliser(session: AsyncSession) -> Normaliser:
    revision = await repository.alias_revision(session)
    cached = _cache.get("live")
    if cached is not None and cached.revision == revision:
        return cached.normaliser
    # the one-off CPU work runs in a thread, so the event loop keeps answering (e.g. /readyz at start)
    framework = await asyncio.to_thread(load_framework)
    if revision[0]:
        aliases = await repository.all_aliases(session)
        by_occupation: dict[str, list[str]] = {}
        others: list[str] = []
        for alias in aliases:
            if alias.occupation_id is None:
                others.append(alias.alias)
            else:
                by_occupation.setdefault(alias.occupation_id, []).append(alias.alias)
        framework = framework.with_extra_aliases(by_occupation, others, version_suffix=f"+r{revision[0]}")
    normaliser = await asyncio.to_thread(Normaliser, framework)
    _cache["live"] = _Cached(revision=revision, normaliser=normaliser)
    return normaliser


async def live_framework(session: AsyncSession) -> Framework:
    return (await live_normaliser(session)).framework


def needs_review(match: TitleMatch) -> bool:
    return match.status in ("unknown", "ambiguous") or (
        match.status == "matched" and match.confidence < LOW_CONFIDENCE
    )


async def normalise_title(
    session: AsyncSession, title: str, *, source: str, source_id: uuid.UUID | None
) -> TitleMatch:
    """Normalise a title people saved; titles the engine is unsure about go to the review queue."""
    match = (await live_normaliser(session)).normalise(title)
    if needs_review(match):
        await _observe(session, title, match, source)
    return match


async def _observe(session: AsyncSession, title: str, match: TitleMatch, source: str) -> None:
    key = review_key(title)
    if not key:
        return
    await repository.ensure_review_item(session, key, title, match.status)
    item = await repository.review_item_by_key(session, key)
    if item is None:  # ensured just above in this transaction; kept for the type checker
        return
    item.seen_count += 1
    if source == "posting":
        item.posting_count += 1
    else:
        item.profile_count += 1
    item.last_status = match.status
    item.last_confidence = match.confidence
    item.suggested_occupation_id = (
        match.occupation.id
        if match.occupation is not None
        else match.alternatives[0].occupation.id
        if match.alternatives
        else None
    )
    item.last_seen_at = utcnow()
    if title not in item.examples and len(item.examples) < MAX_EXAMPLES:
        item.examples = [*item.examples, title[:300]]


async def review_queue(
    session: AsyncSession, actor: Actor, page: PageRequest, *, state: ReviewState | None
) -> Page[ReviewItem]:
    if not actor.is_staff:
        raise Forbidden()
    return await paginate(
        session,
        repository.review_query(state),
        sort=REVIEW_SORT,
        page=page,
        key_of=lambda item: (item.seen_count, item.id),
    )


async def resolve_review_item(
    session: AsyncSession,
    actor: Actor,
    item_id: uuid.UUID,
    *,
    occupation_id: str | None,
    other_profession: bool,
) -> ReviewItem:
    """Attach a title to an occupation (it becomes an alias) or mark it as another profession.

    The framework version increases, and a job re-normalises the postings and profiles concerned.
    """
    if not actor.is_staff:
        raise Forbidden()
    item = await repository.get_review_item(session, item_id)
    if item is None:
        raise NotFound("L'entrée de la file de revue")
    if (occupation_id is None) == (not other_profession):
        raise ValidationFailed.single(
            "occupationId",
            "Choisissez soit un métier du référentiel, soit « autre métier ».",
            ErrorCode.CHOICE_REQUIRED,
        )
    framework = await live_framework(session)
    if occupation_id is not None:
        try:
            framework.occupation(occupation_id)
        except KeyError:
            raise ValidationFailed.single(
                "occupationId",
                f"Métier inconnu du référentiel : « {occupation_id} ».",
                ErrorCode.UNKNOWN_OCCUPATION,
            ) from None
    if item.state is not ReviewState.PENDING:
        raise ValidationFailed.single("id", "Cette entrée a déjà été traitée.", ErrorCode.ALREADY_RESOLVED)
    if await repository.get_alias(session, item.key) is None:
        session.add(FrameworkAlias(alias=item.key, occupation_id=occupation_id, created_by_id=actor.user_id))
        session.info.pop(SESSION_KEY, None)
    item.state = ReviewState.ATTACHED if occupation_id else ReviewState.OTHER_PROFESSION
    item.resolved_occupation_id = occupation_id
    item.resolved_by_id = actor.user_id
    item.resolved_at = utcnow()
    record(
        session,
        actor,
        "framework.alias_add",
        entity_type="framework",
        entity_id=item.key,
        changes={
            "alias": item.key,
            "occupation_id": occupation_id,
            "other_profession": other_profession,
            "base_version": framework.version,
        },
    )
    await enqueue(
        session, "renormalise_titles", {"key": item.key}, dedup_key=f"renormalise:{item.key}:{item.id}"
    )
    return item


async def dismiss_review_item(session: AsyncSession, actor: Actor, item_id: uuid.UUID) -> ReviewItem:
    if not actor.is_staff:
        raise Forbidden()
    item = await repository.get_review_item(session, item_id)
    if item is None:
        raise NotFound("L'entrée de la file de revue")
    if item.state is not ReviewState.PENDING:
        raise ValidationFailed.single("id", "Cette entrée a déjà été traitée.", ErrorCode.ALREADY_RESOLVED)
    item.state = ReviewState.DISMISSED
    item.resolved_by_id = actor.user_id
    item.resolved_at = utcnow()
    record(session, actor, "framework.review_dismiss", entity_type="framework", entity_id=item.key)
    return item
