"""`dealpilot playbook list|show|validate|export|import`: the playbooks the engine assesses with."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from dealpilot.engine.errors import EngineError, PlaybookError, Problem
from dealpilot.engine.playbook import Playbook, get_playbook, list_playbooks, load_playbook

LANGS = click.Choice(["zh", "en"])


def _fail(exc: EngineError) -> None:
    for line in exc.lines():
        click.echo(line, err=True)
    raise SystemExit(2)


def playbook_dict(pb: Playbook, lang: str) -> dict[str, Any]:
    """Dimensions, criteria, stages and roles of a playbook in one language, JSON-ready."""
    return {
        "id": pb.id, "name": pb.name.get(lang), "description": pb.description.get(lang),
        "freshness_days": pb.freshness_days, "pain_freshness_days": pb.pain_freshness_days,
        "dimensions": [{"id": d.id, "name": d.name.get(lang), "weight": d.weight,
                        "criteria": [c.id for c in d.criteria]} for d in pb.dimensions],
        "criteria": [{"id": c.id, "dimension": d.id, "weight": c.weight, "text": c.text.get(lang),
                      "fact": c.fact, "role": c.role, "checks": list(c.checks),
                      "lexicon": list(c.lexicon.get(lang)) if c.lexicon else []} for d, c in pb.criteria()],
        "stages": [{"id": s.id, "name": s.name.get(lang), "probability": s.probability, "closed": s.closed,
                    "requires": s.requires.model_dump(), "focus": s.focus} for s in pb.stages],
        "roles": [{"id": r.id, "name": r.name.get(lang), "description": r.description.get(lang)} for r in pb.roles],
        "flags": {k: v.model_dump() for k, v in pb.flags.items()},
        "questions": [{"id": q.id, "purpose": q.purpose, "technique": q.technique, "criteria": list(q.criteria),
                       "roles": list(q.roles), "text": q.text.get(lang)} for q in pb.questions],
    }


@click.group()
def playbook() -> None:
    """List, show and validate playbooks / 查看与校验评估手册."""


@playbook.command("list")
@click.option("--lang", type=LANGS, default="zh", show_default=True)
def list_cmd(lang: str) -> None:
    """List the built-in playbooks / 列出内置评估手册."""
    table = Table(box=None, pad_edge=False)
    for col in (("编号", "id"), ("名称", "name"), ("维度", "dimensions"), ("标准", "criteria"), ("问题", "questions")):
        table.add_column(col[0] if lang == "zh" else col[1])
    for pid in list_playbooks():
        try:
            pb = get_playbook(pid)
        except EngineError as exc:
            _fail(exc)
        table.add_row(pb.id, pb.name.get(lang), ", ".join(d.id for d in pb.dimensions),
                      str(len(pb.criteria())), str(len(pb.questions)))
    Console(highlight=False).print(table)


@playbook.command("show")
@click.argument("ref", metavar="ID|PATH")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=LANGS, default="zh", show_default=True)
def show(ref: str, fmt: str, lang: str) -> None:
    """Show a playbook's dimensions, criteria, stages and roles / 显示评估手册."""
    try:
        pb = get_playbook(ref)
    except EngineError as exc:
        _fail(exc)
    data = playbook_dict(pb, lang)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    console.print(f"[bold]{data['name']}[/bold] ({pb.id})")
    console.print(data["description"])
    for d in pb.dimensions:
        table = Table(title=f"{d.name.get(lang)} ({d.id})", title_justify="left", box=None)
        for col in (("编号", "id"), ("权重", "weight"), ("标准", "criterion")):
            table.add_column(col[0] if lang == "zh" else col[1])
        for c in d.criteria:
            table.add_row(c.id, f"{c.weight:g}", c.text.get(lang))
        console.print(table)
    stage_label, role_label = ("阶段", "角色") if lang == "zh" else ("Stages", "Roles")
    console.print(f"[bold]{stage_label}[/bold]: " + ", ".join(f"{s['name']} ({s['id']})" for s in data["stages"]))
    console.print(f"[bold]{role_label}[/bold]: " + ", ".join(f"{r['name']} ({r['id']})" for r in data["roles"]))


@playbook.command("validate")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
def validate(path: str) -> None:
    """Validate a playbook file; exit 2 listing every problem / 校验评估手册文件."""
    try:
        pb = load_playbook(path)
    except EngineError as exc:
        _fail(exc)
    click.echo(f"ok: {pb.id} — {len(pb.dimensions)} dimensions, {len(pb.criteria())} criteria, "
               f"{len(pb.stages)} stages, {len(pb.questions)} questions")


@playbook.command("export")
@click.argument("ref", metavar="ID")
@click.argument("out", type=click.File("w", encoding="utf-8"), default="-")
def export_cmd(ref: str, out: Any) -> None:
    """Write a shipped or team playbook as YAML (a team playbook's draft) / 导出方法手册为 YAML."""
    from dealpilot.cli.demo import _setup_django

    _setup_django()
    from dealpilot.playbooks.store import source_data, to_yaml

    try:
        out.write(to_yaml(source_data(ref)))
    except EngineError as exc:
        _fail(exc)


@playbook.command("import")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=str))
@click.option("--id", "pid", default=None, help="The new team playbook's id (default: the file's).")
@click.option("--based-on", default="ppvvcc", show_default=True, help="The playbook it replaces when published.")
def import_cmd(path: str, pid: str | None, based_on: str) -> None:
    """Create a team playbook draft from a YAML file (validated; exit 2 listing every problem) /
    从 YAML 文件创建团队方法手册草稿."""
    from dealpilot.cli.demo import _setup_django

    _setup_django()
    from dealpilot.playbooks.store import create_draft, from_yaml

    try:
        with open(path, encoding="utf-8-sig") as f:
            data = from_yaml(f.read())
        if not isinstance(data, dict):
            raise PlaybookError([Problem("(playbook)", "a playbook must be a mapping")], path)
        team = create_draft(pid or str(data.get("id", "")), data, based_on, None)
    except EngineError as exc:
        _fail(exc)
    click.echo(f"draft {team.pid} (based on {team.based_on}); publish it at /playbooks/{team.pid}/edit/")
