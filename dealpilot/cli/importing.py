"""`dealpilot import FILE`: bring deals in from a CSV, XLSX or XLS file, as the wizard does."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click
import yaml


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dealpilot.web.settings")
    import django

    django.setup()


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--preset", type=click.Choice(["salesforce", "hubspot", "zh-crm"]), help="Column names of this CRM's export first.")
@click.option("--mapping", "mapping_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A mapping (YAML or JSON): columns, constants, values, amount_unit, mode, skip_bad.")
@click.option("--owner", required=True, help="Username the import runs as: its permissions, and the owner of rows without one.")
@click.option("--update", "mode", flag_value="update", help="Only update deals that exist (matched by id or account + name).")
@click.option("--create-only", "mode", flag_value="create", help="Only create new deals; rows of existing deals are skipped.")
@click.option("--sheet", help="The workbook's sheet (default: the first with data).")
@click.option("--header-row", type=click.IntRange(1, 30), help="The row holding the column names (default: detected).")
@click.option("--skip-bad", is_flag=True, help="Import the good rows and list the bad ones (default: all or nothing).")
@click.option("--dry-run", is_flag=True, help="Check every row and say what would change; write nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def import_deals(file: Path, preset: str | None, mapping_file: Path | None, owner: str, mode: str | None,
                 sheet: str | None, header_row: int | None, skip_bad: bool, dry_run: bool, fmt: str) -> None:
    """Import deals from FILE (CSV in any common encoding, XLSX, XLS); exit 2 when rows have problems."""
    _setup_django()
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from dealpilot.imports.problems import ReadError
    from dealpilot.imports.reading import open_table

    translation.activate("en")
    user = get_user_model().objects.filter(username=owner).first()
    if user is None:
        raise click.BadParameter(f"no user is called {owner!r}", param_hint="--owner")
    try:
        table = open_table(file, file.name, sheet=sheet, header_row=header_row)
        mapping = _mapping(table.headers, preset or "", mapping_file)
    except ReadError as exc:
        raise click.ClickException(exc.text()) from None
    if mode:
        mapping.mode = mode
    elif not (mapping_file and "mode" in _load(mapping_file)):
        mapping.mode = "both"
    mapping.skip_bad = mapping.skip_bad or skip_bad
    try:
        out = _run(file, table, mapping, user, dry_run)
    except ReadError as exc:
        raise click.ClickException(exc.text()) from None
    for p in out.problems:
        click.echo(f"row {p.row}, {p.column or '-'}: {p.text()}", err=True)
    if fmt == "json":
        click.echo(json.dumps(out.to_dict(), ensure_ascii=False, indent=2))
    else:
        verb = "would be " if dry_run else ""
        state = "" if out.written or dry_run else " — nothing imported (all or nothing; --skip-bad imports the good rows)"
        click.echo(f"import: {out.rows} rows; {out.created} {verb}created, {out.updated} {verb}updated, "
                   f"{out.skipped} skipped, {out.bad_rows} with problems{state}")
    if out.problems:
        raise SystemExit(2)


def _load(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{path.name} is not YAML or JSON: {exc}") from None


def _mapping(headers: list[str], preset: str, mapping_file: Path | None) -> Any:
    from dealpilot.imports.mapping import mapping_for

    return mapping_for(headers, preset, _load(mapping_file) if mapping_file is not None else None)


def _run(file: Path, table: Any, mapping: Any, user: Any, dry_run: bool) -> Any:
    from django.utils import timezone

    from dealpilot.imports.importing import assess_created, run_import
    from dealpilot.imports.models import ImportRun, Status
    from dealpilot.imports.trail import record_run

    def progress(done: int, errors: int) -> None:
        if done % 10_000 == 0:
            click.echo(f"  … {done} rows, {errors} with problems", err=True)

    if dry_run:
        return run_import(table, mapping, user, dry_run=True, progress=progress)
    run = ImportRun.objects.create(owner=user, filename=file.name, data=file.read_bytes(), sheet=table.sheet,
                                   header_row=table.header_row, mapping=mapping.to_data(), status=Status.RUNNING)
    out = run_import(table, mapping, user, run=run, progress=progress)
    run.status = Status.DONE if out.written else Status.FAILED
    run.rows, run.created, run.updated, run.skipped = out.rows, out.created, out.updated, out.skipped
    run.problems = [p.to_data() for p in out.problems[:5000]]
    run.finished_at = timezone.now()
    run.save()
    record_run(run)
    if out.written:
        assess_created(run)
    return out
