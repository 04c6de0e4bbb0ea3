"""Amounts and dates as Chinese and Western CRM exports write them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dealpilot.imports import values as v


@pytest.mark.parametrize(("cell", "unit", "expected"), [
    ("¥1,200,000", 1, ("1200000.00", "CNY")),
    ("１２０万", 1, ("1200000.00", "")),
    ("120", 10_000, ("1200000.00", "")),
    ("12.5万元", 1, ("125000.00", "")),
    ("￥ 3,000.50", 1, ("3000.50", "CNY")),
    ("USD 5000", 1, ("5000.00", "USD")),
    (1200000.0, 1, ("1200000.00", "")),
    (120, 10_000, ("1200000.00", "")),
])
def test_amounts(cell: object, unit: int, expected: tuple[str, str]) -> None:
    value, currency = v.amount(cell, Decimal(unit))
    assert (str(value), currency) == expected


@pytest.mark.parametrize("cell", ["about 5", "1e400", "-5", "12万3"])
def test_bad_amounts_are_refused(cell: str) -> None:
    with pytest.raises(ValueError):
        v.amount(cell)


@pytest.mark.parametrize(("cell", "expected"), [
    ("2026/3/4", dt.date(2026, 3, 4)), ("2026-03-04", dt.date(2026, 3, 4)),
    ("2026年3月4日", dt.date(2026, 3, 4)), ("２０２６年３月４日", dt.date(2026, 3, 4)),
    (46085, dt.date(2026, 3, 4)), ("46085", dt.date(2026, 3, 4)), ("3/4/2026", dt.date(2026, 3, 4)),
    (dt.datetime(2026, 3, 4, 9, 30), dt.date(2026, 3, 4)), ("2026-03-04 00:00:00", dt.date(2026, 3, 4)),
    ("", None),
])
def test_dates(cell: object, expected: dt.date | None) -> None:
    assert v.date(cell) == expected


@pytest.mark.parametrize("cell", ["2026/13/45", "next week", "2026年2月30日"])
def test_bad_dates_are_refused(cell: str) -> None:
    with pytest.raises(ValueError):
        v.date(cell)


def test_lists_in_one_cell() -> None:
    assert v.items("用友、金蝶; SAP") == ["用友", "金蝶", "SAP"]
