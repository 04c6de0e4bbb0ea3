"""Jobs whose worker died under them (killed, crashed, machine restarted): found when a worker
starts on the same host, and either started again (resumable kinds) or marked failed with the
reason, so no job stays "running" for ever."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from dealpilot.jobs.models import Job
from dealpilot.jobs.registry import KINDS
from dealpilot.jobs.workers import is_alive_here

INTERRUPTED = gettext_noop("The worker stopped while this job was running. Start it again.")


def recover_interrupted() -> list[Job]:
    """The jobs found orphaned on this host, after requeueing or failing each."""
    from dealpilot.jobs.tasks import run_job

    recovered = []
    for job in Job.objects.filter(status=Job.Status.RUNNING).exclude(worker=""):
        if is_alive_here(job.worker) is not False:
            continue
        kind = KINDS.get(job.kind)
        with transaction.atomic():
            if kind is not None and kind.resumable:
                Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED, worker="")
                run_job.enqueue(job.pk)
            else:
                with translation.override(job.language or settings.LANGUAGE_CODE):
                    reason = translation.gettext(INTERRUPTED)
                Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error=reason,
                                                     finished_at=timezone.now())
        job.refresh_from_db()
        recovered.append(job)
    return recovered
