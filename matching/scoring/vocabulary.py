"""Framework ids as array positions, and the occupation similarity both scorers share."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

from matching.framework import Competency, Framework, Occupation


def occupation_similarity(framework: Framework) -> MappingProxyType[tuple[str, str], float]:
    """Similarity of two distinct occupations, made symmetric (the framework lists each side).

    When both sides list each other with different values, the higher one wins: a relation stated
    by either occupation is enough for a member to be proposed.
    """
    sims: dict[tuple[str, str], float] = {}
    for occupation in framework.occupations:
        for rel in occupation.related:
            for pair in ((occupation.id, rel.occupation_id), (rel.occupation_id, occupation.id)):
                sims[pair] = max(sims.get(pair, 0.0), rel.similarity)
    return MappingProxyType(sims)


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Positions of competencies and occupations, fixed per framework version."""

    checksum: str
    competencies: MappingProxyType[str, int]
    occupations: MappingProxyType[str, int]
    similarity: npt.NDArray[np.float32]  # occupations × occupations, 1 on the diagonal

    @classmethod
    def of(cls, framework: Framework) -> Vocabulary:
        occupations = {o.id: i for i, o in enumerate(framework.occupations)}
        matrix = np.eye(len(occupations), dtype=np.float32)
        for (a, b), sim in occupation_similarity(framework).items():
            matrix[occupations[a], occupations[b]] = sim
        matrix.setflags(write=False)
        return cls(
            checksum=framework.checksum,
            competencies=MappingProxyType({c.id: i for i, c in enumerate(framework.competencies)}),
            occupations=MappingProxyType(occupations),
            similarity=matrix,
        )


@dataclass(frozen=True, eq=False)
class Lookups:
    """Framework entries by id, for the per-pair code (reference scorer, explanations)."""

    occupations: MappingProxyType[str, Occupation]
    competencies: MappingProxyType[str, Competency]
    similarity: MappingProxyType[tuple[str, str], float]


_LOOKUPS: dict[str, Lookups] = {}


def lookups(framework: Framework) -> Lookups:
    """Built once per framework version (keyed by checksum: a Framework is not hashable)."""
    if framework.checksum not in _LOOKUPS:
        _LOOKUPS[framework.checksum] = Lookups(
            occupations=MappingProxyType({o.id: o for o in framework.occupations}),
            competencies=MappingProxyType({c.id: c for c in framework.competencies}),
            similarity=occupation_similarity(framework),
        )
    return _LOOKUPS[framework.checksum]
