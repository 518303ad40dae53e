"""Job title → occupation of the framework, with a status and a confidence.

Steps: clean the title (`matching.text`), look the cleaned tokens up exactly, else gather the
aliases sharing a token through the inverted index and score only those: weighted token
coverage both ways (rare words such as « dentaire » weigh more than « assistant »), blended with
rapidfuzz's token_sort_ratio. The decision for a cleaned form is cached, so the many spellings of
one title cost one scoring.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import combinations
from typing import Literal

from rapidfuzz import fuzz

from matching.attributes import NO_ATTRIBUTES, TitleAttributes
from matching.framework import Framework, Occupation, OtherProfession, load_framework
from matching.index import AliasIndex
from matching.text import clean_title, fold

Status = Literal["matched", "ambiguous", "out_of_framework", "unknown", "invalid"]

MAX_TITLE_LENGTH = 300
MATCH_THRESHOLD = 0.6  # below: nothing close enough, « unknown »
AMBIGUITY_MARGIN = 0.05  # two occupations closer than this: « ambiguous »
MAX_ALTERNATIVES = 5
_MIN_ALTERNATIVE = 0.25
_UNKNOWN_WORD_WEIGHT = 1.0  # a word the lexicon ignores (a company, a town) weighs little
_FUZZ_SHARE = 0.1
_CACHE_LIMIT = 500_000
_COMMON_POSTINGS = 80  # a word in more aliases than this is not used to find candidates
_MAX_SUBSET = 4
_RESCORED = 10  # candidates rescored with rapidfuzz
# French titles put the job first: « agent administratif hospitalier » is an agent administratif,
# not an agent hospitalier; another profession must lead the title to win on a partial match.
_NOT_LEADING_MALUS = 0.06
_LONE_WORD_FACTOR = 0.85
_NO_HEAD_MALUS = 0.08
_MAX_SUBSET_SOURCE = 10

REASON_EMPTY = "Titre vide : saisissez un intitulé de poste."
REASON_TOO_LONG = f"Titre trop long : {MAX_TITLE_LENGTH} caractères au plus."
REASON_NO_WORD = "Aucun mot de métier reconnu dans ce titre."
REASON_TOO_FAR = "Aucun métier du référentiel ni autre profession connue n'est assez proche."
REASON_LOOKALIKE = "Intitulé d'une autre profession (encadrement de magasin ou de restaurant)."

# Real titles put the job first and add what the lexicon does not know: a sector (« Secrétaire
# après-vente automobile »), a second job (« Assistante de direction et de communication »), a boss
# (« EA to Managing Director »). When the whole title does not match, its leading words may: a prefix
# that is exactly an alias names the job (never a lone frequent word, which is ambiguous).
_PREFIX_EXACT = 0.99
_PREFIX_CONFIDENCE = 0.9
# Qualifiers that say how someone works, not which job: they must not change the occupation
# (« Assistante de direction freelance » is an assistant·e de direction who works freelance).
_QUALIFIERS = frozenset({"independant", "freelance", "trilingue", "bilingue", "multilingue"})
_TELE = "tele"  # « télé- » as a separate word once cleaned
_GENERIC = frozenset(
    {
        "secretaire",
        "agent_administratif",
        "assistant_gestion_administrative",
        "telesecretaire",
        "assistant_virtuel",
    }
)
# « Assistant·e d'agence <bancaire, immobilière, de voyages…> »: the administrative assistant of a branch.
_HEAD_REWRITES = {
    ("assistant", "agence"): ("assistant", "administratif"),
    ("secretaire", "agence"): ("secretaire",),
    # « Assistante du DAF / du DRH »: the assistant of a director is an assistant·e de direction
    ("assistant", "daf"): ("assistant", "direction"),
    ("assistant", "drh"): ("assistant", "direction"),
    ("assistant", "dsi"): ("assistant", "direction"),
    # « Secrétaire BTP / travaux »: the secretary of a building firm is a secrétaire technique
    ("secretaire", "btp"): ("secretaire", "technique"),
    ("secretaire", "travaux"): ("secretaire", "technique"),
}
# « Assistante administrative et commerciale »: the first job of a compound title leads.
_COMPOUND = re.compile(r"\s+(?:et|&)\s+", re.IGNORECASE)
# Heads of other professions that borrow « assistant »: store and restaurant management (« Assistant
# manager »), not « Assistant·e de manager », who assists one.
_LOOKALIKE_HEAD = re.compile(r"^\s*assistante?s?\s+(?:store\s+)?managers?\b")


@dataclass(frozen=True, slots=True)
class Alternative:
    occupation: Occupation
    score: float


@dataclass(frozen=True, slots=True)
class TitleMatch:
    input: str
    status: Status
    occupation: Occupation | None
    confidence: float
    alternatives: tuple[Alternative, ...]
    attributes: TitleAttributes
    other_profession: OtherProfession | None
    reason: str | None

    def to_dict(self) -> dict[str, object]:
        """The `passerelle normalize` JSON contract."""
        occupation = self.occupation
        other = self.other_profession
        return {
            "input": self.input,
            "status": self.status,
            "occupation": None
            if occupation is None
            else {
                "id": occupation.id,
                "label": occupation.label,
                "rome_code": occupation.rome_code,
            },
            "confidence": self.confidence,
            "alternatives": [
                {
                    "id": a.occupation.id,
                    "label": a.occupation.label,
                    "rome_code": a.occupation.rome_code,
                    "score": a.score,
                }
                for a in self.alternatives
            ],
            "attributes": self.attributes.to_dict(),
            "other_profession": None
            if other is None
            else {
                "id": other.id,
                "label": other.label,
                "rome_code": other.rome_code,
            },
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class _Decision:
    """What a cleaned form resolves to; shared by every raw title that cleans to it."""

    status: Status
    occupation: Occupation | None
    confidence: float
    alternatives: tuple[Alternative, ...]
    other_profession: OtherProfession | None
    reason: str | None
    score: float = 0.0  # best raw score, to compare readings of one title
    lookalike: bool = False  # another profession won on words only it uses (« gestion locative »)
    other_tokens: tuple[str, ...] = ()  # the alias of the other profession that won


class Normaliser:
    """Maps titles to occupations of one framework. Thread-safe once built (caches only grow)."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self._index = AliasIndex(framework)
        self._mapper = self._index.mapper
        self._decisions: dict[tuple[str, ...], _Decision] = {}

    def normalise(self, title: str) -> TitleMatch:
        stripped = title.strip()
        if not stripped:
            return _invalid(title, REASON_EMPTY)
        if len(stripped) > MAX_TITLE_LENGTH:
            return _invalid(title, REASON_TOO_LONG)
        clean = clean_title(stripped, self._mapper)
        clean = replace(clean, tokens=self._requalify(clean.tokens), head=self._requalify(clean.head))
        if _LOOKALIKE_HEAD.match(fold(stripped)):
            return TitleMatch(
                title, "out_of_framework", None, 0.9, (), clean.attributes, None, REASON_LOOKALIKE
            )
        if clean.head:
            # « Assistante de direction - cabinet d'avocats »: the first segment names the job
            # unless the whole title reads better (an exact first segment cannot be beaten).
            decision = self._decision(clean.head)
            if decision.status == "unknown" or decision.score < 1.0:
                whole = self._decision(clean.tokens)
                if decision.status == "unknown" or whole.score > decision.score:
                    decision = whole
            if decision.status != "matched":  # « Assistante d'agence de voyages - back-office »
                decision = self._refine(clean.head, decision)
        else:
            decision = self._decision(clean.tokens)
        decision = self._refine(clean.tokens, decision)
        if decision.status != "matched":
            decision = self._first_of_compound(stripped, decision)
        return TitleMatch(
            input=title,
            status=decision.status,
            occupation=decision.occupation,
            confidence=decision.confidence,
            alternatives=decision.alternatives,
            attributes=clean.attributes,
            other_profession=decision.other_profession,
            reason=decision.reason,
        )

    def normalise_batch(self, titles: Sequence[str]) -> list[TitleMatch]:
        """Same as `normalise` on each title, in order (for workers and the CLI)."""
        normalise = self.normalise
        return [normalise(title) for title in titles]

    # --- real titles: qualifiers, sectors, compounds ------------------------------------------

    def _requalify(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """« télé- » joins its word when the lexicon knows the whole (télésecrétaire), else it goes;
        « assistant·e d'agence » is an administrative assistant."""
        weights = self._index.weights
        out: list[str] = []
        skip = False
        for i, word in enumerate(tokens):
            if skip:
                skip = False
                continue
            if word == _TELE and i + 1 < len(tokens):
                joined = _TELE + tokens[i + 1]
                if joined in weights:
                    out.append(joined)
                    skip = True
                continue
            out.append(word)
        rewritten = tuple(out)
        for head, replacement in _HEAD_REWRITES.items():
            if rewritten[: len(head)] == head:
                rewritten = replacement + rewritten[len(head) :]
        return rewritten

    def _refine(self, tokens: tuple[str, ...], decision: _Decision) -> _Decision:
        """Qualifiers must not change the occupation; a leading alias names a job the rest hides."""
        plain = tuple(t for t in tokens if t not in _QUALIFIERS)
        if plain != tokens and plain and decision.occupation is not None:
            without = self._decision(plain)
            # « Assistante de direction freelance » stays an assistant·e de direction; a generic
            # secretarial title worked freelance is the framework's assistant·e virtuel·le
            specialised = without.occupation is not None and without.occupation.id not in _GENERIC
            if decision.occupation.id == "assistant_virtuel" and without.status == "matched" and specialised:
                return without
        if decision.status in ("matched", "ambiguous"):
            return decision
        if decision.status == "out_of_framework":
            other = decision.other_tokens
            if decision.score >= _PREFIX_EXACT or tokens[: len(other)] == other:
                return decision  # another profession leads the title: « Réceptionniste d'hôtel »
        for size in range(len(tokens) - 1, 0, -1):
            prefix = self._decision(tokens[:size])
            # « Assistante de gestion locative » stays another profession: its alias extends our prefix
            extends = decision.lookalike and set(tokens[:size]) <= set(decision.other_tokens)
            if prefix.status == "matched" and prefix.score >= _PREFIX_EXACT and not extends:
                confidence = round(prefix.confidence * _PREFIX_CONFIDENCE, 3)
                return replace(prefix, confidence=confidence)
        return decision

    def _first_of_compound(self, title: str, decision: _Decision) -> _Decision:
        """« X et Y »: when X alone is exactly a job of the framework, the title is that job."""
        parts = _COMPOUND.split(title, maxsplit=1)
        if len(parts) < 2 or not parts[0].strip():
            return decision
        first = clean_title(parts[0], self._mapper)
        tokens = self._requalify(first.tokens)
        if not tokens:
            return decision
        lead = self._decision(tokens)
        if lead.status == "matched" and lead.score >= _PREFIX_EXACT:
            return lead
        return decision

    # --- scoring -------------------------------------------------------------------------------

    def _decision(self, tokens: tuple[str, ...]) -> _Decision:
        # Words the lexicon ignores (a company, a town) only count, so they share one entry.
        weights = self._index.weights
        tokens = tuple(t if t in weights else "" for t in tokens)
        decision = self._decisions.get(tokens)
        if decision is None:
            decision = self._decide(tokens)
            if len(self._decisions) >= _CACHE_LIMIT:
                self._decisions.clear()
            self._decisions[tokens] = decision
        return decision

    def _decide(self, tokens: tuple[str, ...]) -> _Decision:
        index = self._index
        weights = index.weights
        known = [t for t in tokens if t in weights]
        if not known:
            return _Decision("unknown", None, 0.0, (), None, REASON_NO_WORD)
        query_weight = sum(weights.get(t, _UNKNOWN_WORD_WEIGHT) for t in tokens)
        found = self._scores(tokens, known, query_weight)
        if not found:
            return _Decision("unknown", None, 0.0, (), None, REASON_TOO_FAR)
        scores = {target: score for target, (score, _) in found.items()}
        self._reject_lookalike(known, found, scores)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        best_target, best = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        confidence = round(best * (0.5 + 0.5 * min(1.0, (best - runner_up) / 0.15)), 3)
        occupations = [
            (position, score)
            for position, score in ranked
            if position < index.occupation_count and position != best_target
        ]
        alternatives = tuple(
            Alternative(index.occupations[p], round(s, 3))
            for p, s in occupations[:MAX_ALTERNATIVES]
            if s >= _MIN_ALTERNATIVE
        )
        if best < MATCH_THRESHOLD:
            return _Decision("unknown", None, round(best, 3), alternatives, None, REASON_TOO_FAR, best)
        target = index.targets[best_target]
        if isinstance(target, OtherProfession):
            promoted = scores[best_target] != found[best_target][0]
            alias = index.aliases[found[best_target][1]].tokens
            return _Decision(
                "out_of_framework", None, confidence, alternatives, target, None, best, promoted, alias
            )
        close = bool(occupations) and occupations[0][1] >= best - AMBIGUITY_MARGIN
        status: Status = "ambiguous" if close else "matched"
        return _Decision(status, target, confidence, alternatives, None, None, best)

    def _subset_aliases(self, known: list[str]) -> Iterator[int]:
        """Aliases whose words all appear in the query."""
        exact = self._index.exact
        for subset in _subsets(known[:_MAX_SUBSET_SOURCE]):
            yield from exact.get(subset, ())

    def _reject_lookalike(
        self, known: list[str], found: dict[int, tuple[float, int]], scores: dict[int, float]
    ) -> None:
        """« Assistante de gestion locative »: when the words our best alias leaves out are words
        only another profession uses, with the same head word, the title is that profession."""
        index = self._index
        count = index.occupation_count
        ours = max((v for k, v in found.items() if k < count), default=None)
        theirs = max(((v, k) for k, v in found.items() if k >= count), default=None)
        if ours is None or theirs is None:
            return
        (our_score, our_alias), ((their_score, their_alias), their_target) = ours, theirs
        our_tokens = index.aliases[our_alias].tokens
        their_tokens = index.aliases[their_alias].tokens
        left_out = set(known).difference(our_tokens).intersection(index.foreign, their_tokens)
        if left_out and their_tokens[0] == our_tokens[0] and their_score < our_score:
            scores[their_target] = our_score + 0.001

    def _scores(
        self, tokens: tuple[str, ...], known: list[str], query_weight: float
    ) -> dict[int, tuple[float, int]]:
        """Best (score, alias) per target over the aliases sharing a token with the query."""
        index = self._index
        weights = index.weights
        aliases = index.aliases
        exact = index.exact.get(frozenset(known)) if len(known) == len(tokens) else None
        matched: dict[int, float] = {}
        postings = index.postings
        rare = [t for t in known if len(postings[t]) <= _COMMON_POSTINGS]
        if not rare:
            rare = [min(known, key=lambda t: len(postings[t]))]
        for token in rare:
            weight = weights[token]
            for number in postings[token]:
                matched[number] = matched.get(number, 0.0) + weight
        if len(rare) < len(known):
            # Frequent words (« assistant ») are only added to aliases found through rarer
            # ones, or to aliases made of the query's words only (looked up exactly).
            for token in set(known).difference(rare):
                weight = weights[token]
                for number in matched:
                    if token in aliases[number].tokens:
                        matched[number] += weight
            for number in self._subset_aliases(known):
                if number not in matched:
                    matched[number] = aliases[number].weight
        query_text = " ".join(t or "?" for t in tokens)
        best: dict[int, tuple[float, int]] = {}
        rough: list[tuple[float, int]] = []
        alias_weights = index.alias_weights
        our_count = index.occupation_count
        for number, overlap in matched.items():
            precision = overlap / alias_weights[number]
            if precision >= 0.3:
                rough.append((precision * precision * (overlap / query_weight) ** 0.5, number))
        for score, number in heapq.nlargest(_RESCORED, rough):
            alias = aliases[number]
            if exact is not None and number in exact:
                # Same words: the same order breaks a tie (« standardiste réceptionniste »).
                final = 1.0 if alias.tokens == tokens else 0.995
            else:
                similarity = fuzz.token_sort_ratio(query_text, alias.text) / 100
                final = (1 - _FUZZ_SHARE) * score + _FUZZ_SHARE * similarity
                size = len(alias.tokens)
                if size == 1 and len(known) > 1:
                    final *= _LONE_WORD_FACTOR  # « aide », « chef »: too vague to win alone
                if alias.target >= our_count and alias.tokens != tokens[:size]:
                    final -= _NOT_LEADING_MALUS
                if alias.tokens[0] not in tokens:
                    final -= _NO_HEAD_MALUS  # « comptable clients » is no assistant·e comptable
                final = min(0.99, final)
            if final > best.get(alias.target, (0.0, 0))[0]:
                best[alias.target] = (final, number)
        return best


def _subsets(tokens: Sequence[str]) -> Iterator[frozenset[str]]:
    for size in range(1, min(len(tokens), _MAX_SUBSET) + 1):
        for combination in combinations(tokens, size):
            yield frozenset(combination)


def _invalid(title: str, reason: str) -> TitleMatch:
    return TitleMatch(title, "invalid", None, 0.0, (), NO_ATTRIBUTES, None, reason)


@cache
def default_normaliser() -> Normaliser:
    """The normaliser of the packaged framework, built on first use."""
    return Normaliser(load_framework())
