"""Keep the pipeline's write-time columns (search keys, stage since) true after every write.

Most edits go through queryset `.update()` (the versioned save), which sends no model signal;
every one of them records a ChangeRecord, so the history record is the hook for those.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from dealpilot.deals import search_keys
from dealpilot.deals.models import Account, ChangeRecord, Contact, DealStakeholder, Opportunity

_NAME_FIELDS = {"opportunity.name", "opportunity.account", "created"}


@receiver(pre_save, sender=Opportunity)
def _stage_moved(sender: Any, instance: Opportunity, raw: bool = False, **kw: Any) -> None:
    if raw or instance.pk is None:
        return
    before = Opportunity.objects.filter(pk=instance.pk).values_list("stage", flat=True).first()
    if before is not None and before != instance.stage:
        instance.stage_since = timezone.now()


@receiver(post_save, sender=Opportunity)
def _deal_saved(sender: Any, instance: Opportunity, raw: bool = False, **kw: Any) -> None:
    if not raw:
        search_keys.touched([instance.pk])


@receiver(post_save, sender=ChangeRecord)
def _deal_changed(sender: Any, instance: ChangeRecord, raw: bool = False, **kw: Any) -> None:
    if raw:
        return
    if instance.field == "opportunity.stage":
        Opportunity.objects.filter(pk=instance.opportunity_id).update(stage_since=instance.at)
    elif instance.field in _NAME_FIELDS:
        search_keys.touched([instance.opportunity_id])


@receiver(post_save, sender=Account)
def _account_saved(sender: Any, instance: Account, raw: bool = False, created: bool = False, **kw: Any) -> None:
    if not raw and not created:
        search_keys.touched(instance.opportunities.values_list("pk", flat=True))


@receiver(post_save, sender=Contact)
def _contact_saved(sender: Any, instance: Contact, raw: bool = False, created: bool = False, **kw: Any) -> None:
    if not raw and not created:
        search_keys.touched(DealStakeholder.objects.filter(contact=instance).values_list("opportunity_id", flat=True))


@receiver(post_save, sender=DealStakeholder)
@receiver(post_delete, sender=DealStakeholder)
def _person_changed(sender: Any, instance: DealStakeholder, raw: bool = False, **kw: Any) -> None:
    if not raw:
        search_keys.touched([instance.opportunity_id])
