"""Data for the radar and trend charts, in the page's language (ECharts draws it client-side)."""

from __future__ import annotations

import math
from typing import Any

from dealpilot.engine import history

# A radar never shrinks below this: a deal at 3 points should not fill the chart either.
RADAR_MIN_SCALE = 20


def radar_scale(values: list[float]) -> int:
    """The radar's outer ring: the next multiple of 10 above the largest score (at most 100).

    A fixed 0–100 ring squeezes a young deal at 10–25 into the centre where the labels of its
    points overlap; the ring is printed on the chart so the scale is never hidden.
    """
    top = max(values, default=0)
    return max(RADAR_MIN_SCALE, min(100, (math.floor(top / 10) + 1) * 10))


def radar(assessment: Any, baseline: dict[str, Any] | None, lang: str, today: str) -> dict[str, Any]:
    """The dimensions now against the baseline snapshot (30 days ago, or the first one)."""
    zh = lang == "zh"
    dims = assessment.dimensions
    series = [{"name": f"现在（{today}）" if zh else f"Now ({today})",
               "key": "now", "values": [d.score for d in dims]}]
    if baseline is not None:
        old = baseline.get("dimensions", {})
        label = f"{baseline['date']}"
        series.append({"name": (f"对比：{label}" if zh else f"Then: {label}"), "key": "then",
                       "values": [old.get(d.id, 0) for d in dims]})
    scale = radar_scale([v for s in series for v in s["values"]])
    return {"lang": lang, "indicators": [{"id": d.id, "name": d.name.get(lang), "max": scale} for d in dims],
            "series": series, "score": assessment.score, "scale": scale,
            "scale_label": f"刻度 0–{scale}" if zh else f"Scale 0–{scale}",
            "baseline_date": baseline["date"] if baseline else None}


def daily(rows: list[dict[str, Any]], current: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """One snapshot per day, the day's latest, oldest first; `current` (the deal now, as the
    header shows it) replaces today's or is added after the last one."""
    by_day: dict[str, dict[str, Any]] = {}
    for r in [*rows, *([current] if current else [])]:
        by_day.pop(r["date"], None)  # re-inserted last: a later snapshot of the day wins
        by_day[r["date"]] = r
    return sorted(by_day.values(), key=lambda r: r["date"])


def trend(rows: list[dict[str, Any]], lang: str, current: dict[str, Any] | None = None) -> dict[str, Any]:
    """Overall score and flag count per day, oldest first, ending at `current` when given."""
    zh = lang == "zh"
    days = daily(rows, current)
    return {
        "lang": lang,
        "dates": [r["date"] for r in days],
        "score": [r["score"] for r in days],
        "flags": [len(r["flags"]) for r in days],
        "names": {"score": "总分" if zh else "Overall score", "flags": "风险预警数" if zh else "Red flags"},
        "changes": [history.compare(a, b).summary.get(lang) for a, b in zip(days, days[1:], strict=False)],
    }

