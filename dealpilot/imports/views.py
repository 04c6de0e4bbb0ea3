"""The import wizard: upload → sheet and header row → mapping → preview → import (a background
job) → history, failed rows, revert."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dealpilot.accounts.models import Role, profile_of, role_of
from dealpilot.deals.stages import workspace_stages
from dealpilot.imports import stored
from dealpilot.imports.access import get_run_for_user
from dealpilot.imports.forms import SHOWN_TABLES, UploadForm, mapping_from_post, value_table_text
from dealpilot.imports.importing import run_import
from dealpilot.imports.mapping import FIELDS, Mapping, auto_map
from dealpilot.imports.models import ImportRun, SavedMapping, Status
from dealpilot.imports.problems import Problem, ReadError


def _saved_choices(user: Any) -> list[tuple[int, str]]:
    return [(s.pk, s.name + (f" · {_('shared')}" if s.team_id else ""))
            for s in SavedMapping.objects.usable_by(user)]


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    saved = _saved_choices(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, saved=saved)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            run = ImportRun(owner=request.user, filename=upload.name[:255], data=upload.read())
            chosen = SavedMapping.objects.usable_by(request.user).filter(pk=form.cleaned_data["saved"]).first()
            try:
                with stored.run_table(run) as table:
                    run.sheet, run.header_row = table.sheet, table.header_row
                    run.mapping = _fit(chosen.mapping if chosen else None, table.headers)
            except ReadError as exc:
                form.add_error("file", exc.text())
            else:
                run.save()
                return redirect("import_run", run.pk)
        status = 400
    runs = ImportRun.objects.visible_to(request.user).select_related("owner").defer("data")[:50]
    return render(request, "imports/start.html", {"form": form, "runs": runs}, status=status)


def _fit(saved: dict[str, Any] | None, headings: list[str]) -> dict[str, Any]:
    """A saved mapping applied to a new file: its columns the file has, the rest matched by name."""
    mapping = auto_map(headings)
    if saved:
        given = Mapping.from_data(saved)
        given.columns = {f: h for f, h in given.columns.items() if h in headings}
        taken = set(given.columns.values())
        for name, heading in mapping.columns.items():
            if name not in given.columns and name not in given.constants and heading not in taken:
                given.columns[name] = heading
        mapping = given
    return mapping.to_data()


@login_required
@require_http_methods(["GET", "POST"])
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_run_for_user(request, pk)
    errors: list[str] = []
    if request.method == "POST":
        if run.status != Status.DRAFT:
            return redirect("import_run", run.pk)
        errors = _apply(request, run)
        if not errors:
            return redirect("import_run", run.pk)
    return render(request, "imports/run.html", _context(request, run, errors), status=400 if errors else 200)


def _apply(request: HttpRequest, run: ImportRun) -> list[str]:
    """The sheet/header form or the mapping form; what is wrong, with nothing saved."""
    post = request.POST
    if post.get("step") == "table":
        try:
            row = int(post.get("header_row", ""))
            with stored.run_table(run, sheet=post.get("sheet", ""), header_row=row) as table:
                run.sheet, run.header_row = table.sheet, table.header_row
                run.mapping = auto_map(table.headers, Mapping.from_data(run.mapping).preset).to_data()
        except ValueError:
            return [_("The header row is a row number.")]
        except ReadError as exc:
            return [exc.text()]
        run.save(update_fields=["sheet", "header_row", "mapping"])
        return []
    with stored.run_table(run) as table:
        mapping, errors = mapping_from_post(post, table.headers, Mapping.from_data(run.mapping))
    if mapping is None:
        return errors
    name = post.get("save_as", "").strip()[:100]
    with transaction.atomic():
        run.mapping = mapping.to_data()
        run.save(update_fields=["mapping"])
        if name:
            share = post.get("share") == "on" and role_of(request.user) in (Role.MANAGER, Role.ADMIN)
            profile = profile_of(request.user)
            SavedMapping.objects.update_or_create(
                owner=request.user, name=name,
                defaults={"mapping": run.mapping, "team_id": profile.team_id if share and profile else None})
            messages.success(request, _("Mapping saved as “%(name)s”.") % {"name": name})
    return []


def _context(request: HttpRequest, run: ImportRun, errors: list[str]) -> dict[str, Any]:
    fields = {name: _(label) for name, label in FIELDS.items()}
    ctx: dict[str, Any] = {"run": run, "errors": errors, "fields": fields, "tables": SHOWN_TABLES,
                           "may_share": role_of(request.user) in (Role.MANAGER, Role.ADMIN), "job": _job(run),
                           "stage_labels": workspace_stages().labels()}
    if run.status == Status.DRAFT:
        try:
            with stored.run_table(run) as table:
                mapping = stored.run_mapping(run, table)
                out = run_import(stored.limited(table), mapping, request.user, dry_run=True)
        except ReadError as exc:
            ctx.update(read_error=exc.text())
            return ctx
        ctx.update(table=table, mapping=mapping, outcome=out, problems=out.problems[:500],
                   checked_all=out.rows < stored.PREVIEW_CHECK_ROWS, value_text=value_table_text)
    else:
        ctx.update(problems=[Problem.from_data(p) for p in run.problems[:500]])
    return ctx


def _job(run: ImportRun) -> Any:
    if run.job_id is None:
        return None
    from dealpilot.jobs.models import Job

    job = Job.objects.filter(pk=run.job_id).first()
    if job is not None and run.status == Status.RUNNING and job.status == Job.Status.FAILED:
        # The worker died under the import (its transaction was rolled back): nothing was written.
        ImportRun.objects.filter(pk=run.pk, status=Status.RUNNING).update(status=Status.FAILED,
                                                                         finished_at=job.finished_at)
        run.status = Status.FAILED
    return job


@login_required
@require_POST
def import_go(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_run_for_user(request, pk)
    if run.status != Status.DRAFT:
        return redirect("import_run", run.pk)
    from dealpilot.jobs import start_job

    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status == Status.DRAFT:  # a double click starts one import
            run.status = Status.RUNNING
            run.save(update_fields=["status"])
            job = start_job("import", owner=request.user, params={"run": run.pk}, label=run.filename)
            ImportRun.objects.filter(pk=run.pk).update(job_id=job.pk)
    return redirect("import_run", run.pk)


@login_required
@require_POST
def import_revert(request: HttpRequest, pk: int) -> HttpResponse:
    from dealpilot.imports.reverting import NotRevertible, revert

    run = get_run_for_user(request, pk)
    try:
        counts = revert(run, request.user)
    except NotRevertible:
        messages.error(request, _("This import can no longer be reverted."))
        return redirect("import_run", run.pk)
    messages.success(request, _("Import reverted: %(removed)s deals removed, %(restored)s restored.") % counts)
    return redirect("import_run", run.pk)


@login_required
@require_GET
def import_failed_rows(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_run_for_user(request, pk)
    reasons: dict[int, list[str]] = {}
    problems = [Problem.from_data(p) for p in run.problems] if run.status != Status.DRAFT else None
    with stored.run_table(run) as table:
        if problems is None:
            problems = run_import(table, stored.run_mapping(run, table), request.user, dry_run=True).problems
        for p in problems:
            reasons.setdefault(p.row, []).append(f"{p.column}: {p.text()}" if p.column else p.text())
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for cells in stored.failed_rows(table, {n: "; ".join(r) for n, r in reasons.items()}):
            writer.writerow(cells)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="failed-rows-{run.pk}.csv"'
    return response


