"""Close periods by name: this month, this quarter, next quarter."""

from __future__ import annotations

import datetime as dt


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def period(name: str, today: dt.date) -> tuple[dt.date, dt.date]:
    if name == "this_month":
        return today.replace(day=1), _month_end(today.year, today.month)
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = dt.date(today.year, first_month, 1)
    if name == "next_quarter":
        start = dt.date(today.year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)
    if name in ("this_quarter", "next_quarter"):
        end_month = start.month + 2
        return start, _month_end(start.year, end_month)
    raise ValueError(name)
