"""Cursor pagination: pages of rows in id order, each naming where the next one starts.

A cursor is the last id of a page, opaque to clients; unlike a page number it does not skip or
repeat rows when deals are added or removed between two requests.
"""

from __future__ import annotations

import base64
from typing import Any

from django.db.models import QuerySet
from ninja.errors import ValidationError

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


def encode(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def decode(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = text.partition(":")
        number = int(value)
        if kind != "id" or not 0 <= number < 2**63:
            raise ValueError
        return number
    except ValueError:
        raise ValidationError([{"loc": ["query", "cursor"], "msg": "is not a cursor this API gave out"}]) from None


def page(rows: QuerySet[Any], cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """One page of `rows` after the cursor, and the cursor of the next page (None at the end)."""
    after = decode(cursor)
    got = list(rows.filter(pk__gt=after).order_by("pk")[: limit + 1])
    more = len(got) > limit
    got = got[:limit]
    if not (more and got):
        return got, None
    last = got[-1]
    return got, encode(last["id"] if isinstance(last, dict) else last.pk)
