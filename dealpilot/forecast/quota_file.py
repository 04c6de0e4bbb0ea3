"""Quotas from a spreadsheet (CSV in any common encoding, XLSX, XLS), read with the import's
reader: one row per rep or team and period. Every row is checked before anything is written;
problems name the row and column, in the reader's language (the import's `Problem`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from dealpilot.accounts.models import display_name
from dealpilot.forecast import periods
from dealpilot.imports import values
from dealpilot.imports.problems import Problem, ReadError, noop
from dealpilot.imports.reading import open_table

# Column headings each field is found by (compared without case, spaces or punctuation).
HEADINGS = {
    "period": ("period", "quarter", "month", "周期", "期间", "季度", "月份"),
    "rep": ("rep", "user", "username", "owner", "salesrep", "销售", "销售代表", "负责人", "用户名", "姓名"),
    "team": ("team", "团队", "部门"),
    "amount": ("quota", "amount", "target", "配额", "指标", "销售指标", "目标", "金额"),
}


@dataclass
class QuotaRow:
    period: str
    amount: Decimal
    user_id: int | None = None
    team_id: int | None = None


@dataclass
class QuotaFile:
    rows: list[QuotaRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # fields without a column


def _columns(headers: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, names in HEADINGS.items():
        wanted = {values.key(n) for n in names}
        for heading in headers:
            if name not in found and values.key(heading.replace("万元", "").replace("万", "")) in wanted:
                found[name] = heading
    return found


def read_quotas(path: str | Path, filename: str, default_period: str, users: Any, teams: Any) -> QuotaFile:
    """The file's quota rows for the given users (by login or name) and teams (by name). A row
    without a period is for `default_period`. ReadError when the file cannot be read at all."""
    table = open_table(path, filename)
    columns = _columns(table.headers)
    out = QuotaFile(missing=[n for n in ("amount",) if n not in columns])
    if "rep" not in columns and "team" not in columns:
        out.missing.append("rep")
    if out.missing:
        return out
    unit = values.WAN if "万" in columns["amount"] else Decimal(1)
    by_login = {u.username.lower(): u.pk for u in users}
    by_name = {display_name(u): u.pk for u in users}
    by_team = {t.name: t.pk for t in teams}
    seen: dict[tuple[str, str, int], int] = {}
    for number, record in table.records():
        row = _row(number, record, columns, unit, default_period, (by_login, by_name, by_team), out.problems)
        if row is None:
            continue
        who = ("user", row.user_id) if row.user_id else ("team", row.team_id)
        key = (row.period, who[0], who[1] or 0)
        if key in seen:
            out.problems.append(Problem(number, "", noop("The same quota is also on row %(row)s."),
                                        {"row": seen[key]}))
            continue
        seen[key] = number
        out.rows.append(row)
    return out


def _row(number: int, record: dict[str, Any], columns: dict[str, str], unit: Decimal, default_period: str,
         lookups: tuple[dict[str, int], dict[str, int], dict[str, int]], problems: list[Problem]) -> QuotaRow | None:
    by_login, by_name, by_team = lookups
    cells = {name: values.text(record.get(heading)) for name, heading in columns.items()}
    if not any(cells.values()):
        return None  # a blank line
    before = len(problems)
    period = cells.get("period") or default_period
    try:
        period = periods.parse(period.upper()).key
    except ValueError:
        problems.append(Problem(number, columns.get("period", ""), noop("is not a period such as 2026-Q4 or 2026-11"),
                                value=f"“{period}”"))
    try:
        amount, _currency = values.amount(record.get(columns["amount"]), unit)
    except ValueError as exc:
        problems.append(Problem(number, columns["amount"], str(exc), value=f"“{cells['amount']}”"))
        amount = None
    else:
        if amount is None:
            problems.append(Problem(number, columns["amount"], noop("The quota is empty.")))
    rep, team = cells.get("rep", ""), cells.get("team", "")
    user_id = by_login.get(rep.lower()) or by_name.get(rep) if rep else None
    team_id = by_team.get(team) if team else None
    if rep and team:
        problems.append(Problem(number, "", noop("A quota is for a rep or for a team, not both.")))
    elif rep and user_id is None:
        problems.append(Problem(number, columns["rep"], noop("is not an active user"), value=f"“{rep}”"))
    elif team and team_id is None:
        problems.append(Problem(number, columns["team"], noop("is not a team"), value=f"“{team}”"))
    elif not rep and not team:
        problems.append(Problem(number, "", noop("The row names neither a rep nor a team.")))
    if len(problems) > before or amount is None:
        return None
    return QuotaRow(period, amount, user_id=user_id, team_id=team_id if not user_id else None)


__all__ = ["QuotaFile", "QuotaRow", "ReadError", "read_quotas"]
