"""The deal list's query: the deals a user may see, sorted by a column, with just the columns the
list shows (each sort column has an index; see Opportunity.Meta.indexes)."""

from __future__ import annotations

from typing import Any

from django.db.models import F, OrderBy, QuerySet
from django.utils.translation import gettext as _

from dealpilot.deals.models import Opportunity

SORTS = {
    "name": "name", "account": "account__name", "stage": "stage", "amount": "amount",
    "close": "close_date", "score": "score", "flags": "flag_count", "owner": "owner__username",
    "updated": "updated_at",
}
DEFAULT_SORT = "-updated"
COLUMNS = ("name", "stage", "amount", "currency", "close_date", "score", "flag_count", "account__name",
           "owner__username", "owner__first_name", "owner__last_name")


def ordering(sort: str) -> tuple[str, list[OrderBy]]:
    """The sort key actually used (unknown keys fall back to the default) and its ORDER BY."""
    key = sort.lstrip("-")
    if key not in SORTS:
        sort, key = DEFAULT_SORT, DEFAULT_SORT.lstrip("-")
    field = F(SORTS[key])
    first = field.desc(nulls_last=True) if sort.startswith("-") else field.asc(nulls_last=True)
    tie = F("pk").desc() if sort.startswith("-") else F("pk").asc()
    return sort, [first, tie]


def visible_deals(user: Any, sort: str) -> tuple[str, QuerySet[Opportunity]]:
    """The sort used and the deals `user` may see in that order (the rule of `visible_to`), with
    their account and owner."""
    sort, order = ordering(sort)
    # In order: the planner walks the sort column's index and stops after one page (a third of
    # the list's time at 10,000 deals, against the plain rule).
    deals = Opportunity.objects.visible_in_order(user)
    return sort, deals.select_related("account", "owner").only(*COLUMNS).order_by(*order)


def sort_links(sort: str) -> list[dict[str, Any]]:
    """Column headers: label, the sort a click asks for, and the arrow showing the current one."""
    labels = [("account", _("Account")), ("name", _("Deal")), ("stage", _("Stage")), ("amount", _("Amount")),
              ("close", _("Close date")), ("owner", _("Owner")), ("score", _("Score")), ("flags", _("Flags"))]
    out = []
    for key, label in labels:
        arrow = "▲" if sort == key else "▼" if sort == f"-{key}" else ""
        out.append({"key": key, "label": label, "arrow": arrow, "next": f"-{key}" if sort == key else key,
                    "num": key in ("amount", "score", "flags")})
    return out
