"""`dealpilot notes DEAL.yaml NOTES.txt`: propose checklist answers from meeting notes, offline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from dealpilot.cli.assess import _as_of, load
from dealpilot.engine.document import dump_document
from dealpilot.engine.errors import EngineError
from dealpilot.engine.glossary import ANSWER_STATUS
from dealpilot.notes import apply_proposals, propose
from dealpilot.notes.apply import AUTO_ACCEPT, accepted_by_default

STATUS = {lang: {k: v.get(lang) for k, v in ANSWER_STATUS.items()} for lang in ("zh", "en")}
CATEGORY = {"zh": {"make_money": "增加收入", "save_money": "节省成本", "manage_risk": "控制风险"},
            "en": {"make_money": "make money", "save_money": "save money", "manage_risk": "manage risk"}}
WORDS = {
    "zh": {"crit": "检查项", "status": "状态", "conf": "把握", "source": "来源", "date": "日期", "evidence": "证据",
           "none": "这段记录里没有与检查项相关的内容。", "people": "新出现的人", "pains": "痛点",
           "competitors": "竞争对手", "objections": "异议", "new": "（新）", "applied": "已写入 {n} 条答案：{path}",
           "would": "将写入 {n} 条答案（--dry-run，未写入）"},
    "en": {"crit": "Criterion", "status": "Status", "conf": "Conf.", "source": "Source", "date": "Date",
           "evidence": "Evidence", "none": "Nothing in these notes bears on a criterion.", "people": "New people",
           "pains": "Pains", "competitors": "Competitors", "objections": "Objections", "new": " (new)",
           "applied": "Wrote {n} answer(s) to {path}", "would": "Would write {n} answer(s) (--dry-run, nothing written)"},
}


def fail(lines: list[str], lang: str) -> None:
    """Bad input: say what is wrong on stderr, exit 2, read and write nothing."""
    click.echo("输入有误，未做任何处理：" if lang == "zh" else "Invalid input; nothing was done:", err=True)
    for line in lines:
        click.echo(f"  {line}", err=True)
    raise SystemExit(2)


def proposal_rows(found: Any, deal: Any, playbook: Any, lang: str) -> list[dict[str, Any]]:
    """The JSON form of each proposal: criterion, status, evidence, source, date, confidence and more."""
    out = []
    for p in found.proposals:
        c = playbook.criterion(p.criterion)
        person = deal.stakeholder(p.source)
        out.append({"criterion": p.criterion, "criterion_text": c.text.get(lang) if c else p.criterion,
                    "dimension": p.dimension, "status": p.status, "evidence": p.evidence, "source": p.source,
                    "source_name": person.name if person else None, "date": p.date.isoformat(),
                    "confidence": p.confidence, "alternatives": list(p.alternatives), "hearsay": p.hearsay,
                    "cue": p.cue, "sentence": p.sentence, "start": p.start, "end": p.end,
                    "amounts": list(p.amounts), "dates": [d.isoformat() for d in p.dates]})
    return out


def _text(found: Any, deal: Any, playbook: Any, lang: str, console: Console) -> None:
    w = WORDS[lang]
    if not found.proposals:
        console.print(w["none"])
    else:
        table = Table(box=None, pad_edge=False)
        for col in ("crit", "status", "conf", "source", "date", "evidence"):
            table.add_column(w[col], overflow="fold")
        for row in proposal_rows(found, deal, playbook, lang):
            table.add_row(row["criterion_text"], STATUS[lang][row["status"]], f"{row['confidence']:.2f}",
                          row["source_name"] or "—", row["date"], row["evidence"])
        console.print(table)
    extras = [
        (w["people"], [f"{p.name}{'（' + p.title + '）' if p.title and lang == 'zh' else (' (' + p.title + ')' if p.title else '')}"
                       for p in found.people]),
        (w["pains"], [f"[{CATEGORY[lang][p.category]}] {p.text}" for p in found.pains]),
        (w["competitors"], [c.name + ("" if c.known else w["new"]) for c in found.competitors]),
        (w["objections"], [o.text for o in found.objections]),
    ]
    for title, items in extras:
        if items:
            console.print(f"\n[bold]{title}[/bold]")
            for item in items:
                console.print(f"  • {item}", markup=False, highlight=False)


@click.command()
@click.argument("deal_path", metavar="DEAL.yaml", type=click.Path(dir_okay=False, path_type=str))
@click.argument("notes_path", metavar="NOTES.txt", type=click.Path(dir_okay=False, path_type=str))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the output / 输出语言 (the notes may be in either, or both).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--date", "day", callback=_as_of, metavar="YYYY-MM-DD",
              help="Day of the activity the notes are about (default: the document's as_of, else today).")
@click.option("--with", "participants", metavar="ID,ID",
              help="Stakeholder ids who took part: the source of sentences that name nobody.")
@click.option("--apply", "do_apply", is_flag=True,
              help=f"Write the confident proposals (confidence ≥ {AUTO_ACCEPT}, no hearsay) into DEAL.yaml as answers.")
@click.option("--dry-run", is_flag=True, help="With --apply: say what would be written, write nothing.")
def notes(deal_path: str, notes_path: str, lang: str, fmt: str, day: dt.date | None, participants: str | None,
          do_apply: bool, dry_run: bool) -> None:
    """Propose checklist answers from meeting notes, offline / 从拜访记录提取证据（离线）."""
    try:
        deal, playbook = load(deal_path, None)
    except EngineError as exc:
        fail(exc.lines(), lang)
    try:
        text = Path(notes_path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        fail([f"{notes_path}: cannot read: {exc}"], lang)
    who = [p.strip() for p in (participants or "").split(",") if p.strip()]
    unknown = [p for p in who if deal.stakeholder(p) is None]  # type: ignore[attr-defined]
    if unknown:
        fail([f"--with: no stakeholder {p!r} in {deal_path}" for p in unknown], lang)
    found = propose(text, deal, playbook, on=day, participants=who)
    if fmt == "json":
        click.echo(json.dumps(proposal_rows(found, deal, playbook, lang), ensure_ascii=False, indent=2))
    else:
        _text(found, deal, playbook, lang, Console(highlight=False))
    if do_apply:
        updated, written = apply_proposals(deal, accepted_by_default(found.proposals))
        if dry_run:
            click.echo(WORDS[lang]["would"].format(n=len(written)), err=True)
            return
        fmt_out = "json" if deal_path.lower().endswith(".json") else "yaml"
        Path(deal_path).write_text(dump_document(updated, fmt_out), encoding="utf-8")
        click.echo(WORDS[lang]["applied"].format(n=len(written), path=deal_path), err=True)
