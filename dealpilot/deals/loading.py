"""A deal with everything it holds, in a fixed number of queries: the deal with its account,
owner and team (one join), then each of its nine lists (one query each, `Prefetch`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from dealpilot.deals import models as m
from dealpilot.deals.rowkinds import ALL


def prefetches() -> list[Prefetch | str]:
    # select_related() without names would join every foreign key (the deal again, per row)
    return [Prefetch(kind.related, queryset=kind.model.objects.select_related(*kind.select_related))
            if kind.select_related else kind.related for kind in ALL]


def with_lists(queryset: QuerySet[m.Opportunity] | None = None) -> QuerySet[m.Opportunity]:
    """`queryset` (all deals by default) with the account, owner and team joined and the lists prefetched."""
    qs = m.Opportunity.objects.all() if queryset is None else queryset
    return qs.select_related("account", "owner", "team").prefetch_related(*prefetches())


def link_people(opp: m.Opportunity) -> None:
    """Point every stakeholder reference at the deal's own (prefetched) person, so a page
    naming people costs no query per name."""
    people = {p.pk: p for p in opp.stakeholders.all()}
    for kind in ALL:
        for name in kind.people:
            attname = kind.model._meta.get_field(name).attname
            for row in getattr(opp, kind.related).all():
                _point(row, name, people, getattr(row, attname))
    _point(opp, "budget_applicant", people, opp.budget_applicant_id)
    _point(opp, "budget_approver", people, opp.budget_approver_id)


def _point(row: Any, name: str, people: dict[Any, m.DealStakeholder], pk: Any) -> None:
    person = people.get(pk)
    if person is not None or pk is None:  # a reference to someone not on the deal is left to the ORM
        setattr(row, name, person)
