from __future__ import annotations

import datetime as dt

import pytest

from dealpilot.engine.contact import later_contact, raised_access


@pytest.mark.parametrize("current,kind,recent,expected", [
    ("none", "visit", 1, "met"), ("none", "email", 1, "indirect"), ("indirect", "call", 1, "met"),
    ("met", "message", 1, "met"), ("regular", "email", 1, "regular"), ("regular", "visit", 1, "regular"),
    ("met", "meeting", 3, "regular"), ("none", "message", 5, "indirect"),
])
def test_access_rises_with_contact_and_is_never_lowered(current, kind, recent, expected):
    assert raised_access(current, kind, recent) == expected


def test_last_contact_only_moves_forward():
    assert later_contact(None, dt.date(2026, 11, 1)) == dt.date(2026, 11, 1)
    assert later_contact(dt.date(2026, 11, 5), dt.date(2026, 11, 1)) == dt.date(2026, 11, 5)
    assert later_contact(dt.date(2026, 11, 5), dt.date(2026, 11, 9)) == dt.date(2026, 11, 9)


def test_direct_contacts_count_only_direct_kinds_inside_the_window() -> None:
    import datetime as dt

    from dealpilot.engine.contact import REGULAR_WINDOW_DAYS, direct_recent

    day = dt.date(2026, 10, 31)
    inside, edge = day - dt.timedelta(days=10), day - dt.timedelta(days=REGULAR_WINDOW_DAYS)
    outside, later = edge - dt.timedelta(days=1), day + dt.timedelta(days=1)
    assert direct_recent("call", day, [inside, edge, outside, later]) == 3
    assert direct_recent("email", day, [inside, edge]) == 0
