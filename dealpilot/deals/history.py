"""Versions and the change history: claim the next version, record what changed."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import F

from dealpilot.deals.models import ChangeRecord, Opportunity

# The `new` value of the "created" record of a deal the demo load wrote: history names the demo
# as its author, not the rep who owns the deal.
DEMO = "demo"


class StaleVersion(Exception):
    """The deal changed since the version an edit was based on."""

    def __init__(self, current: int) -> None:
        self.current = current
        super().__init__(f"the deal is at version {current}")


def claim_version(opp: Opportunity, based_on: int) -> int:
    """Move the deal from `based_on` to the next version, or raise StaleVersion.

    One conditional UPDATE: of two concurrent saves based on the same version exactly one
    matches the row, so neither overwrites the other silently. Call inside the edit's transaction.
    """
    updated = Opportunity.objects.filter(pk=opp.pk, version=based_on).update(version=F("version") + 1)
    if not updated:
        current = Opportunity.objects.filter(pk=opp.pk).values_list("version", flat=True).first()
        raise StaleVersion(current or 0)
    opp.version = based_on + 1
    return opp.version


def show(value: Any) -> str:
    """A value as history shows it: plain text for scalars, compact JSON for structures."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=False, default=str)


def record_change(opp: Opportunity, user: Any, field: str, old: Any, new: Any) -> ChangeRecord:
    return ChangeRecord.objects.create(opportunity=opp, user=user if getattr(user, "pk", None) else None,
                                       version=opp.version, field=field, old=show(old), new=show(new))
