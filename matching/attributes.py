"""What a title says besides the occupation: seniority, languages, contract, time, place, sector.

The cleaner removes these words before matching (they never change the occupation) and keeps them
here so that a posting can be pre-filled from its title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MultilingualLevel = Literal["bilingue", "trilingue"]


@dataclass(frozen=True, slots=True)
class TitleAttributes:
    seniority: str | None = None
    languages: tuple[str, ...] = ()
    multilingual: MultilingualLevel | None = None
    contract_type: str | None = None
    working_time: str | None = None
    place_hint: str | None = None
    sector_hint: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "seniority": self.seniority,
            "languages": list(self.languages),
            "multilingual": self.multilingual,
            "contract_type": self.contract_type,
            "working_time": self.working_time,
            "place_hint": self.place_hint,
            "sector_hint": self.sector_hint,
        }


NO_ATTRIBUTES = TitleAttributes()
