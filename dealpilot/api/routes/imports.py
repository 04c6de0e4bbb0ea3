"""Imports: upload a file (CSV, XLSX, XLS) with an optional mapping, get the import and its job,
poll its progress and result. The same import as the wizard's and the CLI's: the same mapping,
the same checks, the same permissions (a rep imports their own deals, a manager the team's)."""

from __future__ import annotations

import json
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import File, Form, Router, Schema, UploadedFile
from ninja import Status as Answer
from pydantic import Field

from dealpilot.api.errors import problems_response
from dealpilot.api.routes.assessment import language
from dealpilot.api.routes.deals import READ, WRITE
from dealpilot.engine.errors import Problem
from dealpilot.imports import stored
from dealpilot.imports.access import get_run_for_user
from dealpilot.imports.forms import MAX_UPLOAD
from dealpilot.imports.mapping import mapping_for
from dealpilot.imports.models import ImportRun, Status
from dealpilot.imports.problems import Problem as RowProblem
from dealpilot.imports.problems import ReadError
from dealpilot.jobs import start_job
from dealpilot.jobs.models import Job

router = Router()
_SHOWN_PROBLEMS = 500
_LISTED = 50


class ImportProblemOut(Schema):
    row: int
    column: str
    message: str


class ImportJobOut(Schema):
    id: int
    status: str
    done: int
    total: int | None
    errors: int
    error: str = Field(description="why the job failed, when it did")


class ImportOut(Schema):
    id: int
    filename: str
    status: str = Field(description="draft, running, done, failed, reverted")
    owner: str
    sheet: str
    header_row: int
    rows: int
    created: int
    updated: int
    skipped: int
    created_at: str
    finished_at: str | None
    job: ImportJobOut | None
    problems: list[ImportProblemOut] = Field(description=f"the first {_SHOWN_PROBLEMS} rows' problems")


def _out(run: ImportRun, job: Job | None, lang: str) -> dict[str, Any]:
    with translation.override(lang):
        problems = [RowProblem.from_data(p).to_dict() for p in run.problems[:_SHOWN_PROBLEMS]]
        error = job.error if job is not None else ""
    return {"id": run.pk, "filename": run.filename, "status": run.status, "owner": run.owner.username,
            "sheet": run.sheet, "header_row": run.header_row, "rows": run.rows, "created": run.created,
            "updated": run.updated, "skipped": run.skipped, "created_at": run.created_at.isoformat(),
            "finished_at": run.finished_at.isoformat() if run.finished_at else None, "problems": problems,
            "job": None if job is None else {"id": job.pk, "status": job.status, "done": job.done,
                                             "total": job.total, "errors": job.errors, "error": error}}


def _problem(path: str, exc: ReadError, lang: str) -> HttpResponse:
    with translation.override(lang):
        return problems_response([Problem(path, exc.text())], "the import was not started; nothing was saved")


@router.post("", response={202: ImportOut, **WRITE}, summary="Start an import")
def start_import(request: HttpRequest, file: File[UploadedFile],
                 preset: Literal["", "salesforce", "hubspot", "zh-crm"] = Form(
                     "", description="column names of this CRM's export first"),
                 mapping: str = Form("", description="a mapping as JSON: columns, constants, values, amount_unit, "
                                                     "mode, skip_bad (docs/imports.md)"),
                 sheet: str = Form("", description="the workbook's sheet; default: the first with data"),
                 header_row: int = Form(0, ge=0, le=30, description="the row of the column names; 0: detected"),
                 mode: Literal["", "create", "update", "both"] = Form("", description="default: both"),
                 skip_bad: bool = Form(False, description="import the good rows, list the bad (default: all or "
                                                          "nothing)"),
                 lang: Literal["zh", "en"] | None = None) -> Any:
    """Checks the file and its mapping, then imports it as a background job (202). Poll
    `GET /imports/{id}` for progress; the result has the counts and every row's problem."""
    lang = language(request, lang)
    if file.size == 0 or file.size > MAX_UPLOAD:
        return problems_response([Problem("file", f"the file must hold 1 byte to {MAX_UPLOAD // 2**20} MB")])
    try:
        given = json.loads(mapping) if mapping.strip() else None
    except ValueError as exc:
        return problems_response([Problem("mapping", f"not JSON: {exc}")])
    run = ImportRun(owner=request.user, filename=(file.name or "upload")[:255], data=file.read())
    try:
        with stored.run_table(run, sheet=sheet or None, header_row=header_row or None) as table:
            run.sheet, run.header_row, headers = table.sheet, table.header_row, table.headers
    except ReadError as exc:
        return _problem("file", exc, lang)
    try:
        chosen = mapping_for(headers, preset, given)
    except ReadError as exc:
        return _problem("mapping", exc, lang)
    if mode:
        chosen.mode = mode
    elif given is None or "mode" not in given:
        chosen.mode = "both"
    chosen.skip_bad = chosen.skip_bad or skip_bad
    run.mapping, run.status = chosen.to_data(), Status.RUNNING
    with transaction.atomic():
        run.save()
        with translation.override(lang):
            job = start_job("import", owner=request.user, params={"run": run.pk}, label=run.filename)
        ImportRun.objects.filter(pk=run.pk).update(job_id=job.pk)
    run.refresh_from_db()
    return Answer(202, _out(run, Job.objects.filter(pk=job.pk).first(), lang))


@router.get("", response={200: list[ImportOut], **READ}, summary="List imports")
def list_imports(request: HttpRequest, lang: Literal["zh", "en"] | None = None) -> Any:
    """Your imports, newest first (admins: everyone's); the latest fifty."""
    runs = list(ImportRun.objects.visible_to(request.user).select_related("owner").defer("data")[:_LISTED])
    jobs = Job.objects.in_bulk([r.job_id for r in runs if r.job_id is not None])
    lang = language(request, lang)
    return [_out(run, jobs.get(run.job_id), lang) for run in runs]


@router.get("/{import_id}", response={200: ImportOut, **READ}, summary="Get an import with its progress")
def get_import(request: HttpRequest, import_id: int, lang: Literal["zh", "en"] | None = None) -> Any:
    run = get_run_for_user(request, import_id)
    job = Job.objects.filter(pk=run.job_id).first() if run.job_id is not None else None
    return _out(run, job, language(request, lang))
