"""Undo an import within 30 days: the deals it created are removed (with the accounts it
created, when no other deal uses them), the deals it updated get their previous values back
through the versioned save, so the history shows the revert as a change of its own. A field
someone changed after the import keeps that later value: the revert undoes the import, not them."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from dealpilot.deals import models as m
from dealpilot.imports.importing import UPDATABLE
from dealpilot.imports.models import ImportedDeal, ImportRun, Status
from dealpilot.imports.trail import record_revert
from dealpilot.workspace import editing


class NotRevertible(Exception):
    pass


def revert(run: ImportRun, user: Any) -> dict[str, int]:
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if not run.revertible():
            raise NotRevertible
        touched = list(ImportedDeal.objects.filter(run=run, opportunity__isnull=False))
        created = [t.opportunity_id for t in touched if t.was_created]
        removed, _ = m.Opportunity.objects.filter(pk__in=created).delete()
        removed = len(created)
        restored = 0
        for t in touched:
            if not t.was_created:
                restored += _restore(t, user)
        unused = m.Account.objects.filter(pk__in=run.created_accounts, opportunities__isnull=True)
        unused.delete()
        run.status = Status.REVERTED
        run.reverted_at = timezone.now()
        run.save(update_fields=["status", "reverted_at"])
        counts = {"removed": removed, "restored": restored}
        record_revert(run, user, counts)
    return counts


def _restore(t: ImportedDeal, user: Any) -> int:
    opp = m.Opportunity.objects.select_for_update().get(pk=t.opportunity_id)
    fields = [f for f in t.before if f in UPDATABLE]
    now = editing.snapshot(opp, fields)
    values = {f: t.before[f] for f in fields if now[f] == t.after.get(f) and now[f] != t.before[f]}
    if not values:
        return 0
    changes = [(UPDATABLE[f][0], now[f], v) for f, v in values.items()]
    editing.save(opp, user, opp.version, lambda: changes, **values)
    return 1
