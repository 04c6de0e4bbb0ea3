"""From typed columns to model matrices, fitted on the training rows only.

`typed` frames hold one column per source column: numbers as floats, dates as ages in days
relative to the deal's creation (never absolute times: a calendar date encodes when a deal
closed), categories as strings. Two encodings: one-hot + standardised for the logistic model,
ordinal codes with native categorical support for gradient boosting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dealpilot.learn.columns import (
    CATEGORICAL,
    DATE,
    NUMERIC,
    Decision,
    numeric_values,
    parse_dates,
)

MISSING = "(missing)"
OTHER = "(other)"
MAX_LEVELS = 30
MIN_LEVEL_COUNT = 5


@dataclass
class Feature:
    column: str
    kind: str  # numeric | categorical (dates arrive here as numeric ages)
    origin: str  # numeric | date | categorical | document
    label_zh: str = ""
    label_en: str = ""
    changeable: bool = False  # can a rep change it (checklist answers, coverage, budget)?
    levels: list[str] = field(default_factory=list)
    median: float = 0.0
    mean: float = 0.0
    std: float = 1.0
    has_missing: bool = False

    def label(self, lang: str) -> str:
        return (self.label_en if lang == "en" else self.label_zh) or self.column


def typed_from_table(frame: pd.DataFrame, decisions: list[Decision], creation: str | None) -> pd.DataFrame:
    """One typed column per column the model may use (after the leak guard)."""
    out: dict[str, pd.Series] = {}
    born = parse_dates(frame[creation])[0] if creation else None
    for d in decisions:
        if not d.used or d.column not in frame:
            continue
        s = frame[d.column]
        if d.kind == NUMERIC:
            out[d.column] = pd.Series(numeric_values(s), index=frame.index)
        elif d.kind == DATE:
            if born is None:
                continue
            out[d.column] = (parse_dates(s)[0] - born).dt.days.astype(float)
        else:
            out[d.column] = s.astype("string").fillna(MISSING).astype(object)
    return pd.DataFrame(out, index=frame.index)


def fit_features(typed: pd.DataFrame, origins: dict[str, str], meta: dict[str, dict] | None = None) -> list[Feature]:
    meta = meta or {}
    features = []
    for col in typed.columns:
        s = typed[col]
        info = meta.get(col, {})
        origin = origins.get(col, NUMERIC)
        if s.dtype == object:
            counts = s[s != MISSING].value_counts()
            keep = [str(v) for v, c in counts.items() if c >= MIN_LEVEL_COUNT][:MAX_LEVELS]
            f = Feature(col, CATEGORICAL, origin, levels=keep)
        else:
            x = s.to_numpy(dtype=float)
            ok = x[~np.isnan(x)]
            median = float(np.median(ok)) if len(ok) else 0.0
            filled = np.where(np.isnan(x), median, x)
            f = Feature(col, NUMERIC, origin, median=median, mean=float(filled.mean()),
                        std=float(filled.std()) or 1.0, has_missing=bool(np.isnan(x).any()))
        f.label_zh, f.label_en = info.get("zh", ""), info.get("en", "")
        f.changeable = bool(info.get("changeable"))
        features.append(f)
    return features


def _level_codes(s: pd.Series, f: Feature) -> np.ndarray:
    other = len(f.levels)
    values = s.astype(str)
    codes = pd.Index(f.levels, dtype=object).get_indexer(values).astype(float)
    codes[codes < 0] = other
    codes[(values == MISSING).to_numpy()] = other + 1
    return codes


def encode_linear(typed: pd.DataFrame, features: list[Feature]) -> np.ndarray:
    blocks = []
    for f in features:
        s = typed[f.column]
        if f.kind == CATEGORICAL:
            codes = _level_codes(s, f).astype(int)
            onehot = np.zeros((len(s), len(f.levels) + 2))
            onehot[np.arange(len(s)), codes] = 1.0
            blocks.append(onehot)
        else:
            x = s.to_numpy(dtype=float)
            miss = np.isnan(x)
            blocks.append(((np.where(miss, f.median, x) - f.mean) / f.std)[:, None])
            if f.has_missing:
                blocks.append(miss[:, None].astype(float))
    return np.hstack(blocks) if blocks else np.zeros((len(typed), 0))


def encode_tree(typed: pd.DataFrame, features: list[Feature]) -> np.ndarray:
    cols = []
    for f in features:
        s = typed[f.column]
        cols.append(_level_codes(s, f) if f.kind == CATEGORICAL else s.to_numpy(dtype=float))
    return np.column_stack(cols) if cols else np.zeros((len(typed), 0))


def categorical_mask(features: list[Feature]) -> list[bool]:
    return [f.kind == CATEGORICAL for f in features]
