"""The edit form's fields, each named for its path in the playbook document.

A field's name is the path it writes (`dimensions[0].criteria[2].weight`), so a problem that
`parse_playbook` reports for a path is shown next to the field of that path.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from dealpilot.engine.errors import Problem

_PART = re.compile(r"([a-z_]+)|\[(\d+)\]")


def criterion_fields(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for i, d in enumerate(data.get("dimensions", [])):
        for j, c in enumerate(d.get("criteria", [])):
            base = f"dimensions[{i}].criteria[{j}]"
            out.append({"dimension": d.get("id"), "id": c.get("id"), "weight": (f"{base}.weight", c.get("weight")),
                        "zh": (f"{base}.text.zh", c.get("text", {}).get("zh", "")),
                        "en": (f"{base}.text.en", c.get("text", {}).get("en", ""))})
    return out


GATE_NUMBERS = ("min_score", "min_stakeholders_reached")


def stage_fields(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for i, s in enumerate(data.get("stages", [])):
        if s.get("closed"):
            continue
        req = s.get("requires", {})
        base = f"stages[{i}].requires"
        out.append({"id": s.get("id"), "name": s.get("name", {}),
                    "min_score": (f"{base}.min_score", req.get("min_score", 0)),
                    "min_stakeholders_reached": (f"{base}.min_stakeholders_reached", req.get("min_stakeholders_reached", 0)),
                    "budget_at_least": (f"{base}.budget_at_least", req.get("budget_at_least") or ""),
                    "accept_budget": (f"{base}.accept_budget", ", ".join(req.get("accept_budget", [])))})
    return out


def flag_fields(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"id": fid, "severity": (f"flags.{fid}.severity", f.get("severity")),
             "threshold": (f"flags.{fid}.threshold", "" if f.get("threshold") is None else f.get("threshold")),
             "enabled": (f"flags.{fid}.enabled", f.get("enabled", True))}
            for fid, f in data.get("flags", {}).items()]


def _set(data: Any, path: str, value: Any) -> None:
    parts = [m.group(1) or int(m.group(2)) for m in _PART.finditer(path)]
    node = data
    for p in parts[:-1]:
        node = node.setdefault(p, {}) if isinstance(p, str) else node[p]
    node[parts[-1]] = value


def _number(raw: str, path: str, problems: list[Problem], integer: bool = False) -> Any:
    try:
        return int(raw) if integer else float(raw)
    except ValueError:
        problems.append(Problem(path, "a whole number is required" if integer else "a number is required"))
        return raw


def apply_form(draft: dict[str, Any], post: Any) -> tuple[dict[str, Any], list[Problem]]:
    """The draft with the form's values written in, and the values that are not even numbers."""
    data, problems = copy.deepcopy(draft), []
    for c in criterion_fields(draft):
        for key in ("zh", "en"):
            _set(data, c[key][0], post.get(c[key][0], "").strip())
        _set(data, c["weight"][0], _number(post.get(c["weight"][0], "").strip(), c["weight"][0], problems))
    for s in stage_fields(draft):
        for key in GATE_NUMBERS:
            path = s[key][0]
            _set(data, path, _number(post.get(path, "0").strip() or "0", path, problems, key != "min_score"))
        path = s["budget_at_least"][0]
        _set(data, path, post.get(path, "").strip() or None)
        path = s["accept_budget"][0]
        _set(data, path, [x.strip() for x in post.get(path, "").replace("，", ",").split(",") if x.strip()])
    for f in flag_fields(draft):
        _set(data, f["severity"][0], post.get(f["severity"][0], ""))
        raw = post.get(f["threshold"][0], "").strip()
        _set(data, f["threshold"][0], None if raw == "" else _number(raw, f["threshold"][0], problems))
        _set(data, f["enabled"][0], post.get(f["enabled"][0]) == "on")
    return data, problems
