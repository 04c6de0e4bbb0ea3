"""`dealpilot export OUT.zip`: everything (or everything one user may see) as one ZIP."""

from __future__ import annotations

from pathlib import Path

import click

from dealpilot.cli.backup import command_line
from dealpilot.cli.demo import _setup_django


def _progress(done: int, total: int) -> None:
    if done % 1000 == 0:
        click.echo(f"  … {done} of {total} deals")


@click.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--user", "username", default=None, help="Only what this user may see (default: the whole workspace).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the CSV headers.")
def export(out: Path, username: str | None, lang: str) -> None:
    """Write a deal document per deal and CSV tables of deals, accounts and contacts to OUT (a ZIP)."""
    _setup_django()
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from dealpilot.audit import record
    from dealpilot.exports.bundle import EVERYONE, visible_deals, write_bundle

    user: object = EVERYONE
    if username is not None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise click.ClickException(f"no user named {username!r}; nothing written.")
    partial = out.with_name(out.name + ".partial")
    with translation.override("zh-hans" if lang == "zh" else "en"):
        deals = visible_deals(user).count()
        try:
            with partial.open("wb") as stream:
                write_bundle(stream, user, lambda n: _progress(n, deals))
            partial.replace(out)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None
    record(None, "export", target=str(out), user=None if user is EVERYONE else user,
           detail={"format": "zip", "deals": deals, "for": username or "(everyone)", **command_line()})
    click.echo(f"export: {deals} deals → {out}")
