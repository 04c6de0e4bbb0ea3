"""Search keys: the names a deal is found by, with their pinyin, written when a name changes.

`恒锐精密` is stored as `恒锐精密 hengruijingmi hrjm`, so the pipeline's `?q=` matches Chinese by
substring and by full pinyin or initials with one LIKE on one column, nothing computed per request.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from pypinyin import Style, lazy_pinyin

from dealpilot.deals.models import DealStakeholder, Opportunity


def keys_for(names: Iterable[str]) -> str:
    parts: list[str] = []
    for name in names:
        name = (name or "").strip().lower()
        if not name:
            continue
        parts.append(name)
        if any("\u4e00" <= ch <= "\u9fff" for ch in name):
            syllables = [s for s in lazy_pinyin(name, errors="ignore") if s.strip()]
            initials = [s for s in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore") if s.strip()]
            parts += ["".join(syllables), "".join(initials)]
    return " ".join(dict.fromkeys(parts))


def normalise_query(q: str) -> str:
    """What a search box's text is matched with: trimmed, lower case, inner spaces dropped for pinyin."""
    return q.strip().lower()


def refresh(opportunity_ids: Iterable[int]) -> None:
    """Rewrite the search keys of these deals from their account, name and contacts (3 queries)."""
    ids = list(set(opportunity_ids))
    if not ids:
        return
    contacts: dict[int, list[str]] = defaultdict(list)
    for opp_id, name in DealStakeholder.objects.filter(opportunity_id__in=ids).values_list(
            "opportunity_id", "contact__name"):
        contacts[opp_id].append(name)
    rows = [Opportunity(pk=pk, search_keys=keys_for([account, name, *contacts[pk]]))
            for pk, name, account in Opportunity.objects.filter(pk__in=ids).values_list("pk", "name", "account__name")]
    Opportunity.objects.bulk_update(rows, ["search_keys"], batch_size=500)


_pending: ContextVar[set[int] | None] = ContextVar("search_keys_pending", default=None)


def touched(opportunity_ids: Iterable[int]) -> None:
    """These deals' names or people changed: their keys are rewritten now, or once on leaving
    `batched()` when a write of many rows is under way."""
    pending = _pending.get()
    if pending is None:
        refresh(opportunity_ids)
    else:
        pending.update(opportunity_ids)


@contextlib.contextmanager
def batched() -> Iterator[None]:
    """Within it the receivers only collect the deals they touch; on leaving, one refresh writes
    them all (a replaced deal deletes and re-adds each of its people: one rewrite, not one each)."""
    token = _pending.set(set())
    try:
        yield
        ids = _pending.get() or set()
    finally:
        _pending.reset(token)
    refresh(ids)
