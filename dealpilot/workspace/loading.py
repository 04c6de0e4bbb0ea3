"""The deal's lists read with SQL compiled once per list, not once per request.

Building and compiling nine querysets (and the prefetch machinery around them) cost about
0.4 ms each, far more than running them: most of the page's database time. The SQL differs
between requests only by the deal's id, compiled as a stand-in and swapped in per request.
Rows come back as model instances with the database's converters applied, filed exactly where
`prefetch_related` would file them, so `opp.pains.all()` and friends cost no query.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db import connection

from dealpilot.deals import models as m

_DEAL = -987_654_303  # stand-in for the deal's id while a list's SQL is compiled

LISTS: tuple[tuple[str, type[Any]], ...] = (
    ("stakeholders", m.DealStakeholder), ("decision_steps", m.DecisionStep), ("competitors", m.Competitor),
    ("milestones", m.Milestone), ("pains", m.Pain), ("value_items", m.ValueItem), ("plan_steps", m.PlanStep),
    ("objections", m.Objection), ("answers", m.Answer),
)


def _names(model: type[Any]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


@lru_cache(maxsize=64)
def _compiled(vendor: str, related: str) -> tuple[str, tuple[Any, ...], list[Any], int]:
    """SQL, parameters, selected expressions, and how many columns belong to the row itself
    (the stakeholders' query also carries each person's contact)."""
    model = dict(LISTS)[related]
    own = _names(model)
    columns = own + ([f"contact__{n}" for n in _names(m.Contact)] if model is m.DealStakeholder else [])
    qs = model._base_manager.filter(opportunity_id=_DEAL).order_by(*model._meta.ordering).values_list(*columns)
    compiler = qs.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    expressions = [s[0] for s in compiler.select[: compiler.col_count]]
    return sql, tuple(params), expressions, len(own)


def _converters(expressions: list[Any]) -> list[tuple[int, list[Any], Any]]:
    found = []
    for i, expression in enumerate(expressions):
        backend = connection.ops.get_db_converters(expression)
        field = expression.get_db_converters(connection)
        if backend or field:
            found.append((i, backend + field, expression))
    return found


def _rows(related: str, pk: int) -> tuple[list[list[Any]], int]:
    sql, params, expressions, own = _compiled(connection.vendor, related)
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk if p == _DEAL else p for p in params])
        raw = cursor.fetchall()
    rows = [list(r) for r in raw]
    if rows:
        for i, converters, expression in _converters(expressions):
            for row in rows:
                value = row[i]
                for convert in converters:
                    value = convert(value, expression, connection)
                row[i] = value
    return rows, own


def fill(opp: m.Opportunity) -> None:
    """Read every list of the deal and file it as prefetched (as `prefetch_related` does)."""
    cache = opp.__dict__.setdefault("_prefetched_objects_cache", {})
    db = connection.alias
    for related, model in LISTS:
        rows, own = _rows(related, opp.pk)
        names = _names(model)
        items = []
        for row in rows:
            item = model.from_db(db, names, row[:own])
            if model is m.DealStakeholder:
                m.DealStakeholder.contact.field.set_cached_value(item, m.Contact.from_db(db, _names(m.Contact),
                                                                                          row[own:]))
            model.opportunity.field.set_cached_value(item, opp)
            items.append(item)
        qs = getattr(opp, related).get_queryset()
        qs._result_cache = items
        qs._prefetch_done = True
        cache[related] = qs
