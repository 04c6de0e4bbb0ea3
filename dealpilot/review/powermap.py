"""The power map's data: stakeholders as an org chart over reporting lines, plus the engine's
paths of introduction, as an ECharts graph (positions computed here so the chart is stable)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from dealpilot.review import labels as lb

_X_GAP, _Y_GAP = 170, 150


def _layout(people: list[Any]) -> dict[str, tuple[float, float]]:
    """A tidy top-down tree: each person centred over their reports; several roots side by side."""
    ids = {p.id for p in people}
    kids: dict[str, list[str]] = {p.id: [] for p in people}
    roots: list[str] = []
    for p in people:
        boss = p.reports_to if p.reports_to in ids else None
        (kids[boss] if boss else roots).append(p.id)
    pos: dict[str, tuple[float, float]] = {}
    cursor = 0.0
    placed: set[str] = set()
    # Post-order walk with an explicit stack (a 500-level chain would overflow recursion):
    # a person is placed after all their reports, centred over the first and the last.
    for root in roots:
        stack: list[tuple[str, int, list[str] | None]] = [(root, 0, None)]
        while stack:
            sid, depth, children = stack.pop()
            if children is None:
                children = [k for k in kids[sid] if k not in placed]
                placed.add(sid)
                if children:
                    stack.append((sid, depth, children))
                    stack.extend((k, depth + 1, None) for k in reversed(children))
                    continue
            if children:
                x = (pos[children[0]][0] + pos[children[-1]][0]) / 2
            else:
                x, cursor = cursor, cursor + _X_GAP
            pos[sid] = (x, depth * _Y_GAP)
    for p in people:  # a reporting cycle leaves people unplaced: put them on a row of their own
        if p.id not in pos:
            pos[p.id] = (cursor, 0.0)
            cursor += _X_GAP
    return pos


def _days(last: dt.date | None, today: dt.date) -> int | None:
    return (today - last).days if last else None


def power_map(assessment: Any, lang: str, today: dt.date,
              edit_url: Callable[[str], str | None] | None = None) -> dict[str, Any]:
    """Nodes, edges and legend for the map; `edit_url(stakeholder id)` links a node to its form."""
    deal, pb = assessment.deal, assessment.playbook
    people = deal.stakeholders
    pos = _layout(people)
    targets = {p.target for p in assessment.intro_paths}
    on_path = {sid for p in assessment.intro_paths for sid in p.via}
    nodes = []
    for s in people:
        att, acc, inf = s.attitude.value, s.access.value, s.influence.value
        days = _days(s.last_contact, today)
        border, width = lb.ACCESS_BORDER[acc]
        nodes.append({
            "id": s.id, "name": s.name, "title": s.title or "",
            "roles": [lb.role(pb, r, lang) for r in s.roles],
            "influence": inf, "attitude": att, "attitude_label": lb.attitude(att, lang),
            "attitude_icon": lb.ATTITUDE_ICON[att], "colour": lb.ATTITUDE_COLOUR[att],
            "access": acc, "access_label": lb.access(acc, lang), "border": border, "border_width": width,
            "days_since_contact": days, "size": lb.INFLUENCE_SIZE[inf],
            "x": pos[s.id][0], "y": pos[s.id][1],
            "unreached_target": s.id in targets, "on_path": s.id in on_path,
            "edit_url": edit_url(s.id) if edit_url else None,
        })
    edges: list[dict[str, Any]] = []
    known = {s.id for s in people}
    for s in people:
        if s.reports_to in known:
            edges.append({"source": s.reports_to, "target": s.id, "kind": "reports_to"})
        for r in s.relationships:
            if r.with_ in known:
                edges.append({"source": s.id, "target": r.with_, "kind": r.kind.value})
    paths = []
    for p in assessment.intro_paths:
        chain = [*p.via, p.target] if p.via else []
        for a, b in zip(chain, chain[1:], strict=False):
            edges.append({"source": a, "target": b, "kind": "intro"})
        paths.append({"target": p.target, "via": p.via, "message": p.message.get(lang)})
    return {"lang": lang, "nodes": nodes, "edges": edges, "paths": paths, "legend": lb.legend(lang),
            "words": _words(lang)}


def _words(lang: str) -> dict[str, str]:
    zh = lang == "zh"
    return {
        "days": "天前联系" if zh else "days since contact",
        "day": "天前联系" if zh else "day since contact",
        "never": "尚无联系" if zh else "no contact yet",
        "reports_to": "汇报关系" if zh else "reports to",
        "knows": "认识" if zh else "knows",
        "works_closely": "密切共事" if zh else "works closely with",
        "intro": "引荐路径" if zh else "path of introduction",
        "unreached": "未接触的决策者/预算审批人" if zh else "unreached decider / fund approver",
        "click": "点击人物即可编辑" if zh else "Click a person to edit them",
    }
