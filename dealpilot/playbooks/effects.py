"""Preview of a draft on the open deals it would apply to (nothing is written)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from dealpilot.deals.convert import deal_to_document
from dealpilot.deals.loading import with_lists
from dealpilot.deals.models import Opportunity
from dealpilot.engine.playbook import Playbook, get_playbook
from dealpilot.engine.playbook_effect import Effect, effect
from dealpilot.playbooks.models import TeamPlaybook

#: Deals read per query while previewing or re-scoring.
BATCH = 200


def affected(team: TeamPlaybook, adopt: bool = True) -> Any:
    """Open deals a publication applies to: those on this playbook, and (adopting) on its origin."""
    cond = Q(playbook=team.pid)
    if adopt:
        cond |= Q(playbook=team.based_on)
    return Opportunity.objects.open().filter(cond).order_by("pk")


def _documents(qs: Any) -> Any:
    last = 0
    while True:
        batch = list(with_lists(qs.filter(pk__gt=last))[:BATCH])
        if not batch:
            return
        for opp in batch:
            yield deal_to_document(opp)
        last = batch[-1].pk


def preview(team: TeamPlaybook, draft: Playbook, adopt: bool = True) -> Effect:
    pairs = ((doc, get_playbook(doc.playbook)) for doc in _documents(affected(team, adopt)))
    return effect(pairs, draft, timezone.localdate())
