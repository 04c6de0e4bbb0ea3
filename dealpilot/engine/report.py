"""Readable reports of an assessment: a terminal view (rich) and a Markdown deal review."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text as RichText

from dealpilot.engine.assess import Assessment
from dealpilot.engine.glossary import TERMS
from dealpilot.engine.markdown_text import fence, inline
from dealpilot.engine.results import Coaching
from dealpilot.engine.wording import PURPOSE, SEVERITY, TECHNIQUE

_L = {
    "score": ("总分", "Score"), "stage": ("阶段", "Stage"), "close": ("预计成交", "Close"),
    "as_of": ("评估日期", "As of"), "dimensions": ("维度得分", "Dimensions"),
    "flags": (TERMS["red_flags"].zh, TERMS["red_flags"].en), "no_flags": ("没有风险预警。", "No red flags."),
    "stage_ok": ("已满足“{stage}”阶段的最低要求。", "Meets the minimum qualification of the {stage} stage."),
    "stage_missing": ("“{stage}”阶段尚缺：", "Missing for the {stage} stage:"),
    "plan": ("拜访计划", "Call plan"), "meet": ("下次与 {name} 会面：", "Next meeting with {name}:"),
    "nobody": ("还没有合适的人可问：", "Nobody suitable reached yet:"),
    "why": ("原因", "why"), "reach": ("先做", "first"), "intro": ("引荐路径", "Paths of introduction"),
    "no_questions": ("没有需要追问的问题。", "Nothing left to ask."),
    "review": ("商机评审", "Deal review"), "owner": ("负责人", "Owner"), "amount": ("金额", "Amount"),
    "dimension": ("维度", "Dimension"), "severity": ("严重度", "Severity"), "flag": (TERMS["red_flag"].zh, TERMS["red_flag"].en),
    "question": ("问题", "Question"), "how": ("方式", "How"), "explain": ("得分明细", "Score breakdown"),
}


def label(key: str, lang: str) -> str:
    zh, en = _L[key]
    return zh if lang == "zh" else en


def _colour(score: int) -> str:
    # The product's one colour scale for dimension scores: red < 40 ≤ amber < 70 ≤ green.
    return "red" if score < 40 else "yellow" if score < 70 else "green"


def _band(score: int, lang: str) -> str:
    words = {"red": ("弱", "weak"), "yellow": ("一般", "fair"), "green": ("强", "strong")}[_colour(score)]
    return words[0] if lang == "zh" else words[1]


def _bar(score: int, width: int = 20) -> str:
    filled = round(score * width / 100)
    return "█" * filled + "░" * (width - filled)


def _amount(a: Assessment) -> str:
    o = a.deal.opportunity
    return f"{o.amount:,.0f} {o.currency}" if o.amount is not None else "—"


def render_text(a: Assessment, lang: str, console: Console) -> None:
    o = a.deal.opportunity
    stage = a.playbook.stage(o.stage)
    stage_name = stage.name.get(lang) if stage else o.stage
    head = RichText()
    head.append(f"{o.name}", style="bold")
    head.append(f" · {o.account} · {label('stage', lang)} {stage_name} · {_amount(a)}")
    if o.close_date:
        head.append(f" · {label('close', lang)} {o.close_date}")
    head.append(f" · {label('as_of', lang)} {a.as_of}")
    console.print(head)
    console.print(RichText(f"{label('score', lang)} {a.score}/100 {_paren(_band(a.score, lang), lang)}",
                           style=f"bold {_colour(a.score)}"))
    console.print()
    grid = Table.grid(padding=(0, 1))
    for d in a.dimensions:
        grid.add_row(d.name.get(lang), RichText(_bar(d.score), style=_colour(d.score)),
                     f"{d.score:>3}", _band(d.score, lang))
    console.print(grid)
    console.print()
    console.print(RichText(label("flags", lang), style="bold"))
    if not a.flags:
        console.print(f"  {label('no_flags', lang)}")
    rows = _grid()
    for f in a.flags:
        style = {"high": "red", "medium": "yellow", "low": "dim"}[f.severity]
        rows.add_row(RichText(f"[{SEVERITY[f.severity].get(lang)}]", style=f"bold {style}"), f.message.get(lang))
    console.print(Padding(rows, (0, 0, 0, 2)))
    console.print()
    if a.stage_check.met:
        console.print(label("stage_ok", lang).format(stage=stage_name))
    else:
        console.print(RichText(label("stage_missing", lang).format(stage=stage_name), style="bold"))
        rows = _grid()
        for m in a.stage_check.missing:
            rows.add_row("-", m.get(lang))
        console.print(Padding(rows, (0, 0, 0, 2)))
    console.print()
    console.print(RichText(label("plan", lang), style="bold"))
    if not a.call_plan:
        console.print(f"  {label('no_questions', lang)}")
    for entry in a.call_plan:
        who = _who(a, entry.stakeholder)
        console.print(RichText(label("meet", lang).format(name=who) if entry.stakeholder else label("nobody", lang),
                               style="bold cyan"))
        rows = _grid()
        for q in entry.questions:
            cell = RichText(f"{_paren(_how(q, lang), lang)} {q.text.get(lang)}")
            cell.append(f"\n{label('why', lang)}{_colon(lang)}{q.reason.get(lang)}", style="dim")
            if q.reach is not None:
                cell.append(f"\n{label('reach', lang)}{_colon(lang)}{q.reach.get(lang)}", style="dim")
            rows.add_row("•", cell)
        console.print(Padding(rows, (0, 0, 0, 2)))
    if a.intro_paths:
        console.print()
        console.print(RichText(label("intro", lang), style="bold"))
        rows = _grid()
        for p in a.intro_paths:
            rows.add_row("→", p.message.get(lang))
        console.print(Padding(rows, (0, 0, 0, 2)))


def _grid() -> Table:
    """Two columns, so wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _how(q: Coaching, lang: str) -> str:
    """How to ask, and what for: "从侧面问 · 了解角色与职责"."""
    how = TECHNIQUE[q.technique].get(lang)
    return f"{how} · {PURPOSE[q.purpose].get(lang)}" if q.purpose in PURPOSE else how


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _paren(value: str, lang: str) -> str:
    return f"（{value}）" if lang == "zh" else f"({value})"


def _who(a: Assessment, sid: str | None) -> str:
    s = a.deal.stakeholder(sid)
    if s is None:
        return sid or "—"
    return f"{s.name}（{s.title}）" if s.title and _is_zh(s.name) else (f"{s.name} ({s.title})" if s.title else s.name)


def _is_zh(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def _md(value: object) -> str:
    """User text as literal Markdown text: no links, HTML or broken table rows."""
    return inline(value)


def render_markdown(a: Assessment, lang: str) -> str:
    o = a.deal.opportunity
    stage = a.playbook.stage(o.stage)
    stage_name = stage.name.get(lang) if stage else o.stage
    out = [f"# {label('review', lang)}{_colon(lang)}{_md(o.name)}", "",
           f"- {_md(o.account)} · {label('stage', lang)} {stage_name} · {label('amount', lang)} {_amount(a)}"
           + (f" · {label('close', lang)} {o.close_date}" if o.close_date else "")
           + (f" · {label('owner', lang)} {_md(o.owner)}" if o.owner else ""),
           f"- **{label('score', lang)}{_colon(lang)}{a.score}/100** {_paren(_band(a.score, lang), lang)} · {label('as_of', lang)} {a.as_of}",
           "", f"## {label('dimensions', lang)}", "",
           f"| {label('dimension', lang)} | {label('score', lang)} | |", "|---|---:|---|"]
    out += [f"| {d.name.get(lang)} | {d.score} | {_band(d.score, lang)} |" for d in a.dimensions]
    out += ["", f"## {label('flags', lang)}", ""]
    if not a.flags:
        out.append(label("no_flags", lang))
    out += [f"- **{SEVERITY[f.severity].get(lang)}** — {_md(f.message.get(lang))}" for f in a.flags]
    out.append("")
    if a.stage_check.met:
        out.append(label("stage_ok", lang).format(stage=stage_name))
    else:
        out.append(f"**{label('stage_missing', lang).format(stage=stage_name)}**")
        out += [f"- {m.get(lang)}" for m in a.stage_check.missing]
    out += ["", f"## {label('plan', lang)}", ""]
    if not a.call_plan:
        out.append(label("no_questions", lang))
    for entry in a.call_plan:
        who = _who(a, entry.stakeholder)
        out.append(f"### {label('meet', lang).format(name=_md(who)) if entry.stakeholder else label('nobody', lang)}")
        out.append("")
        for q in entry.questions:
            out.append(f"- [ ] {_paren(_how(q, lang), lang)} {_md(q.text.get(lang))}  ")
            out.append(f"  _{label('why', lang)}{_colon(lang)}{_md(q.reason.get(lang))}_")
            if q.reach is not None:
                out.append(f"  _{label('reach', lang)}{_colon(lang)}{_md(q.reach.get(lang))}_")
        out.append("")
    if a.intro_paths:
        out += [f"## {label('intro', lang)}", ""]
        out += [f"- {_md(p.message.get(lang))}" for p in a.intro_paths]
        out.append("")
    explained = a.explain(lang)
    out += ["<details>", f"<summary>{label('explain', lang)}</summary>", "", fence(explained)]
    out += explained
    out += [fence(explained), "", "</details>", ""]
    return "\n".join(out)
