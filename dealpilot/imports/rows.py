"""One row of the file → the values it will write, or its problems, column by column.

Pure: no database. Who an owner or team is, and whether the user may import that deal, is
decided in `plan` with the database; here only the cell values are read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dealpilot.engine.limits import NAME_MAX
from dealpilot.engine.playbook import get_playbook
from dealpilot.imports import values as v
from dealpilot.imports.mapping import REQUIRED, Mapping
from dealpilot.imports.problems import Problem, noop

BUDGET = ("unknown", "none", "planned", "requested", "approved", "allocated")
ROLES = ("decider", "fund_approver", "approver", "influencer", "user", "technical_evaluator", "coach",
         "gatekeeper", "initiator")
TEXT_MAX = 200  # account, deal and contact names: the database's column width


@dataclass
class Row:
    number: int
    account: str = ""
    name: str = ""
    external_id: str = ""
    amount: Decimal | None = None
    currency: str = "CNY"
    stage: str = "lead"
    close_date: dt.date | None = None
    owner: str = ""
    team: str = ""
    budget_status: str = "unknown"
    budget_amount: Decimal | None = None
    competitors: list[str] = field(default_factory=list)
    next_step: str = ""
    next_step_date: dt.date | None = None
    contact_name: str = ""
    contact_title: str = ""
    contact_role: str = ""
    industry: str = ""
    city: str = ""
    given: set[str] = field(default_factory=set)  # the fields the file (or a constant) fills


class Reader:
    """Reads records with one mapping; the value tables are keyed once, not per cell."""

    def __init__(self, mapping: Mapping, stages: dict[str, str] | None = None) -> None:
        """`stages`: the stage ids a file may name, each with the names it may be written as
        (keyed with `values.key`, below the user's own table); by default the default playbook's."""
        self.mapping = mapping
        self.tables = mapping.tables()
        if stages is None:
            stages = {sid: sid for sid in get_playbook().stage_ids()}
        self.stages = set(stages.values())
        self.tables["stage"] = {**stages, **self.tables["stage"]}
        heading = mapping.columns.get("budget_amount", "")
        self.units = {"amount": Decimal(mapping.amount_unit),
                      "budget_amount": v.WAN if "万" in heading else Decimal(mapping.amount_unit)}
        self.sources = [(name, heading) for name, heading in mapping.columns.items()]

    def read(self, number: int, record: dict[str, Any]) -> tuple[Row, list[Problem]]:
        row, problems = Row(number), []
        cells: dict[str, tuple[str, Any]] = {n: (f'"{c}"', c) for n, c in self.mapping.constants.items()}
        for name, heading in self.sources:
            cell = record.get(heading)
            if cell is not None and (cell.strip() if type(cell) is str else v.text(cell)) != "":
                cells[name] = (heading, cell)
        for name, (column, cell) in cells.items():
            try:
                _FILL[name](self, row, cell)
            except ValueError as exc:
                problems.append(Problem(number, column, str(exc), value=_quote(cell)))
                continue
            row.given.add(name)
        for name in REQUIRED:
            if not getattr(row, name):
                problems.append(Problem(number, self.mapping.columns.get(name, ""), _EMPTY[name]))
        return row, problems

    def table(self, name: str, cell: Any) -> str:
        raw = v.text(cell)
        return self.tables[name].get(v.key(raw), raw)


_EMPTY = {"account": noop("The account is empty."), "name": noop("The deal name is empty.")}


def _quote(cell: Any) -> str:
    text = v.text(cell)
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


def _name(limit: int = TEXT_MAX) -> Callable[[Reader, Row, Any], str]:
    def read(r: Reader, row: Row, cell: Any) -> str:
        text = v.text(cell)
        if "\x00" in text:
            raise ValueError(noop("contains a NUL character"))
        if len(text) > limit:
            raise ValueError(noop("is too long"))
        return text
    return read


def _choice(name: str, allowed: tuple[str, ...], message: str) -> Callable[[Reader, Row, Any], str]:
    def read(r: Reader, row: Row, cell: Any) -> str:
        value = r.table(name, cell)
        if value not in allowed:
            raise ValueError(message)
        return value
    return read


def _stage(r: Reader, row: Row, cell: Any) -> str:
    value = r.table("stage", cell)
    if value not in r.stages:
        raise ValueError(noop("is not a stage we know; add it to the stage table"))
    return value


def _set(attr: str, read: Callable[[Reader, Row, Any], Any]) -> Callable[[Reader, Row, Any], None]:
    def fill(r: Reader, row: Row, cell: Any) -> None:
        setattr(row, attr, read(r, row, cell))
    return fill


def _amount(attr: str) -> Callable[[Reader, Row, Any], None]:
    def fill(r: Reader, row: Row, cell: Any) -> None:
        value, currency = v.amount(cell, r.units[attr])
        setattr(row, attr, value)
        if currency and "currency" not in row.given:
            row.currency = currency
    return fill


def _currency(r: Reader, row: Row, cell: Any) -> str:
    code = r.table("currency", cell).upper()
    if len(code) != 3 or not code.isalpha() or not code.isascii():
        raise ValueError(noop("is not a currency (write a code like CNY or USD)"))
    return code


def _date(r: Reader, row: Row, cell: Any) -> dt.date | None:
    return v.date(cell)


_FILL: dict[str, Callable[[Reader, Row, Any], None]] = {
    "external_id": _set("external_id", _name(100)),
    "account": _set("account", _name()),
    "name": _set("name", _name()),
    "amount": _amount("amount"),
    "currency": _set("currency", _currency),
    "stage": _set("stage", _stage),
    "close_date": _set("close_date", _date),
    "owner": _set("owner", lambda r, row, cell: r.table("owner", cell)),
    "team": _set("team", lambda r, row, cell: r.table("team", cell)),
    "budget_status": _set("budget_status", _choice("budget_status", BUDGET, noop("is not a budget status"))),
    "budget_amount": _amount("budget_amount"),
    "competitors": _set("competitors", lambda r, row, cell: v.items(cell)[:20]),
    "next_step": _set("next_step", _name(2000)),
    "next_step_date": _set("next_step_date", _date),
    "contact_name": _set("contact_name", _name(NAME_MAX)),
    "contact_title": _set("contact_title", _name(500)),
    "contact_role": _set("contact_role", _choice("contact_role", ROLES, noop("is not a buying role"))),
    "industry": _set("industry", _name(100)),
    "city": _set("city", _name(100)),
}
