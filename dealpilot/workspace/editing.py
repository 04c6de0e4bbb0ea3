"""Saving an edit without losing anyone's update.

Every edit form carries the deal version it was based on. The save claims the next version with
one conditional UPDATE (`… WHERE version = n`); of two saves based on the same version exactly
one matches the row, the other is refused with the newer values. The claim, the change itself
and its history records share one transaction: nothing is ever half-saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dealpilot.accounts.models import display_name
from dealpilot.deals import models as m
from dealpilot.deals.history import StaleVersion, record_change

Change = tuple[str, Any, Any]


def parse_version(raw: Any) -> int | None:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**31 else None


def claim(opp: m.Opportunity, based_on: int, **fields: Any) -> None:
    """Move the deal to version `based_on + 1` (writing `fields` in the same statement) or raise
    StaleVersion. Inside the edit's transaction the row stays locked until commit."""
    updated = m.Opportunity.objects.filter(pk=opp.pk, version=based_on).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields)
    if not updated:
        current = m.Opportunity.objects.filter(pk=opp.pk).values_list("version", flat=True).first()
        raise StaleVersion(current or 0)
    opp.version = based_on + 1


def save(opp: m.Opportunity, user: Any, based_on: int, apply: Callable[[], Iterable[Change]],
         **fields: Any) -> Any | None:
    """Claim the version, run `apply` (which writes and returns what changed), record the changes
    and refresh the deal's cached verdict — all in one transaction, so a crash leaves no stale score.

    Returns the deal's new assessment (the response shows it: one engine call per save), or None,
    writing nothing, when nothing changed: a no-op save must not make everyone else's open forms
    stale. Raises StaleVersion when the deal moved on since `based_on`.
    """
    with transaction.atomic():
        claim(opp, based_on, **fields)
        changes = [c for c in apply() if c[1] != c[2]]
        if not changes:
            transaction.set_rollback(True)
            opp.version = based_on
            return None
        for path, old, new in changes:
            record_change(opp, user, path, old, new)
        from dealpilot.deals.verdict import refresh_verdict

        return refresh_verdict(opp)


def plain(value: Any) -> Any:
    """A value as the deal document would hold it (stakeholders by key, dates ISO)."""
    if isinstance(value, m.DealStakeholder):
        return value.key
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (dt.date, Decimal)):
        return str(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {f: plain(getattr(obj, f)) for f in fields}


def diff(path: str, before: dict[str, Any], after: dict[str, Any], names: dict[str, str]) -> list[Change]:
    """Field-by-field changes under a document path (`pains[2]` → `pains[2].impact`)."""
    sep = "." if path else ""
    return [(f"{path}{sep}{names.get(f, f)}", before[f], after[f]) for f in before if before[f] != after[f]]


def shown(obj: Any, field: str) -> str:
    """How a field's current value reads to a person: labels, names, local dates."""
    value = getattr(obj, field)
    display = getattr(obj, f"get_{field}_display", None)
    if value in (None, "", []):
        return "—"
    if isinstance(obj, m.Opportunity) and field == "stage":
        return obj.stage_name()
    if callable(display):
        return str(display())
    if isinstance(value, m.DealStakeholder):
        return value.contact.name
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if hasattr(value, "get_username"):
        return display_name(value)
    return str(value)
