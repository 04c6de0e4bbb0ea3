"""`dealpilot assess FILE...`: score deal documents, list red flags, plan the next call."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
from rich.console import Console

from dealpilot.engine.assess import Assessment
from dealpilot.engine.assess import assess as run_assessment
from dealpilot.engine.dates import parse_day
from dealpilot.engine.document import DocumentError, read_document
from dealpilot.engine.errors import EngineError
from dealpilot.engine.playbook import Playbook, get_playbook
from dealpilot.engine.report import render_markdown, render_text

LANGS = click.Choice(["zh", "en"])


def _as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def fail(lines: list[str], lang: str) -> None:
    """Bad input: say what is wrong on stderr, exit 2, print nothing else."""
    head = "输入有误，未做任何评估：" if lang == "zh" else "Invalid input; nothing was assessed:"
    click.echo(head, err=True)
    for line in lines:
        click.echo(f"  {line}", err=True)
    raise SystemExit(2)


def load(path: str, forced: Playbook | None) -> tuple[object, Playbook]:
    """Read one document and the playbook it is assessed with; EngineError names the file."""
    deal = read_document(path)
    pb = forced if forced is not None else get_playbook(deal.playbook)
    problems = pb.document_problems(deal)
    if problems:
        raise DocumentError(problems, path)
    return deal, pb


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Terminal report, JSON, or a Markdown deal review.")
@click.option("--lang", type=LANGS, default="zh", show_default=True, help="Language of the report / 报告语言.")
@click.option("--as-of", "as_of", callback=_as_of, metavar="YYYY-MM-DD",
              help="Assess as of this day (default: the document's as_of, else today).")
@click.option("--playbook", "playbook_ref", metavar="ID|PATH",
              help="Playbook to assess with (default: the one the document names).")
def assess(files: tuple[str, ...], fmt: str, lang: str, as_of: dt.date | None, playbook_ref: str | None) -> None:
    """Assess deal documents (YAML or JSON) / 评估商机文档."""
    errors: list[str] = []
    forced: Playbook | None = None
    if playbook_ref is not None:
        try:
            forced = get_playbook(playbook_ref)
        except EngineError as exc:
            fail(exc.lines(), lang)
    results: list[Assessment] = []
    for path in files:
        try:
            deal, pb = load(path, forced)
        except EngineError as exc:
            errors += [line if exc.source else f"{path}: {line}" for line in exc.lines()]
            continue
        results.append(run_assessment(deal, pb, as_of))  # type: ignore[arg-type]
    if errors:
        fail(errors, lang)
    if fmt == "json":
        data = [a.to_dict(lang) for a in results]
        click.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo("\n---\n\n".join(render_markdown(a, lang) for a in results), nl=False)
    else:
        console = Console(highlight=False)
        for i, a in enumerate(results):
            if len(results) > 1:
                console.rule(Path(files[i]).name)
            render_text(a, lang, console)
