"""Freshness of evidence: how much an answer's age discounts its credit.

The method says evidence goes stale (a customer's pain changes with the economy), so an answer
older than the playbook's freshness window keeps only part of its credit. The decay is linear
from the end of the window down to a floor at three windows, so a rep sees credit fade rather
than fall off a cliff the day after the window ends.
"""

from __future__ import annotations

import datetime as dt

#: Share of credit that very old evidence keeps: it still says something, but not much.
DECAY_FLOOR = 0.25
#: Undated evidence cannot be shown to be fresh, so it earns a little less than dated evidence.
UNDATED_FACTOR = 0.75


def age_days(day: dt.date | None, as_of: dt.date) -> int | None:
    """Days from `day` to `as_of`; evidence dated in the future counts as today's."""
    if day is None:
        return None
    return max(0, (as_of - day).days)


def decay(age: int | None, window: int) -> float:
    """Credit factor for evidence `age` days old under a freshness `window` of days."""
    if age is None:
        return UNDATED_FACTOR
    if age <= window:
        return 1.0
    over = (age - window) / (2 * window)
    return max(DECAY_FLOOR, 1.0 - (1.0 - DECAY_FLOOR) * over)


def parse_day(value: str) -> dt.date:
    """A YYYY-MM-DD date; ValueError with a readable message otherwise."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)") from None
