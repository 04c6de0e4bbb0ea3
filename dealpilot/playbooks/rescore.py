"""Re-scoring the open deals of a newly published playbook version, as a background job.

Resumable: each batch is one transaction that assesses its deals, stores their snapshots
(marked as a playbook change) and records the version on each deal, so a worker that dies
leaves every deal either wholly re-scored or untouched, and the job started again picks up the
deals that do not carry the version yet.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dealpilot.deals.loading import with_lists
from dealpilot.deals.models import Opportunity
from dealpilot.jobs import JobError, job_function
from dealpilot.playbooks.models import PlaybookVersion


def pending(pid: str, version: int, adopt_from: str) -> Any:
    cond = Q(playbook=pid, playbook_version__lt=version) | Q(playbook=pid, playbook_version__isnull=True)
    if adopt_from:
        cond |= Q(playbook=adopt_from)
    return Opportunity.objects.open().filter(cond).order_by("pk")


def rescore_batch(pks: list[int], pid: str, version: int) -> None:
    from dealpilot.deals.verdict import assess_opportunity
    from dealpilot.review.models import SnapshotCause

    with transaction.atomic():
        opps = list(with_lists(Opportunity.objects.select_for_update(of=("self",)).filter(pk__in=pks)).order_by("pk"))
        for opp in opps:
            Opportunity.objects.filter(pk=opp.pk).update(playbook=pid, playbook_version=version)
            opp.playbook, opp.playbook_version = pid, version
            assess_opportunity(opp, cause=SnapshotCause.PLAYBOOK)


@job_function("playbook_rescore", label=_("Re-scoring after a playbook change"), resumable=True)
def run_rescore(job: Any, progress: Any) -> dict[str, Any]:
    pid, version = job.params["playbook"], int(job.params["version"])
    adopt_from = job.params.get("adopt_from") or ""
    if not PlaybookVersion.objects.filter(playbook__pid=pid, number=version).exists():
        raise JobError(_("The playbook version to re-score with no longer exists."))
    qs = pending(pid, version, adopt_from)
    progress.set_total(job.done + qs.count())  # a resumed job keeps what it did before
    done = 0
    while True:
        pks = list(qs.values_list("pk", flat=True)[:settings.PLAYBOOK_RESCORE_BATCH])
        if not pks:
            break
        rescore_batch(pks, pid, version)
        done += len(pks)
        progress.advance(len(pks))
    return {"rescored": done, "url": "/pipeline/"}
