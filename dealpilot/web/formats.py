"""Dates and choice labels as a page shows them, remembered per language.

Django's date formatting and `get_FOO_display()` each cost tens of microseconds (a format
lookup, a lazy translation, hashing the choices); a deal page shows dozens of them, few
distinct. Both depend only on the value and the active language, so each is worked out once.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import get_language


@lru_cache(maxsize=8192)
def _date(day: dt.date, fmt: str, language: str) -> str:
    return date_format(day, fmt)


def short_date(day: dt.date | None, fmt: str = "SHORT_DATE_FORMAT", language: str | None = None) -> str:
    """A calendar date in the active language's format ("" for none). A caller writing many
    passes `language` (the active one, read once): reading it costs a context-local lookup."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):  # moments are nearly all distinct: not worth remembering
        return date_format(day, fmt)
    return _date(day, fmt, language or get_language() or "")


@lru_cache(maxsize=1024)
def _label(model: type[Any], field: str, value: Any, language: str) -> str:
    choices = dict(model._meta.get_field(field).flatchoices)
    return str(choices.get(value, value))


def choice_label(obj: Any, field: str, language: str | None = None) -> str:
    """`obj.get_<field>_display()`, remembered per model, field, value and language (`language`
    as for short_date)."""
    return _label(type(obj), field, getattr(obj, field), language or get_language() or "")
