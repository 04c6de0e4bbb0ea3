"""Assessment history: a snapshot of a verdict, and what changed between two snapshots.

A snapshot is plain JSON-ready data (overall score, per-dimension scores, flag ids, date) so any
door can store it; `compare` answers the deal review's question "what changed since the last
review" in both languages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from dealpilot.engine import glossary
from dealpilot.engine.playbook import Playbook, Text
from dealpilot.engine.wording import text

#: Short names of the red flags, for summaries that list flags without their deal-specific message.
FLAG_NAMES: dict[str, Text] = glossary.FLAG


def _day(when: dt.date | dt.datetime | str) -> str:
    if isinstance(when, dt.datetime):
        return when.date().isoformat()
    if isinstance(when, dt.date):
        return when.isoformat()
    return dt.date.fromisoformat(when).isoformat()


def snapshot(assessment: Any, when: dt.date | dt.datetime | str) -> dict[str, Any]:
    """The parts of an assessment that history keeps: scores, flag ids, the day it was taken."""
    return {
        "date": _day(when),
        "playbook": assessment.playbook.id,
        "score": int(assessment.score),
        "dimensions": {d.id: int(d.score) for d in assessment.dimensions},
        "flags": sorted({f.id for f in assessment.flags}),
    }


def fingerprint(snap: dict[str, Any]) -> str:
    """A short digest of what `moved` compares: equal digests, nothing moved."""
    core = {"score": snap["score"], "dimensions": snap["dimensions"], "flags": sorted(snap["flags"])}
    return hashlib.sha1(json.dumps(core, sort_keys=True).encode(), usedforsecurity=False).hexdigest()


def moved(a: dict[str, Any] | None, b: dict[str, Any]) -> bool:
    """True when `b` differs from `a` in a score or in its flags (the date alone does not count)."""
    if a is None:
        return True
    return (a["score"] != b["score"] or a["dimensions"] != b["dimensions"]
            or sorted(a["flags"]) != sorted(b["flags"]))


@dataclass(frozen=True, slots=True)
class SnapshotDiff:
    before: str  # date of the earlier snapshot
    after: str
    score_before: int
    score_after: int
    dimension_deltas: dict[str, int]  # every dimension in either snapshot; 0 when unchanged
    flags_raised: list[str]
    flags_cleared: list[str]
    summary: Text

    @property
    def score_delta(self) -> int:
        return self.score_after - self.score_before

    @property
    def changed(self) -> bool:
        return bool(self.score_delta or any(self.dimension_deltas.values())
                    or self.flags_raised or self.flags_cleared)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"before": self.before, "after": self.after, "score_before": self.score_before,
                "score_after": self.score_after, "score_delta": self.score_delta,
                "dimension_deltas": self.dimension_deltas, "flags_raised": self.flags_raised,
                "flags_cleared": self.flags_cleared, "summary": self.summary.get(lang)}


def flag_name(fid: str) -> Text:
    return FLAG_NAMES.get(fid) or text(fid, fid)


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else f"−{-n}" if n < 0 else "±0"


def _summary(a: dict[str, Any], b: dict[str, Any], deltas: dict[str, int], raised: list[str],
             cleared: list[str], playbook: Playbook | None) -> Text:
    def dim(did: str, lang: str) -> str:
        if playbook is not None:
            found = next((d for d in playbook.dimensions if d.id == did), None)
            if found is not None:
                return found.name.get(lang)
        return did

    moved_dims = [(did, n) for did, n in deltas.items() if n]
    if not (b["score"] - a["score"] or moved_dims or raised or cleared):
        return text(f"自 {a['date']} 以来没有变化", f"No change since {a['date']}")
    zh = [f"自 {a['date']} 以来：总分 {_signed(b['score'] - a['score'])}（{a['score']} → {b['score']}）"]
    en = [f"Since {a['date']}: overall {_signed(b['score'] - a['score'])} ({a['score']} → {b['score']})"]
    if moved_dims:
        zh.append("，".join(f"{dim(d, 'zh')} {_signed(n)}" for d, n in moved_dims))
        en.append(", ".join(f"{dim(d, 'en')} {_signed(n)}" for d, n in moved_dims))
    if raised:
        zh.append("新增风险预警：" + "、".join(flag_name(f).zh for f in raised))
        en.append("new red flags: " + ", ".join(flag_name(f).en for f in raised))
    if cleared:
        zh.append("已消除：" + "、".join(flag_name(f).zh for f in cleared))
        en.append("cleared: " + ", ".join(flag_name(f).en for f in cleared))
    return text("；".join(zh) + "。", "; ".join(en) + ".")


def compare(a: dict[str, Any], b: dict[str, Any], playbook: Playbook | None = None) -> SnapshotDiff:
    """What changed from snapshot `a` (earlier) to `b` (later); names from `playbook` when given."""
    dims_a, dims_b = a.get("dimensions", {}), b.get("dimensions", {})
    order = list(dims_b) + [d for d in dims_a if d not in dims_b]
    deltas = {d: int(dims_b.get(d, 0)) - int(dims_a.get(d, 0)) for d in order}
    flags_a, flags_b = set(a.get("flags", [])), set(b.get("flags", []))
    raised, cleared = sorted(flags_b - flags_a), sorted(flags_a - flags_b)
    return SnapshotDiff(
        before=a["date"], after=b["date"], score_before=int(a["score"]), score_after=int(b["score"]),
        dimension_deltas=deltas, flags_raised=raised, flags_cleared=cleared,
        summary=_summary(a, b, deltas, raised, cleared, playbook),
    )
