"""The deal list's rows: visible deals, sorted, one page at a time, cheaply.

One query per page that walks the sort column's index and tests visibility row by row, so the
database stops after 50 matches instead of joining and sorting a whole team's deals; rows come
back as plain values with their account and owner (no model instances to build).
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from functools import lru_cache, partial
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Case, F, OrderBy, Value, When
from django.utils.safestring import SafeString, mark_safe

from dealpilot.accounts.models import Role, person_name, profile_of, role_of
from dealpilot.deals.models import Opportunity
from dealpilot.deals.models.opportunity import visibility_for
from dealpilot.web.money import score_band

esc = partial(html.escape, quote=True)  # & < > " ' — the same set Django's escape() covers

SORTS = {
    "name": "name", "account": "account__name", "stage": "stage", "amount": "amount",
    "close": "close_date", "score": "score", "flags": "flag_count", "owner": "owner__username",
    "updated": "updated_at",
}
DEFAULT_SORT = "-updated"
COLUMNS = ("pk", "name", "stage", "amount", "currency", "close_date", "score", "flag_count", "account_id",
           "account__name", "owner__username", "owner__first_name", "owner__last_name")


def ordering(sort: str) -> tuple[str, list[OrderBy]]:
    """The sort key actually used (unknown keys fall back to the default) and its ORDER BY."""
    key = sort.lstrip("-")
    if key not in SORTS:
        sort, key = DEFAULT_SORT, DEFAULT_SORT.lstrip("-")
    field = F(SORTS[key])
    first = field.desc(nulls_last=True) if sort.startswith("-") else field.asc(nulls_last=True)
    tie = F("pk").desc() if sort.startswith("-") else F("pk").asc()
    return sort, [first, tie]


# Stand-ins for the user's and team's ids while a query shape is compiled (see _compiled).
_USER, _TEAM = -987_654_301, -987_654_302


@lru_cache(maxsize=256)
def _compiled(vendor: str, shape: str, sort: str, start: int, stop: int) -> tuple[str, tuple[Any, ...]]:
    """SQL of a list query, compiled once per shape (role kind, sort, page window).

    Building and compiling the queryset cost more than running it; the SQL only differs by the
    user's and team's ids, which are compiled as stand-ins and swapped in per request.
    """
    role = {"all": Role.ADMIN, "own": Role.REP, "team": Role.MANAGER}[shape]
    condition = visibility_for(role, _USER, _TEAM)
    qs = Opportunity.objects.all()
    if stop < 0:  # the count
        qs = qs if condition is None else qs.filter(condition)
        sql, params = qs.order_by().values("pk").query.get_compiler(connection=connection).as_sql()
        return f"SELECT COUNT(*) FROM ({sql}) visible_deals", tuple(params)
    if condition is not None:
        # Wrapped in CASE so the planner cannot pick the owner/team indexes and then sort
        # every match; it walks the sort index instead and stops at the page's end.
        qs = qs.alias(visible=Case(When(condition, then=Value(True)), default=Value(False),
                                   output_field=BooleanField())).filter(visible=True)
    _sort, order = ordering(sort)
    sql, params = qs.order_by(*order).values(*COLUMNS)[start:stop].query.get_compiler(
        connection=connection).as_sql()
    return sql, tuple(params)


def _run(sql: str, params: tuple[Any, ...], user_id: int, team_id: int | None) -> tuple[list[str], list[tuple[Any, ...]]]:
    actual = [user_id if p == _USER else team_id if p == _TEAM else p for p in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, actual)
        return [c[0] for c in cursor.description], cursor.fetchall()


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """What the ORM's converters would give: SQLite hands back decimals and dates as raw values."""
    if row["amount"] is not None and not isinstance(row["amount"], Decimal):
        row["amount"] = Decimal(str(row["amount"]))
    if isinstance(row["close_date"], str):
        row["close_date"] = dt.date.fromisoformat(row["close_date"])
    return row


class VisibleDeals:
    """A sliceable, countable view of the deals a user may see, for Django's Paginator."""

    def __init__(self, user: Any, sort: str) -> None:
        self.sort, _order = ordering(sort)
        role = role_of(user)
        profile = profile_of(user)
        self._team = profile.team_id if profile is not None else None
        self._user = getattr(user, "pk", None) or 0
        if role is None:
            self._shape = "none"
        elif role == Role.ADMIN:
            self._shape = "all"
        elif role == Role.MANAGER and self._team is not None:
            self._shape = "team"
        else:
            self._shape = "own"
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            if self._shape == "none":
                self._count = 0
            else:
                sql, params = _compiled(connection.vendor, self._shape, self.sort, 0, -1)
                self._count = int(_run(sql, params, self._user, self._team)[1][0][0])
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        if self._shape == "none" or (window.stop or 0) <= (window.start or 0):
            return []  # an empty window compiles to no SQL at all
        sql, params = _compiled(connection.vendor, self._shape, self.sort, window.start or 0, window.stop or 0)
        names, rows = _run(sql, params, self._user, self._team)
        return [_typed(dict(zip(names, row, strict=True))) for row in rows]


def _url_maker(name: str) -> Any:
    """reverse() once; each row then only fills in its id (reverse per cell costs more than the row)."""
    from django.urls import reverse

    sentinel = 987654321
    head, tail = reverse(name, args=[sentinel]).split(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


def rows_html(rows: list[dict[str, Any]]) -> SafeString:
    """The table body, formatted for the active language.

    Plain f-strings with every value escaped, rather than a template loop or format_html: their
    per-cell cost was most of the page's time at 50 rows. Formats are looked up once per page.
    """
    from dealpilot.deals.models import Stage
    from dealpilot.web.formats import short_date
    from dealpilot.web.money import money_formatter

    stages = {key: str(label) for key, label in Stage.choices}
    money = money_formatter()
    deal_url, account_url = _url_maker("deal_page"), _url_maker("account_page")
    out = []
    for r in rows:
        score, flags = r["score"], r["flag_count"]
        flag_cell = f'<span class="dp-flagcount">⚑ {flags}</span>' if flags else ("0" if flags == 0 else "—")
        close = short_date(r["close_date"]) if r["close_date"] else "—"
        score_text = "—" if score is None else f"{score:.0f}"
        out.append(
            f'<tr><td><a href="{account_url(r["account_id"])}">{esc(r["account__name"])}</a></td>'
            f'<td><a href="{deal_url(r["pk"])}">{esc(r["name"])}</a></td>'
            f'<td>{esc(stages.get(r["stage"], r["stage"]))}</td>'
            f'<td class="num">{esc(money(r["amount"], r["currency"]))}</td><td>{esc(close)}</td>'
            f'<td>{esc(person_name(r["owner__username"], r["owner__first_name"], r["owner__last_name"]))}</td>'
            f'<td class="num"><span class="dp-score dp-band-{score_band(score)}">{score_text}</span></td>'
            f'<td class="num">{flag_cell}</td></tr>')
    return mark_safe("\n".join(out))  # every user value above went through esc()


def sort_links(sort: str) -> list[dict[str, str]]:
    """Column headers: label, the sort a click asks for, and the arrow showing the current one."""
    from django.utils.translation import gettext as _

    labels = [("account", _("Account")), ("name", _("Deal")), ("stage", _("Stage")), ("amount", _("Amount")),
              ("close", _("Close date")), ("owner", _("Owner")), ("score", _("Score")), ("flags", _("Flags"))]
    out = []
    for key, label in labels:
        arrow = "▲" if sort == key else "▼" if sort == f"-{key}" else ""
        out.append({"key": key, "label": label, "arrow": arrow, "next": f"-{key}" if sort == key else key,
                    "num": key in ("amount", "score", "flags")})
    return out
