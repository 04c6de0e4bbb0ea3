"""The import as a background job: check every row (progress shown as it goes), then write in
one transaction (shown when it commits: the bar jumps), then fill in the new deals' verdicts.

Progress is written on the default connection, so inside the write transaction it cannot be
seen by the page until the commit — hence the check first, outside any transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dealpilot.imports import stored
from dealpilot.imports.importing import Outcome, assess_created, run_import
from dealpilot.imports.models import ImportRun, Status
from dealpilot.imports.problems import ReadError
from dealpilot.imports.trail import record_run
from dealpilot.jobs import JobError, job_function

STORED_PROBLEMS = 5000


class _Counter:
    """Turns the importer's running totals into the job's increments."""

    def __init__(self, progress: Any) -> None:
        self.progress, self.done, self.errors = progress, 0, 0

    def __call__(self, done: int, errors: int) -> None:
        self.progress.advance(done - self.done, errors=errors - self.errors)
        self.done, self.errors = done, errors


# Not resumable: a worker that died mid-write committed nothing, and the import page then shows
# the import as not done (views.settle); the user starts it again from a fresh upload.
@job_function("import", label=_("Import"))
def import_job(job: Any, progress: Any) -> dict[str, Any]:
    run = ImportRun.objects.select_related("owner").get(pk=job.params["run"])
    try:
        return _import(run, progress)
    except Exception:
        ImportRun.objects.filter(pk=run.pk, status=Status.RUNNING).update(status=Status.FAILED,
                                                                         finished_at=timezone.now())
        raise


def _import(run: ImportRun, progress: Any) -> dict[str, Any]:
    try:
        with stored.run_table(run) as table:
            mapping = stored.run_mapping(run, table)
            rows = sum(1 for _row in table.rows())
            progress.set_total(rows * 2)
            check = run_import(table, mapping, run.owner, dry_run=True, progress=_Counter(progress))
            if check.problems and not mapping.skip_bad:
                _finish(run, check, Status.FAILED)
                raise JobError(ngettext("%(n)s row has problems; nothing was imported.",
                                        "%(n)s rows have problems; nothing was imported.", check.bad_rows)
                               % {"n": check.bad_rows})
            writing = _Counter(progress)
            writing.errors = check.bad_rows
            with transaction.atomic():  # the rows and the run's DONE commit together
                out = run_import(table, mapping, run.owner, run=run, progress=writing)
                _finish(run, out, Status.DONE if out.written else Status.FAILED)
    except ReadError as exc:
        raise JobError(exc.text()) from None
    if out.created:
        progress.set_total(rows * 2 + out.created)
        assess_created(run, _Counter(progress))
    return _result(run)


def _result(run: ImportRun) -> dict[str, Any]:
    return {"created": run.created, "updated": run.updated, "skipped": run.skipped,
            "url": reverse("import_run", args=[run.pk])}


def _finish(run: ImportRun, out: Outcome, status: str) -> None:
    run.status, run.rows, run.created, run.updated, run.skipped = status, out.rows, out.created, out.updated, out.skipped
    run.problems = [p.to_data() for p in out.problems[:STORED_PROBLEMS]]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "rows", "created", "updated", "skipped", "problems", "finished_at",
                            "created_accounts"])
    record_run(run)
