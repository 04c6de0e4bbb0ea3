"""Data for the radar and trend charts, in the page's language (ECharts draws it client-side)."""

from __future__ import annotations

from typing import Any

from dealpilot.engine import history


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
    return {"lang": lang, "indicators": [{"id": d.id, "name": d.name.get(lang), "max": 100} for d in dims],
            "series": series, "score": assessment.score,
            "baseline_date": baseline["date"] if baseline else None}


def trend(rows: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """Overall score and flag count per stored snapshot, oldest first."""
    zh = lang == "zh"
    return {
        "lang": lang,
        "dates": [r["date"] for r in rows],
        "score": [r["score"] for r in rows],
        "flags": [len(r["flags"]) for r in rows],
        "names": {"score": "总分" if zh else "Overall score", "flags": "红旗数" if zh else "Red flags"},
        "changes": [history.compare(a, b).summary.get(lang) for a, b in zip(rows, rows[1:], strict=False)],
    }
