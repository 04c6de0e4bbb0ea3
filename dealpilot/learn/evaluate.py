"""Honest evaluation: metrics on deals the model did not see, and the reference models.

The split is time-ordered when a creation date exists (train on the older deals, test on the
newest, as the model will be used), otherwise stratified cross-validation in which exact
duplicate rows share a fold, so a copied row cannot be "predicted" from its twin.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold

TEST_SHARE = 0.25
CV_FOLDS = 5
HOLDOUT_ABOVE = 20000  # rows without a creation date: one stratified hold-out fold, not 5 fits
BINS = 10


@dataclass
class Split:
    mode: str  # time | cv | holdout
    folds: list[tuple[np.ndarray, np.ndarray]]

    def describe(self, lang: str) -> str:
        zh = {"time": "按时间顺序切分：用较早的商机训练，在最新的 25% 上测试",
              "cv": f"{CV_FOLDS} 折分层交叉验证（完全相同的行放在同一折）",
              "holdout": "分层留出 20%（完全相同的行放在同一侧）"}
        en = {"time": "time-ordered split: trained on older deals, tested on the newest 25%",
              "cv": f"{CV_FOLDS}-fold stratified cross-validation (exact duplicate rows share a fold)",
              "holdout": "stratified 20% hold-out (exact duplicate rows stay on one side)"}
        return (en if lang == "en" else zh)[self.mode]


def duplicate_groups(typed: pd.DataFrame) -> np.ndarray:
    hashes = pd.util.hash_pandas_object(typed, index=False).to_numpy()
    return pd.factorize(hashes)[0]


def group_folds(y: np.ndarray, groups: np.ndarray, k: int, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified folds in which rows of one group (exact duplicates) stay together.

    Stratifies the groups by their majority outcome; scikit-learn's StratifiedGroupKFold does
    the same more exactly but loops in Python over every group, seconds for 10,000 rows.
    """
    uniq, inverse = np.unique(groups, return_inverse=True)
    label = (np.bincount(inverse, weights=y, minlength=len(uniq)) / np.bincount(inverse, minlength=len(uniq))) >= 0.5
    k = max(2, min(k, int(np.bincount(label.astype(int)).min())))
    folds = []
    for _, test_groups in StratifiedKFold(k, shuffle=True, random_state=seed).split(uniq, label):
        test = np.isin(inverse, test_groups)
        folds.append((np.flatnonzero(~test), np.flatnonzero(test)))
    return folds


def plan_split(y: np.ndarray, groups: np.ndarray, created: pd.Series | None) -> Split:
    # A creation date orders the test only if it is filled and actually varies.
    if created is not None and created.notna().mean() >= 0.9 and created.nunique() >= 10:
        order = np.argsort(created.fillna(created.min()).to_numpy(), kind="stable")
        cut = int(len(order) * (1 - TEST_SHARE))
        train, test = np.sort(order[:cut]), np.sort(order[cut:])
        if len(np.unique(y[train])) == 2 and len(np.unique(y[test])) == 2 and min(np.bincount(y[train])) >= 5:
            return Split("time", [(train, test)])
    folds = group_folds(y, groups, CV_FOLDS)
    if len(y) > HOLDOUT_ABOVE:
        return Split("holdout", folds[:1])
    return Split("cv", folds)


def metrics(y: np.ndarray, p: np.ndarray) -> dict[str, object]:
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    both = len(np.unique(y)) == 2
    table = reliability(y, p)
    n = len(y)
    ece = sum(abs(r["predicted"] - r["observed"]) * r["count"] for r in table if r["count"]) / max(n, 1)
    return {
        "auc": round(float(roc_auc_score(y, p)), 4) if both else None,
        "brier": round(float(brier_score_loss(y, p)), 4),
        "log_loss": round(float(log_loss(y, p, labels=[0, 1])), 4),
        "ece": round(float(ece), 4),
        "base_rate": round(float(np.mean(y)), 4),
        "n": int(n),
        "reliability": table,
    }


def reliability(y: np.ndarray, p: np.ndarray) -> list[dict[str, float]]:
    """Ten equal-width bins: mean predicted vs. observed win rate, and how many deals."""
    edges = np.linspace(0, 1, BINS + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, BINS - 1)
    rows = []
    for b in range(BINS):
        m = idx == b
        rows.append({"lo": round(float(edges[b]), 1), "hi": round(float(edges[b + 1]), 1),
                     "predicted": round(float(p[m].mean()), 4) if m.any() else 0.0,
                     "observed": round(float(y[m].mean()), 4) if m.any() else 0.0,
                     "count": int(m.sum())})
    return rows


class NaiveBayesCounts:
    """The counting model open-source CRMs use: per-column value frequencies among won and lost.

    Numbers are cut into quintiles of the training rows; unseen values count as nothing.
    """

    def fit(self, typed: pd.DataFrame, y: np.ndarray) -> NaiveBayesCounts:
        self.prior = float(np.mean(y))
        self.edges: dict[str, np.ndarray] = {}
        self.tables: dict[str, dict[object, float]] = {}
        n_won, n_lost = int((y == 1).sum()), int((y == 0).sum())
        for col in typed.columns:
            values = self._values(col, typed[col], fit=True)
            won = pd.Series(values[y == 1]).value_counts()
            lost = pd.Series(values[y == 0]).value_counts()
            keys = set(won.index) | set(lost.index)
            k = len(keys) + 1  # Laplace smoothing, one slot for unseen values
            self.tables[col] = {v: float(np.log(((won.get(v, 0) + 1) / (n_won + k))
                                                / ((lost.get(v, 0) + 1) / (n_lost + k)))) for v in keys}
        return self

    def _values(self, col: str, s: pd.Series, fit: bool = False) -> np.ndarray:
        if s.dtype == object:
            return s.to_numpy()
        x = s.to_numpy(dtype=float)
        if fit:
            ok = x[~np.isnan(x)]
            self.edges[col] = np.unique(np.quantile(ok, [0.2, 0.4, 0.6, 0.8])) if len(ok) else np.array([])
        bins = np.digitize(x, self.edges[col]).astype(object)
        bins[np.isnan(x)] = "nan"
        return bins

    def predict(self, typed: pd.DataFrame) -> np.ndarray:
        logit = np.full(len(typed), np.log(self.prior / (1 - self.prior)))
        for col, table in self.tables.items():
            values = pd.Series(self._values(col, typed[col]), dtype=object)
            logit += values.map(table).fillna(0.0).to_numpy(dtype=float)
        return 1 / (1 + np.exp(-np.clip(logit, -30, 30)))


class RulesReference:
    """The rules score alone, mapped to a probability by a monotone (Platt) fit on training rows."""

    def fit(self, score: np.ndarray, y: np.ndarray) -> RulesReference:
        s = np.nan_to_num(np.asarray(score, dtype=float), nan=0.0)
        # Scores sit in a narrow band on young playbooks: standardise so the fit is not
        # flattened by the regularisation; C is large because two numbers cannot overfit.
        self.mean, self.std = float(s.mean()), float(s.std()) or 1.0
        self.model = LogisticRegression(C=100.0).fit(self._x(s), y)
        return self

    def _x(self, score: np.ndarray) -> np.ndarray:
        s = np.nan_to_num(np.asarray(score, dtype=float), nan=0.0)
        return ((s - self.mean) / self.std)[:, None]

    def predict(self, score: np.ndarray) -> np.ndarray:
        return self.model.predict_proba(self._x(score))[:, 1]
