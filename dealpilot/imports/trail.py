"""Imports in the audit trail: who ran one, the file and its counts, and who reverted it."""

from __future__ import annotations

from typing import Any

from dealpilot.audit import record
from dealpilot.imports.models import ImportRun


def _target(run: ImportRun) -> str:
    return f"import {run.pk}: {run.filename}"


def record_run(run: ImportRun) -> None:
    # The job may run in the worker, with no request: the run's owner is who imported.
    record(None, "import", target=_target(run), user=run.owner,
           detail={"file": run.filename, "status": run.status, "rows": run.rows, "created": run.created,
                   "updated": run.updated, "skipped": run.skipped})


def record_revert(run: ImportRun, user: Any, counts: dict[str, int]) -> None:
    record(None, "import_revert", target=_target(run), user=user, detail={"file": run.filename, **counts})
