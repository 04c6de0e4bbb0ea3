"""The deal's lists read with SQL compiled once per list, not once per request.

Building and compiling nine querysets (and the prefetch machinery around them) cost about
0.4 ms each, far more than running them: most of the page's database time (see compiled_sql).
Rows come back as model instances with the database's converters applied, filed exactly where
`prefetch_related` would file them, so `opp.pains.all()` and friends cost no query.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from dealpilot.deals import models as m
from dealpilot.deals.compiled_sql import STAND_INS, compiled, field_names, loaded, quick_init, run

LISTS: tuple[tuple[str, type[Any]], ...] = (
    ("stakeholders", m.DealStakeholder), ("decision_steps", m.DecisionStep), ("competitors", m.Competitor),
    ("milestones", m.Milestone), ("pains", m.Pain), ("value_items", m.ValueItem), ("plan_steps", m.PlanStep),
    ("objections", m.Objection), ("answers", m.Answer),
)


def _list_query(model: type[Any]) -> Any:
    """One list of a deal (STAND_INS[0]); the stakeholders' query also carries each person's contact."""
    columns = field_names(model) + ([f"contact__{n}" for n in field_names(m.Contact)]
                                    if model is m.DealStakeholder else [])
    return model._base_manager.filter(opportunity_id=STAND_INS[0]).order_by(*model._meta.ordering).values_list(*columns)


def fill(opp: m.Opportunity) -> None:
    """Read every list of the deal and file it as prefetched (as `prefetch_related` does)."""
    cache = opp.__dict__.setdefault("_prefetched_objects_cache", {})
    db = connection.alias
    with connection.cursor() as cursor:  # one cursor for the nine lists
        _fill(opp, cache, db, cursor)


def _fill(opp: m.Opportunity, cache: dict[str, Any], db: str, cursor: Any) -> None:
    contact_names, contact = field_names(m.Contact), m.DealStakeholder.contact.field
    quick_contact = quick_init(m.Contact)
    for related, model in LISTS:
        rows = run(compiled(("deal list", related), lambda model=model: _list_query(model)), opp.pk, cursor=cursor)
        names = field_names(model)
        own, parent, quick = len(names), model.opportunity.field, quick_init(model)
        items = []
        for row in rows:
            item = loaded(model, db, names, row[:own], quick)
            if model is m.DealStakeholder:
                contact.set_cached_value(item, loaded(m.Contact, db, contact_names, row[own:], quick_contact))
            parent.set_cached_value(item, opp)
            items.append(item)
        qs = getattr(opp, related).get_queryset()
        qs._result_cache = items
        qs._prefetch_done = True
        cache[related] = qs
