"""Report periods: a month (2026-10), a quarter (2026-Q3), a year (2026) or custom dates.

One parser serves GraphQL, the command line and the monthly job, so "2026-Q3" means the same
everywhere and appears the same in every report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from matching.bands import MONTHS
from server.kit.errors import ErrorCode, ValidationFailed

MAX_DAYS = 366 * 5
FIELD = "period"
FORMS = "AAAA-MM (mois), AAAA-Tn ou AAAA-Qn (trimestre), AAAA (année) ou AAAA-MM-JJ..AAAA-MM-JJ"

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[QT]([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: date  # first day
    end: date  # last day, inclusive

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, time(), tzinfo=UTC)

    @property
    def ends_before(self) -> datetime:
        """The first instant after the period (timestamps are compared with `<`)."""
        return datetime.combine(self.end + timedelta(days=1), time(), tzinfo=UTC)

    def months(self) -> list[str]:
        """Every "YYYY-MM" the period touches, in order: the rows of the monthly trend."""
        keys = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            keys.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return keys


def month_label(key: str) -> str:
    """ "2026-10" → "octobre 2026"."""
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def _month_end(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def _invalid(value: str) -> ValidationFailed:
    return ValidationFailed.single(
        FIELD,
        f"Période « {value[:40]} » non reconnue ; formes acceptées : {FORMS}.",
        ErrorCode.INVALID_PERIOD,
    )


def parse_period(raw: str) -> Period:
    """Parse a period key; every refusal names the accepted forms (field "period")."""
    value = raw.strip()
    try:
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                raise _invalid(value)
            key = f"{year:04d}-{month:02d}"
            return Period(key, month_label(key), date(year, month, 1), _month_end(year, month))
        if match := _QUARTER.match(value):
            year, quarter = int(match[1]), int(match[2])
            first = 3 * quarter - 2
            ordinal = "1er" if quarter == 1 else f"{quarter}e"
            return Period(
                f"{year:04d}-Q{quarter}",
                f"{ordinal} trimestre {year}",
                date(year, first, 1),
                _month_end(year, first + 2),
            )
        if match := _YEAR.match(value):
            year = int(match[1])
            return Period(f"{year:04d}", f"année {year}", date(year, 1, 1), date(year, 12, 31))
        if match := _RANGE.match(value):
            start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
        else:
            raise _invalid(value)
    except ValueError as error:  # a day or month that does not exist (2026-02-30, year 0)
        raise _invalid(value) from error
    if end < start:
        raise ValidationFailed.single(
            FIELD, "La date de fin doit suivre la date de début.", ErrorCode.DATES_INCOHERENT
        )
    if (end - start).days >= MAX_DAYS:
        raise ValidationFailed.single(
            FIELD, "Une période couvre cinq ans au plus.", ErrorCode.PERIOD_TOO_LONG
        )
    label = f"du {start.strftime('%d/%m/%Y')} au {end.strftime('%d/%m/%Y')}"
    return Period(f"{start.isoformat()}..{end.isoformat()}", label, start, end)


def previous_month(key: str) -> str:
    """ "2026-11" → "2026-10": the monthly job reports on the month that just ended."""
    first = parse_period(key).start
    before = first - timedelta(days=1)
    return f"{before.year:04d}-{before.month:02d}"
