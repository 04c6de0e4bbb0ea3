"""The learned model: candidates, calibration on held-out folds, and the one-file format.

Candidates are regularised logistic regressions (small histories) and gradient boosting (many
rows); the one with the lowest held-out log loss wins. Calibration (isotonic with enough rows,
Platt otherwise) is fitted on out-of-fold scores, like CalibratedClassifierCV(ensemble=False),
then the chosen estimator is refitted on all training rows.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

from dealpilot.learn.errors import LearnError
from dealpilot.learn.evaluate import group_folds
from dealpilot.learn.features import (
    Feature,
    categorical_mask,
    encode_linear,
    encode_tree,
    fit_features,
)

FORMAT = "dealpilot-learn/1"
INNER_FOLDS = 3
BOOSTING_MIN_ROWS = 300  # below this, boosting only memorises; it is not even tried
ISOTONIC_MIN_ROWS = 1000  # isotonic steps need many rows; Platt's two numbers do not
CALIBRATION_ROWS = 30000  # cap on rows used for the out-of-fold calibration scores
LARGE_ROWS = 20000  # above this, C=0.1 and C=1 fit the same model: only one is tried
CLIP = (0.005, 0.995)
TIE = 0.002  # held-out log loss differences below this are noise (halved per 10x rows, see fit_best)


def one_thread() -> threadpool_limits:
    """OpenMP/BLAS pinned to one thread: on a shared 2-core machine, gradient boosting with two
    spinning OpenMP threads ran 40x slower (36 s instead of 0.8 s) than with one."""
    return threadpool_limits(limits=1)

CANDIDATES: dict[str, dict[str, str]] = {
    "logistic_strong": {"zh": "逻辑回归（强正则，C=0.1）", "en": "logistic regression (strong regularisation, C=0.1)"},
    "logistic": {"zh": "逻辑回归（C=1）", "en": "logistic regression (C=1)"},
    "boosting": {"zh": "梯度提升树（HistGradientBoosting）", "en": "gradient boosting (HistGradientBoosting)"},
}


def candidates_for(n_rows: int) -> list[str]:
    if n_rows > LARGE_ROWS:
        return ["logistic_strong", "boosting"]
    names = ["logistic_strong", "logistic"]
    return names + (["boosting"] if n_rows >= BOOSTING_MIN_ROWS else [])


def _estimator(kind: str, features: list[Feature]) -> Any:
    if kind == "boosting":
        return HistGradientBoostingClassifier(
            max_iter=200, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=40,
            l2_regularization=1.0, categorical_features=categorical_mask(features) or None,
            early_stopping=True, validation_fraction=0.1, n_iter_no_change=10, random_state=0)
    return LogisticRegression(C=0.1 if kind == "logistic_strong" else 1.0, max_iter=2000)


def _matrix(kind: str, typed: pd.DataFrame, features: list[Feature]) -> np.ndarray:
    return encode_tree(typed, features) if kind == "boosting" else encode_linear(typed, features)


def _logit(est: Any, X: np.ndarray) -> np.ndarray:
    if X.shape[1] == 0:
        return np.zeros(len(X))
    return np.asarray(est.decision_function(X), dtype=float)


@dataclass
class Calibrator:
    method: str  # isotonic | platt
    model: Any

    def __call__(self, logit: np.ndarray) -> np.ndarray:
        if self.method == "isotonic":
            p = self.model.predict(logit)
        else:
            p = self.model.predict_proba(logit[:, None])[:, 1]
        return np.clip(p, *CLIP)


def _platt(logit: np.ndarray, y: np.ndarray) -> Calibrator:
    return Calibrator("platt", LogisticRegression(C=100.0).fit(logit[:, None], y))


def _isotonic(logit: np.ndarray, y: np.ndarray) -> Calibrator:
    return Calibrator("isotonic", IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1).fit(logit, y))


def fit_calibrator(logit: np.ndarray, y: np.ndarray) -> Calibrator:
    """Platt, or isotonic when there are enough rows and it does better on held-out halves.

    Isotonic steps fitted on a weak score put a handful of deals at 0.5% or 99.5%; comparing the
    two on cross-fitted halves keeps it only where the extra freedom pays.
    """
    if len(y) < ISOTONIC_MIN_ROWS:
        return _platt(logit, y)
    losses = {"platt": 0.0, "isotonic": 0.0}
    for a, b in StratifiedKFold(2, shuffle=True, random_state=2).split(logit, y):
        for name, fit in (("platt", _platt), ("isotonic", _isotonic)):
            losses[name] += log_loss(y[b], fit(logit[a], y[a])(logit[b]), labels=[0, 1])
    return _isotonic(logit, y) if losses["isotonic"] < losses["platt"] - 0.001 else _platt(logit, y)


@dataclass
class Fitted:
    kind: str
    features: list[Feature]
    estimator: Any
    calibrator: Calibrator
    scores: dict[str, float] = field(default_factory=dict)  # held-out log loss per candidate

    def logit(self, typed: pd.DataFrame) -> np.ndarray:
        if self.estimator is None:
            return np.zeros(len(typed))
        with one_thread():
            return _logit(self.estimator, _matrix(self.kind, typed, self.features))

    def predict(self, typed: pd.DataFrame) -> np.ndarray:
        return self.calibrator(self.logit(typed))


def _oof(kind: str, typed: pd.DataFrame, y: np.ndarray, groups: np.ndarray,
         meta: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold raw scores (on at most CALIBRATION_ROWS rows) and the matching outcomes."""
    idx = np.arange(len(y))
    if len(idx) > CALIBRATION_ROWS:
        idx = np.sort(np.random.default_rng(0).choice(idx, CALIBRATION_ROWS, replace=False))
    sub, ys, gs = typed.iloc[idx], y[idx], groups[idx]
    out = np.zeros(len(idx))
    for tr, te in group_folds(ys, gs, INNER_FOLDS, seed=1):
        feats = fit_features(sub.iloc[tr], meta["origins"], meta["labels"])
        with one_thread():
            est = _estimator(kind, feats).fit(_matrix(kind, sub.iloc[tr], feats), ys[tr])
            out[te] = _logit(est, _matrix(kind, sub.iloc[te], feats))
    return out, ys


def fit_best(typed: pd.DataFrame, y: np.ndarray, groups: np.ndarray, meta: dict[str, Any],
             kinds: list[str] | None = None) -> Fitted:
    """Choose among the candidates by held-out log loss, calibrate, refit on all rows."""
    features = fit_features(typed, meta["origins"], meta["labels"])
    if not features:
        prior = LogisticRegression().fit(np.zeros((len(y), 1)), y)
        return Fitted("base_rate", [], None, Calibrator("platt", prior))
    kinds = kinds or candidates_for(len(y))
    scores: dict[str, float] = {}
    oofs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for kind in kinds:
        raw, ys = _oof(kind, typed, y, groups, meta)
        # Candidates are compared after the same two-number (Platt) mapping, so a model is not
        # credited for isotonic steps fitted on the very scores it is judged on.
        platt = _platt(raw, ys)
        scores[kind] = round(float(log_loss(ys, platt(raw), labels=[0, 1])), 5)
        oofs[kind] = (raw, ys)
    # The simplest candidate within a hair of the best wins: on a tie, fewer moving parts.
    lowest = min(scores.values())
    tie = TIE / max(1.0, 2 ** np.log10(max(len(y), 1) / 1000))
    best = next(k for k in kinds if scores[k] <= lowest + tie)
    calibrator = fit_calibrator(*oofs[best])
    with one_thread():
        estimator = _estimator(best, features).fit(_matrix(best, typed, features), y)
    return Fitted(best, features, estimator, calibrator, scores)


# --- the one-file model -------------------------------------------------------------------

def save(bundle: dict[str, Any], path: str | Path) -> None:
    with open(path, "wb") as fh:
        pickle.dump(bundle, fh, protocol=pickle.HIGHEST_PROTOCOL)


def load(path: str | Path) -> dict[str, Any]:
    """Read a model file; anything that is not one of ours is a clear error, not a traceback."""
    p = Path(path)
    if not p.is_file():
        raise LearnError(f"找不到模型文件：{p}", f"no such model file: {p}")
    try:
        with open(p, "rb") as fh:
            bundle = pickle.load(fh)
    except Exception:  # a truncated or foreign file can raise almost anything while unpickling
        raise LearnError(f"{p.name} 不是 DealPilot 模型文件（请用 dealpilot learn train 生成）",
                         f"{p.name} is not a DealPilot model file (make one with dealpilot learn train)") from None
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        found = bundle.get("format") if isinstance(bundle, dict) else None
        raise LearnError(f"{p.name} 不是本版本可读的模型（格式 {found!r}，需要 {FORMAT!r}）",
                         f"{p.name} is not a model this version can read (format {found!r}, expected {FORMAT!r})")
    return bundle
