"""The deal list's rows: visible deals, sorted, one page at a time, cheaply.

One query per page that walks the sort column's index and tests visibility row by row, so the
database stops after 50 matches instead of joining and sorting a whole team's deals; rows come
back as plain values with their account and owner (no model instances to build).
"""

from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache, partial
from typing import Any

from django.db.models import BooleanField, Case, F, OrderBy, Value, When
from django.utils.safestring import SafeString, mark_safe

from dealpilot.deals.models import Opportunity
from dealpilot.deals.models.opportunity import visibility
from dealpilot.web.money import score_band

esc = partial(html.escape, quote=True)  # & < > " ' — the same set Django's escape() covers

SORTS = {
    "name": "name", "account": "account__name", "stage": "stage", "amount": "amount",
    "close": "close_date", "score": "score", "flags": "flag_count", "owner": "owner__username",
    "updated": "updated_at",
}
DEFAULT_SORT = "-updated"
COLUMNS = ("pk", "name", "stage", "amount", "currency", "close_date", "score", "flag_count", "account_id",
           "account__name", "owner__username")


def ordering(sort: str) -> tuple[str, list[OrderBy]]:
    """The sort key actually used (unknown keys fall back to the default) and its ORDER BY."""
    key = sort.lstrip("-")
    if key not in SORTS:
        sort, key = DEFAULT_SORT, DEFAULT_SORT.lstrip("-")
    field = F(SORTS[key])
    first = field.desc(nulls_last=True) if sort.startswith("-") else field.asc(nulls_last=True)
    tie = F("pk").desc() if sort.startswith("-") else F("pk").asc()
    return sort, [first, tie]


class VisibleDeals:
    """A sliceable, countable view of the deals a user may see, for Django's Paginator."""

    def __init__(self, user: Any, sort: str) -> None:
        self.sort, self._order = ordering(sort)
        self._condition = visibility(user)
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            qs = Opportunity.objects.all()
            self._count = (qs if self._condition is None else qs.filter(self._condition)).count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        qs = Opportunity.objects.all()
        if self._condition is not None:
            # Wrapped in CASE so the planner cannot pick the owner/team indexes and then sort
            # every match; it walks the sort index instead and stops at the page's end.
            qs = qs.alias(visible=Case(When(self._condition, then=Value(True)), default=Value(False),
                                       output_field=BooleanField())).filter(visible=True)
        return list(qs.order_by(*self._order).values(*COLUMNS)[window.start or 0:window.stop or 0])


def _url_maker(name: str) -> Any:
    """reverse() once; each row then only fills in its id (reverse per cell costs more than the row)."""
    from django.urls import reverse

    sentinel = 987654321
    head, tail = reverse(name, args=[sentinel]).split(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


@lru_cache(maxsize=8192)
def format_date(day: dt.date, fmt: str, language: str) -> str:
    """Django's date formatting, memoised per language: few distinct dates, each costly to format."""
    from django.utils.dateformat import format as django_format

    return django_format(day, fmt)


def rows_html(rows: list[dict[str, Any]]) -> SafeString:
    """The table body, formatted for the active language.

    Plain f-strings with every value escaped, rather than a template loop or format_html: their
    per-cell cost was most of the page's time at 50 rows. Formats are looked up once per page.
    """
    from django.utils.formats import get_format
    from django.utils.translation import get_language

    from dealpilot.deals.models import Stage
    from dealpilot.web.money import money_formatter

    stages = {key: str(label) for key, label in Stage.choices}
    date_fmt = get_format("SHORT_DATE_FORMAT")
    language = get_language() or ""
    money = money_formatter()
    deal_url, account_url = _url_maker("deal_page"), _url_maker("account_page")
    out = []
    for r in rows:
        score, flags = r["score"], r["flag_count"]
        flag_cell = f'<span class="dp-flagcount">⚑ {flags}</span>' if flags else ("0" if flags == 0 else "—")
        close = format_date(r["close_date"], date_fmt, language) if r["close_date"] else "—"
        score_text = "—" if score is None else f"{score:.0f}"
        out.append(
            f'<tr><td><a href="{account_url(r["account_id"])}">{esc(r["account__name"])}</a></td>'
            f'<td><a href="{deal_url(r["pk"])}">{esc(r["name"])}</a></td>'
            f'<td>{esc(stages.get(r["stage"], r["stage"]))}</td>'
            f'<td class="num">{esc(money(r["amount"], r["currency"]))}</td><td>{esc(close)}</td>'
            f'<td>{esc(r["owner__username"])}</td>'
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
