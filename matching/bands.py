"""Coarse bands of a member's personal figures: what an anonymised summary may show.

A partner reads an anonymised candidate's card and the explanation of their score; both must say
the same coarse thing (region, experience band, pay band, availability month), never the exact
figure, or the explanation would undo the anonymisation.
"""

from __future__ import annotations

from datetime import date

from matching.regions import region_of

EXPERIENCE_BANDS = ((2, "0 à 2 ans"), (5, "3 à 5 ans"), (10, "6 à 10 ans"), (20, "11 à 20 ans"))
SALARY_BAND_STEP = 5_000  # € gross annual
DAILY_RATE_BAND_STEP = 100  # € per day
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def experience_band(years: float | None) -> str:
    if years is None:
        return "non renseignée"
    for limit, label in EXPERIENCE_BANDS:
        if years <= limit:
            return label
    return "plus de 20 ans"


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def _band(value: float, step: int) -> str:
    low = int(value // step) * step
    return f"entre {_thousands(low)} et {_thousands(low + step)} €"


def salary_band(expectation: float) -> str:
    """43 217 → « entre 40 000 et 45 000 € »."""
    return _band(expectation, SALARY_BAND_STEP)


def daily_rate_band(rate: float) -> str:
    return _band(rate, DAILY_RATE_BAND_STEP)


def availability_month(available: date) -> str:
    """2027-03-17 → « mars 2027 »."""
    return f"{MONTHS[available.month - 1]} {available.year}"


def region_label(departement: str | None) -> str:
    """The member's region as the card shows it, « région non renseignée » without a place."""
    region = None if departement is None else region_of(departement)
    return region or "région non renseignée"


def coarse_fit(fit: float) -> float:
    """A factor's fit to the nearest quarter: an exact fit would give back the exact figure."""
    return round(fit * 4) / 4
