"""Background jobs: long work (imports, re-scoring, training, webhooks) run by the worker.

A feature registers a job function for a kind and starts jobs of it::

    from dealpilot.jobs import job_function, start_job

    @job_function("import", label=_("Import"))
    def run_import(job, progress):          # runs in the worker; job.params is JSON
        progress.set_total(len(rows))
        for row in rows:
            ...
            progress.advance(1, errors=0)
        return {"created": 3}                # kept as job.result

    job = start_job("import", owner=request.user, params={...}, label="deals.csv")

The job row and its task are written in the caller's transaction, so the worker sees both or
neither. Raise `JobError(message)` for a failure the user should read; any other exception marks
the job failed with a generic reason (and is logged). The worker is django-tasks' `db_worker`
(database backend), started by `make run`.
"""

from __future__ import annotations

from typing import Any

from dealpilot.jobs.registry import JobError, job_function


def start_job(kind: str, owner: Any = None, params: dict[str, Any] | None = None, label: str = "") -> Any:
    """Queue a job of a registered kind (see `dealpilot.jobs.starting.start_job`)."""
    from dealpilot.jobs.starting import start_job as start

    return start(kind, owner=owner, params=params, label=label)

__all__ = ["JobError", "job_function", "start_job"]
