"""Starting a job: its row and its task, written together."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import get_language

from dealpilot.jobs.models import Job
from dealpilot.jobs.registry import KINDS


def start_job(kind: str, owner: Any = None, params: dict[str, Any] | None = None, label: str = "") -> Job:
    """Queue a job of a registered kind; the worker runs it (tests: at once)."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}; register it with @job_function({kind!r})")
    from dealpilot.jobs.tasks import run_job

    with transaction.atomic():
        job = Job.objects.create(kind=kind, owner=owner if getattr(owner, "pk", None) else None,
                                 params=params or {}, label=label[:200], language=get_language() or "")
        result = run_job.enqueue(job.pk)
        Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job
