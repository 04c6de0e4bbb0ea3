"""Querysets compiled to SQL once and run many times with different values.

Building and compiling a queryset costs Django about 0.4 ms, far more than SQLite or PostgreSQL
take to run the small queries a deal page needs. A query whose shape never changes is compiled
once with stand-in values (`STAND_INS`, numbers no real id can take) which are swapped for the
request's values at run time; rows come back with the database's converters applied, as the
ORM would return them, and `loaded` makes a model instance of a row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

#: Stand-ins for the values a compiled query takes; each appears in a query only where it was put.
STAND_INS = (-987_654_303, -987_654_317, -987_654_329)


@dataclass(frozen=True)
class Compiled:
    sql: str
    params: tuple[Any, ...]
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]


_CACHE: dict[tuple[str, Any], Compiled] = {}


def compiled(key: Any, build: Callable[[], QuerySet[Any]]) -> Compiled:
    """The SQL of `build()` (a values_list queryset using STAND_INS), compiled once per key and database."""
    found = _CACHE.get((connection.vendor, key))
    if found is None:
        compiler = build().query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        expressions = [s[0] for s in compiler.select[: compiler.col_count]]
        converters = []
        for i, expression in enumerate(expressions):
            chain = tuple(connection.ops.get_db_converters(expression) + expression.get_db_converters(connection))
            if chain:
                converters.append((i, chain, expression))
        found = _CACHE[(connection.vendor, key)] = Compiled(sql, tuple(params), tuple(converters))
    return found


def run(query: Compiled, *values: Any, cursor: Any = None) -> list[list[Any]]:
    """Rows of the compiled query with STAND_INS[i] replaced by values[i] (on `cursor`, if given)."""
    swap = dict(zip(STAND_INS, values, strict=False))
    params = [swap.get(p, p) if isinstance(p, int) else p for p in query.params]
    if cursor is None:
        with connection.cursor() as own:
            own.execute(query.sql, params)
            raw = own.fetchall()
    else:
        cursor.execute(query.sql, params)
        raw = cursor.fetchall()
    rows = [list(r) for r in raw]
    for i, chain, expression in query.converters:
        for row in rows:
            value = row[i]
            for convert in chain:
                value = convert(value, expression, connection)
            row[i] = value
    return rows


def field_names(model: type[Any]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def quick_init(model: type[Any]) -> bool:
    """Whether rows of `model` may skip `Model.__init__`: not when an init signal has receivers."""
    return not (pre_init.has_listeners(model) or post_init.has_listeners(model))


def loaded(model: type[Any], db: str, names: list[str], values: list[Any], quick: bool | None = None) -> Any:
    """`model.from_db(db, names, values)` for a complete row, without the per-field work of
    `Model.__init__` (about 3 µs a row; a deal page loads some 60 rows). The instance is the same:
    every concrete field's value under its attname, and a `_state` saying it came from `db`.
    `quick` is `quick_init(model)` (a caller loading many rows asks once); when it is false rows
    go through `from_db`, so init signal receivers still run."""
    if quick is None:
        quick = quick_init(model)
    if not quick:
        return model.from_db(db, names, values)
    item = object.__new__(model)  # what Model.__init__ would fill is filled below
    item.__dict__.update(zip(names, values, strict=True))
    state = item._state = ModelState()
    state.adding, state.db = False, db
    return item
