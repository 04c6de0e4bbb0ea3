"""Webhook events from every door's changes, sent once the change commits.

Every save of a deal — page, board, upload, API — writes change-history records (one version per
save), so the first record of a version is the hook: when its transaction commits, the records
of that version say what happened (created, stage changed, won, lost, updated). New flags come
from the assessment that follows each save (`deals.verdict.flags_raised`). A save rolled back
sends nothing. `emit()` is also the entry point for other apps' events (`import.finished`).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from dealpilot.api.models import EVENTS, Webhook, WebhookDelivery
from dealpilot.deals.models import LOST, WON, ChangeRecord, Opportunity
from dealpilot.deals.verdict import flags_raised


def emit(event: str, data: dict[str, Any], by: Any = None) -> list[WebhookDelivery]:
    """Queue a delivery of `event` to every active webhook that asked for it (call after commit)."""
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    hooks = [h for h in Webhook.objects.filter(active=True) if event in h.events]
    if not hooks:
        return []
    payload = {"event": event, "occurred_at": timezone.now().isoformat(),
               "by": by.get_username() if getattr(by, "pk", None) else None, **data}
    made = []
    from dealpilot.jobs import start_job

    for hook in hooks:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(webhook=hook, event=event, payload=payload)
            start_job("webhook", owner=hook.created_by, params={"delivery": delivery.pk}, label=f"{event} → {hook.url}")
        made.append(delivery)
    return made


def deal_data(deal_id: int) -> dict[str, Any] | None:
    row = (Opportunity.objects.filter(pk=deal_id)
           .values("pk", "name", "stage", "version", "amount", "currency", "account__name", "owner__username").first())
    if row is None:
        return None
    return {"deal": {"id": row["pk"], "name": row["name"], "account": row["account__name"], "stage": row["stage"],
                     "version": row["version"], "amount": None if row["amount"] is None else float(row["amount"]),
                     "currency": row["currency"], "owner": row["owner__username"],
                     "url": reverse("api:get_deal", args=[row["pk"]])}}


def _saved(deal_id: int, version: int, user_id: int | None) -> None:
    if not Webhook.objects.filter(active=True).exists():
        return
    data = deal_data(deal_id)
    if data is None:
        return
    records = list(ChangeRecord.objects.filter(opportunity_id=deal_id, version=version).select_related("user"))
    by = records[0].user if records else None
    fields = [r.field for r in records]
    data["changes"] = [{"field": r.field, "old": r.old, "new": r.new} for r in records]
    if "created" in fields:
        emit("deal.created", data, by)
        return
    emit("deal.updated", data, by)
    stage = next((r for r in records if r.field == "opportunity.stage"), None)
    if stage is not None:
        emit("deal.stage_changed", data, by)
        if stage.new in (WON, LOST):
            emit(f"deal.{stage.new}", data, by)


@receiver(post_save, sender=ChangeRecord)
def _change_recorded(sender: Any, instance: ChangeRecord, created: bool = False, raw: bool = False, **kw: Any) -> None:
    if raw or not created:
        return
    # One callback per save: the first record of its version (the others share the version).
    earlier = ChangeRecord.objects.filter(opportunity_id=instance.opportunity_id, version=instance.version,
                                          pk__lt=instance.pk).exists()
    if not earlier:
        transaction.on_commit(partial(_saved, instance.opportunity_id, instance.version, instance.user_id))


def _flags(deal_id: int, flags: list[str]) -> None:
    if not Webhook.objects.filter(active=True).exists():
        return
    data = deal_data(deal_id)
    if data is not None:
        emit("deal.flag_raised", {**data, "flags": flags})


@receiver(flags_raised)
def _flags_raised(sender: Any, deal: Opportunity, flags: list[str], **kw: Any) -> None:
    transaction.on_commit(partial(_flags, deal.pk, flags))
