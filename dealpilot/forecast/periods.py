"""Forecast periods by name: a quarter ("2026-Q4") or a month ("2026-11"), by close date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Period:
    key: str
    start: dt.date
    end: dt.date

    @property
    def closed(self) -> bool:
        return self.end < dt.date.today()


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def parse(key: str) -> Period:
    """A period from its key; ValueError for anything else."""
    if m := _QUARTER.match(key):
        year, q = int(m[1]), int(m[2])
        if not 1900 < year < 3000:
            raise ValueError(key)
        return Period(key, dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
    if m := _MONTH.match(key):
        year, month = int(m[1]), int(m[2])
        if not 1900 < year < 3000:
            raise ValueError(key)
        return Period(key, dt.date(year, month, 1), _month_end(year, month))
    raise ValueError(key)


def quarter_of(day: dt.date) -> Period:
    return parse(f"{day.year}-Q{(day.month - 1) // 3 + 1}")


def month_of(day: dt.date) -> Period:
    return parse(f"{day.year}-{day.month:02d}")


def previous(p: Period) -> Period:
    before = p.start - dt.timedelta(days=1)
    return quarter_of(before) if "Q" in p.key else month_of(before)


def choices(today: dt.date) -> list[Period]:
    """This quarter, the next and the four before; this month and the two around it."""
    q = quarter_of(today)
    quarters = [q]
    for _ in range(4):
        quarters.insert(0, previous(quarters[0]))
    quarters.append(quarter_of(q.end + dt.timedelta(days=1)))
    m = month_of(today)
    months = [previous(m), m, month_of(m.end + dt.timedelta(days=1))]
    return quarters + months
