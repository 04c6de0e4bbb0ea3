"""`dealpilot backup FILE` and `dealpilot restore FILE`: the whole database in one archive, and back."""

from __future__ import annotations

import getpass
import socket
from pathlib import Path

import click

from dealpilot.cli.demo import _setup_django


def command_line() -> dict[str, str]:
    """Where a command-line event came from, for the audit trail (it has no request)."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        who = ""
    return {"via": "command line", "os_user": who, "host": socket.gethostname()}


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path) -> None:
    """Write every table of the database to FILE (a ZIP archive), consistent while the app runs."""
    _setup_django()
    from dealpilot.audit import record
    from dealpilot.backup.archive import BackupError, write_backup

    record(None, "backup", target=str(file), detail=command_line())
    try:
        summary = write_backup(file)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    size = summary.path.stat().st_size
    click.echo(f"backup: {summary.tables} tables, {summary.rows} rows → {summary.path} ({size / 1e6:.1f} MB)")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the archive and the database; change nothing.")
def restore(file: Path, dry_run: bool) -> None:
    """Restore FILE (made by `dealpilot backup`) into an empty database of the same schema version."""
    _setup_django()
    from dealpilot.audit import record
    from dealpilot.backup.restore import RestoreRefused, plan, restore_backup

    try:
        checked = plan(file) if dry_run else restore_backup(file)
    except RestoreRefused as exc:
        raise click.ClickException(str(exc)) from None
    made = checked.manifest["created_at"]
    if dry_run:
        click.echo(f"restore (dry run): {file} (made {made}) can be restored: "
                   f"{len(checked.manifest['tables'])} tables, {checked.rows} rows; nothing changed.")
        return
    record(None, "restore", target=str(file), detail={"made": made, "rows": checked.rows, **command_line()})
    click.echo(f"restore: {len(checked.manifest['tables'])} tables, {checked.rows} rows from {file} (made {made}).")
