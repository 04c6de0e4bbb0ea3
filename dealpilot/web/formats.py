"""Dates and choice labels as a page shows them, in the active language (or the one asked for)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation
from django.utils.formats import date_format


def short_date(day: dt.date | None, fmt: str = "SHORT_DATE_FORMAT", language: str | None = None) -> str:
    """A calendar date in the format of `language` (by default the active one); "" for none."""
    if day is None:
        return ""
    if language is None:
        return date_format(day, fmt)
    with translation.override(language):
        return date_format(day, fmt)


def choice_label(obj: Any, field: str, language: str | None = None) -> str:
    """`obj.get_<field>_display()`, in `language` (by default the active one)."""
    label = getattr(obj, f"get_{field}_display")
    if language is None:
        return str(label())
    with translation.override(language):
        return str(label())
