"""A deal's verdict in the few numbers a pipeline row shows: score band, evidence share, worst flag.

Computed once when a deal is assessed and stored on the deal row, so a list of 100,000 deals
filters and sorts by them without assessing anything.
"""

from __future__ import annotations

from typing import Any

from dealpilot.engine.flags import SEVERITY_RANK

#: The product's one scale for scores: weak below 40, fair below 70, strong from 70 (as in reports).
SCORE_BANDS: dict[str, tuple[int, int]] = {"weak": (0, 40), "fair": (40, 70), "strong": (70, 101)}


def band(score: float | None) -> str | None:
    if score is None:
        return None
    return next(name for name, (low, high) in SCORE_BANDS.items() if low <= score < high)


def evidence_share(assessment: Any) -> int | None:
    """Per cent of the overall score that rests on fresh, sourced evidence (None for a zero score).

    A criterion counts as evidenced when its answer names evidence and a source, is within the
    freshness window and is not contradicted by the deal's facts; the rest of the score is hope.
    """
    earned = evidenced = 0.0
    for d in assessment.dimensions:
        total = sum(c.max_points for c in d.criteria)
        if not total:
            continue
        earned += d.weight * sum(c.points for c in d.criteria) / total
        evidenced += d.weight * sum(c.points for c in d.criteria
                                    if c.evidence and c.source and not c.stale and c.contradiction is None) / total
    return round(100 * evidenced / earned) if earned > 0 else None


def most_severe_flag(assessment: Any) -> tuple[str, str]:
    """(flag id, severity) of the flag that matters most, or ("", "") without flags."""
    if not assessment.flags:
        return "", ""
    worst = min(assessment.flags, key=lambda f: SEVERITY_RANK[f.severity])  # flags arrive sorted; be sure
    return worst.id, worst.severity
