"""The one task the worker runs: look up the job, run its kind's function, record the outcome."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from dealpilot.jobs.models import Job
from dealpilot.jobs.progress import Progress
from dealpilot.jobs.registry import KINDS, JobError
from dealpilot.jobs.workers import this_worker

logger = logging.getLogger(__name__)


@task()
def run_job(job_id: int) -> None:
    # Only a waiting job starts: a job already run, or marked failed meanwhile, is left alone.
    if not Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
            status=Job.Status.RUNNING, started_at=timezone.now(), worker=this_worker()):
        return
    job = Job.objects.get(pk=job_id)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        _run(job)


def _run(job: Job) -> None:
    kind = KINDS.get(job.kind)
    progress = Progress(job)
    try:
        if kind is None:
            raise JobError(_("This kind of job (%(kind)s) is not known to this server.") % {"kind": job.kind})
        result = kind.run(job, progress)
    except JobError as exc:
        _finish(job, progress, Job.Status.FAILED, error=str(exc))
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, progress, Job.Status.FAILED,
                error=_("The job stopped on an unexpected error; the server log has the details."))
    else:
        _finish(job, progress, Job.Status.SUCCEEDED, result=result or {})


def _finish(job: Job, progress: Progress, status: str, error: str = "", result: dict | None = None) -> None:
    progress.flush()
    Job.objects.filter(pk=job.pk).update(status=status, error=error[:2000], result=result or {},
                                         finished_at=timezone.now())
