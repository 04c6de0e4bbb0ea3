"""A table's columns as JSON values and back, by the Django field that owns each column.

Values are read with `values_list` (so the database's own converters run: aware datetimes,
decoded JSON) and written back with `Field.get_db_prep_save`, the way a save would.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import uuid
from collections.abc import Callable
from typing import Any

from django.db.models import Field

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _duration_out(value: dt.timedelta) -> list[int]:
    return [value.days, value.seconds, value.microseconds]


def _duration_in(value: list[int]) -> dt.timedelta:
    return dt.timedelta(days=value[0], seconds=value[1], microseconds=value[2])


_CODECS: dict[str, Codec] = {
    "DateTimeField": (lambda v: v.isoformat(), dt.datetime.fromisoformat),
    "DateField": (lambda v: v.isoformat(), dt.date.fromisoformat),
    "TimeField": (lambda v: v.isoformat(), dt.time.fromisoformat),
    "DecimalField": (str, decimal.Decimal),
    "DurationField": (_duration_out, _duration_in),
    "UUIDField": (str, uuid.UUID),
    "BinaryField": (lambda v: base64.b64encode(bytes(v)).decode("ascii"), base64.b64decode),
}


def kind(field: Field) -> str:
    """The field's storage kind as the archive records it (a ForeignKey stores its target's)."""
    if field.is_relation and (field.many_to_one or field.one_to_one):
        return kind(field.target_field)
    return field.get_internal_type()


def encoder(kind_name: str) -> Callable[[Any], Any]:
    out = _CODECS.get(kind_name, (None, None))[0]
    return (lambda v: None if v is None else out(v)) if out else (lambda v: v)


def decoder(kind_name: str) -> Callable[[Any], Any]:
    back = _CODECS.get(kind_name, (None, None))[1]
    return (lambda v: None if v is None else back(v)) if back else (lambda v: v)
