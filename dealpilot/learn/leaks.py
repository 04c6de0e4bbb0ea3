"""The leak guard: refuse to learn from what is only known once a deal has closed.

A model that reads the close date or the closing value scores a perfect AUC on history and is
useless on open deals. Four tests, each explained to the user:

1. names that say so (close/won/lost/result/final…, 关闭/成交/赢单/结果/最终…);
2. columns filled on closed deals but (nearly) empty on open ones in the same export;
3. numbers that are a time span ending at such a date (e.g. days from creation to close);
4. single columns that nearly determine the outcome on the training rows — one value that
   marks (almost) every deal of one outcome and (almost) none of the other, or a near-perfect
   univariate separation (AUC ≥ 0.97).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from dealpilot.learn.columns import CATEGORICAL, DATE, NUMERIC, Decision

_EN_WORDS = {"close", "closing", "closed", "closure", "won", "lost", "loss", "result", "results",
             "outcome", "final", "finalized", "finalised"}
_ZH_WORDS = ("关闭", "结束", "成交", "赢单", "丢单", "输单", "结果", "最终", "结单", "签单", "签约", "结案")
_SPLIT = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")

SEPARATION_AUC = 0.97
DETERMINING_SHARE = 0.98  # a value present in at least this share of one outcome's deals…
RARE_SHARE = 0.02  # …and in at most this share of the other outcome's deals
MIN_OPEN_ROWS = 20


def leaky_name(name: str) -> str | None:
    """The word in a column name that says the column belongs to the close, if any."""
    words = _SPLIT.split(_CAMEL.sub(" ", name).lower())
    for w in words:
        if w in _EN_WORDS:
            return w
    return next((w for w in _ZH_WORDS if w in name), None)


def _checkable(d: Decision) -> bool:
    """Used columns, and leaks already found (a second reason makes the explanation stronger)."""
    return not d.allowed and (d.used or d.leak)


def check_names(decisions: list[Decision]) -> None:
    for d in decisions:
        word = leaky_name(d.column) if d.used or d.code in ("id", "text") else None
        if word:
            d.drop("leak_name", f"列名含“{word}”，表示成交/关闭之后才知道的信息",
                   f"the name says '{word}': information known only after the close")


def check_fill(decisions: list[Decision], closed: pd.DataFrame, open_rows: pd.DataFrame | None) -> None:
    """A column that is filled in on closed deals but not on open ones is written at the close."""
    if open_rows is None or len(open_rows) < MIN_OPEN_ROWS:
        return
    for d in decisions:
        if not _checkable(d):
            continue
        a = closed[d.column].notna().mean()
        b = open_rows[d.column].notna().mean()
        if a >= 0.95 and b <= 0.1:
            d.drop("leak_fill", f"只在已关闭商机中填写（已关闭 {a:.0%}，未关闭 {b:.0%}）：关闭时才录入",
                   f"filled in only once a deal closes ({a:.0%} of closed rows, {b:.0%} of open rows)")


def check_derived(decisions: list[Decision], numbers: dict[str, np.ndarray],
                  dates: dict[str, pd.Series]) -> None:
    """Numbers equal to the days between a close-side date and another date are the close too."""
    leaked = [d.column for d in decisions if d.kind == DATE and d.code.startswith("leak")]
    if not leaked:
        return
    for d in decisions:
        if not _checkable(d) or d.kind != NUMERIC:
            continue
        x = numbers[d.column]
        for late in leaked:
            for other, when in dates.items():
                if other == late:
                    continue
                span = (dates[late] - when).dt.days.to_numpy(dtype=float, na_value=np.nan)
                ok = ~np.isnan(x) & ~np.isnan(span)
                if ok.sum() >= 10 and (np.abs(x[ok] - span[ok]) <= 1).mean() >= 0.95:
                    d.drop("leak_derived", f"等于“{other}”到“{late}”之间的天数：由关闭日期推算而来",
                           f"equals the days from '{other}' to '{late}': derived from the close")
                    break
            if d.code == "leak_derived":
                break


def check_separation(decisions: list[Decision], typed: pd.DataFrame, y: np.ndarray) -> None:
    """Single columns that nearly determine the outcome on the training rows."""
    if len(np.unique(y)) < 2:
        return
    for d in decisions:
        if not _checkable(d) or d.column not in typed:
            continue
        col = typed[d.column]
        reason = _determining_value(col, y) or _separation(col, y, d.kind)
        if reason:
            d.drop("leak_separation", *reason)


def _label(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "（空）" if value == "(missing)" else str(value)


def _determining_value(col: pd.Series, y: np.ndarray) -> tuple[str, str] | None:
    values = col.astype(object).where(col.notna(), "(missing)")
    won, lost = values[y == 1], values[y == 0]
    for a_name, a, b_name, b in (("lost", lost, "won", won), ("won", won, "lost", lost)):
        if len(a) < 10 or len(b) < 10:
            continue
        top = a.value_counts(normalize=True)
        value, share = top.index[0], float(top.iloc[0])
        other = float((b == value).mean())
        if share >= DETERMINING_SHARE and other <= RARE_SHARE:
            zh_names = {"won": "赢单", "lost": "丢单"}
            shown = "empty" if value == "(missing)" else _label(value)
            zh_shown = "空" if value == "(missing)" else _label(value)
            return (f"取值“{zh_shown}”出现在 {share:.0%} 的{zh_names[a_name]}中、仅 {other:.0%} 的{zh_names[b_name]}中：几乎直接决定结果（疑似关闭后才知道）",
                    f"the value '{shown}' marks {share:.0%} of {a_name} deals and only {other:.0%} of {b_name} deals: it nearly decides the outcome (likely known only after the close)")
    return None


def _separation(col: pd.Series, y: np.ndarray, kind: str) -> tuple[str, str] | None:
    if kind == CATEGORICAL or col.dtype == object:
        score = _target_encoded(col.astype(object).where(col.notna(), "(missing)"), y)
        aucs = [roc_auc_score(y, score)]
    else:
        x = col.to_numpy(dtype=float, na_value=np.nan)
        if np.isnan(x).all():
            return None
        lo, hi = np.nanmin(x) - 1, np.nanmax(x) + 1
        # Missing values may themselves be the tell, so score them at either end.
        aucs = [roc_auc_score(y, np.where(np.isnan(x), fill, x)) for fill in (lo, hi)]
    auc = max(max(a, 1 - a) for a in aucs)
    if auc >= SEPARATION_AUC:
        return (f"单独一列即可近乎完美地区分赢单与丢单（AUC {auc:.3f}）：疑似关闭后才知道的信息",
                f"on its own it separates won from lost almost perfectly (AUC {auc:.3f}): likely known only after the close")
    return None


def _target_encoded(values: pd.Series, y: np.ndarray, prior_weight: float = 10.0) -> np.ndarray:
    """Out-of-fold win rate per value, so a column is not credited for memorising its rows."""
    out = np.empty(len(y))
    prior = y.mean()
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    arr = values.to_numpy()
    for tr, te in folds.split(arr, y):
        stats = pd.DataFrame({"v": arr[tr], "y": y[tr]}).groupby("v")["y"].agg(["sum", "count"])
        rate = (stats["sum"] + prior * prior_weight) / (stats["count"] + prior_weight)
        out[te] = pd.Series(arr[te]).map(rate).fillna(prior).to_numpy(dtype=float)
    return out
