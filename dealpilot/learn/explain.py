"""Why a deal got its probability, and what a rep could change to raise it.

Contributions are measured on what `predict` returns: for each column, the probability minus the
average probability with that column replaced by the values of typical training deals (a cheap,
model-agnostic SHAP-style estimate; exact up to the calibration for the logistic model).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from dealpilot.engine.document import BUDGET_ORDER
from dealpilot.engine.glossary import ANSWER_STATUS
from dealpilot.learn import documents
from dealpilot.learn.features import MISSING
from dealpilot.learn.predict import probability, typed_rows

TOP = 3
BACKGROUND = 20
_STATUS = {k: v.zh for k, v in ANSWER_STATUS.items()}


def contributions(bundle: dict[str, Any], typed: pd.DataFrame, rules: np.ndarray | None) -> np.ndarray:
    """(rows × columns) change in probability attributed to each column."""
    cols = bundle["schema"]["columns"]
    bg = bundle["background"][cols].head(BACKGROUND).reset_index(drop=True)
    n, b = len(typed), len(bg)
    base = probability(bundle, typed, rules)
    rep = typed[cols].loc[typed.index.repeat(b)].reset_index(drop=True)
    rules_rep = np.repeat(rules, b) if rules is not None else None
    out = np.zeros((n, len(cols)))
    for j, c in enumerate(cols):
        swapped = rep.copy()
        swapped[c] = np.tile(bg[c].to_numpy(), n)
        if c == documents.RULES and rules_rep is not None:
            p = probability(bundle, swapped, swapped[c].to_numpy(dtype=float))
        else:
            p = probability(bundle, swapped, rules_rep)
        out[:, j] = base - p.reshape(n, b).mean(axis=1)
    return out


def _shown(column: str, value: object, bundle: dict[str, Any], lang: str) -> str:
    if value is None or value == MISSING or (isinstance(value, float) and np.isnan(value)):
        return "空" if lang == "zh" else "empty"
    if column.startswith("answer_"):
        return _STATUS.get(str(value), str(value)) if lang == "zh" else str(value)
    if column == "budget_status" and isinstance(value, float):
        return BUDGET_ORDER[int(value)]
    if column.startswith("reached_") or column in documents.FLAGS:
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    kind = next((d["kind"] for d in bundle["decisions"] if d["column"] == column), "")
    if kind == "date" and isinstance(value, float):
        return f"创建后 {value:g} 天" if lang == "zh" else f"{value:g} days after creation"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _feature(bundle: dict[str, Any], column: str) -> Any:
    return next((f for f in bundle["fitted"].features if f.column == column), None)


def _label(bundle: dict[str, Any], column: str, lang: str) -> str:
    f = _feature(bundle, column)
    return f.label(lang) if f is not None else column


def explain(bundle: dict[str, Any], typed: pd.DataFrame, names: list[str], rules: np.ndarray | None,
            deals: list[Any]) -> list[dict[str, Any]]:
    cols = bundle["schema"]["columns"]
    p = probability(bundle, typed, rules)
    contrib = contributions(bundle, typed, rules)
    out = []
    for i in range(len(typed)):
        factors = []
        for j in np.argsort(-np.abs(contrib[i])):
            c, effect = cols[j], float(contrib[i, j])
            if abs(effect) < 0.001:
                continue
            v = typed.iloc[i][c]
            f = _feature(bundle, c)
            factors.append({"column": c, "effect": round(effect, 4), "changeable": bool(f is not None and f.changeable),
                            "zh": f"{_label(bundle, c, 'zh')}：{_shown(c, v, bundle, 'zh')}",
                            "en": f"{_label(bundle, c, 'en')}: {_shown(c, v, bundle, 'en')}"})
        deal = deals[i] if deals else None
        out.append({
            "deal": names[i], "probability": round(float(p[i]), 4),
            "raised": [f for f in factors if f["effect"] > 0][:TOP],
            "lowered": [f for f in factors if f["effect"] < 0][:TOP],
            "actions": actions(bundle, deal, float(p[i])) if deal is not None else [],
        })
    return out


def actions(bundle: dict[str, Any], deal: Any, current: float) -> list[dict[str, Any]]:
    """The changes a rep can make that would raise this deal's probability most."""
    options = documents.what_ifs(deal)
    if not options:
        return []
    frame = documents.frame_of([d for _, _, _, d in options])
    typed = typed_rows(bundle, frame, "what-if")
    p = probability(bundle, typed, frame[documents.RULES].to_numpy(dtype=float))
    ranked = sorted(zip(options, p, strict=True), key=lambda t: -t[1])
    return [{"change": key, "zh": zh, "en": en, "probability": round(float(q), 4), "gain": round(float(q - current), 4)}
            for (key, zh, en, _), q in ranked[:TOP] if q - current >= 0.005]
