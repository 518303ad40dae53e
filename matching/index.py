"""The alias index: every known title as tokens, an inverted index and token weights.

Built once from a Framework. Lookups touch only the aliases sharing a token with the query,
so the expensive scorer never sees the thousands of aliases a brute-force search would.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from matching.framework import EXTRA_OTHER_ID, Framework, Occupation, OtherProfession
from matching.text import MODIFIERS, SECTOR_WORDS, TokenMapper, masculine_forms, strip_noise

Target = Occupation | OtherProfession
_MODIFIER_WEIGHT = 1.5


@dataclass(frozen=True, slots=True)
class Alias:
    tokens: tuple[str, ...]
    text: str
    target: int  # position in AliasIndex.targets
    weight: float  # sum of the token weights


class AliasIndex:
    """Aliases of the occupations (targets first) and of the other professions."""

    def __init__(self, framework: Framework) -> None:
        self.occupations: tuple[Occupation, ...] = framework.occupations
        self.targets: tuple[Target, ...] = (*framework.occupations, *framework.other_professions)
        self.occupation_count = len(framework.occupations)
        plain = TokenMapper(framework.feminine_forms)
        raw: list[tuple[tuple[str, ...], int]] = []
        for position, target in enumerate(self.targets):
            names = (target.label, *target.aliases)
            if isinstance(target, Occupation):
                names = (*names, target.label_en)
            for name in names:
                tokens = plain.tokens(strip_noise(name)[0])
                if tokens:
                    raw.append((tokens, position))
        # Feminine and plural words kept by the lexicon (« réalité virtuelle ») are folded onto
        # their masculine form when the lexicon has it, so « assistante virtuelle » finds it too.
        words = {t for tokens, _ in raw for t in tokens}
        canonical: dict[str, str] = {}
        for word in words:
            forms = [m for m in masculine_forms(word) if m in words] if len(word) > 3 else []
            if forms:
                canonical[word] = max(forms, key=len)  # the smallest change: « aires » → « aire »
        for word, form in canonical.items():
            while form in canonical:  # « assistantes » → « assistante » → « assistant »
                form = canonical[form]
            canonical[word] = form
        self.canonical = canonical
        by_key: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for tokens, position in raw:
            by_key[tuple(dict.fromkeys(canonical.get(t, t) for t in tokens))].add(position)
        entries: list[tuple[tuple[str, ...], int]] = []
        for tokens, positions in by_key.items():
            staff = {p for p in positions if self.targets[p].id == EXTRA_OTHER_ID}
            ours = {p for p in positions if p < self.occupation_count}
            # A title that names one of our occupations is never rejected as another profession,
            # unless staff said so through the review queue.
            for position in sorted(staff or ours or positions):
                entries.append((tokens, position))
        document_frequency: dict[str, int] = defaultdict(int)
        for tokens in by_key:
            for token in tokens:
                document_frequency[token] += 1
        count = len(by_key)
        self.weights: dict[str, float] = {
            token: min(_MODIFIER_WEIGHT, math.log(1 + count / df))
            if token in MODIFIERS
            else math.log(1 + count / df)
            for token, df in document_frequency.items()
        }
        our_words = {t for tokens, target in entries if target < self.occupation_count for t in tokens}
        # Words only other professions use (« locatif », « dentaire »), sectors aside.
        self.foreign: frozenset[str] = frozenset(
            t for t in document_frequency if t not in our_words and t not in SECTOR_WORDS
        )
        self.aliases: tuple[Alias, ...] = tuple(
            Alias(tokens, " ".join(tokens), target, sum(self.weights[t] for t in tokens))
            for tokens, target in entries
        )
        self.alias_weights: tuple[float, ...] = tuple(a.weight for a in self.aliases)
        postings: dict[str, list[int]] = defaultdict(list)
        exact: dict[frozenset[str], list[int]] = defaultdict(list)
        for number, alias in enumerate(self.aliases):
            for token in alias.tokens:
                postings[token].append(number)
            exact[frozenset(alias.tokens)].append(number)
        self.postings: dict[str, tuple[int, ...]] = {t: tuple(p) for t, p in postings.items()}
        self.exact: dict[frozenset[str], tuple[int, ...]] = {k: tuple(v) for k, v in exact.items()}
        self._vocabulary = sorted(self.weights)
        self._by_shape: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in self._vocabulary:
            self._by_shape[(word[0], len(word))].append(word)
        self.mapper = TokenMapper(
            {**framework.feminine_forms, **self.canonical}, self._vocabulary, self.correct
        )

    def correct(self, word: str, variants: tuple[str, ...]) -> str | None:
        """The lexicon word one typo away (two for long words) from the word or a variant.

        Only words with the same first letter and a close length are compared (slips on the
        first letter are rare); ties go to the more common word.
        """
        if len(word) < 5 or not word.isalpha():
            return None
        best: tuple[int, float, str] | None = None
        for variant in variants:
            if len(variant) < 5:
                continue
            limit = 1 if len(variant) < 8 else 2
            choices = [
                w
                for size in range(len(variant) - limit, len(variant) + limit + 1)
                for w in self._by_shape.get((variant[0], size), ())
            ]
            for found, distance, _ in process.extract(
                variant, choices, scorer=OSA.distance, score_cutoff=limit, limit=3
            ):
                key = (int(distance), self.weights[found], str(found))
                if best is None or key < best:
                    best = key
        return None if best is None else best[2]

    def all_alias_texts(self) -> list[str]:
        """Every alias as written in the lexicon (for the brute-force baseline)."""
        return [a for t in self.targets for a in (t.label, *t.aliases)]
