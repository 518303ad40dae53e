"""Pure domain code: the competency framework and the job-title normaliser."""

from matching.attributes import TitleAttributes
from matching.framework import (
    EXTRA_OTHER_ID,
    Competency,
    CompetencyLevel,
    Domain,
    Framework,
    FrameworkError,
    Occupation,
    OtherProfession,
    RelatedOccupation,
    load_framework,
)
from matching.normaliser import Alternative, Normaliser, TitleMatch, default_normaliser

__all__ = [
    "EXTRA_OTHER_ID",
    "Alternative",
    "Competency",
    "CompetencyLevel",
    "Domain",
    "Framework",
    "FrameworkError",
    "Normaliser",
    "Occupation",
    "OtherProfession",
    "RelatedOccupation",
    "TitleAttributes",
    "TitleMatch",
    "default_normaliser",
    "load_framework",
]
