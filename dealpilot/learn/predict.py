"""Predictions from a saved model: the input is checked against the model's schema first."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dealpilot.learn import blend, documents
from dealpilot.learn.columns import NUMERIC, Decision, numeric_values
from dealpilot.learn.errors import LearnError
from dealpilot.learn.features import typed_from_table
from dealpilot.learn.tables import read_table


def probability(bundle: dict[str, Any], typed: pd.DataFrame, rules: np.ndarray | None = None) -> np.ndarray:
    """What `predict` returns: the calibrated model shrunk toward the prior by the reported weight."""
    learned = bundle["fitted"].predict(typed[bundle["schema"]["columns"]])
    ref = bundle.get("rules_reference")
    prior = ref.predict(rules) if ref is not None and rules is not None else np.full(len(typed), bundle["base_rate"])
    return blend.blend(learned, prior, bundle["weight"])


def typed_rows(bundle: dict[str, Any], frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """Rows in the model's own columns; a file that does not fit the schema is a clear error."""
    need = bundle["schema"]["required"]
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise LearnError(f"{source} 与模型不符：缺少模型需要的列 {', '.join(missing)}",
                         f"{source} does not fit the model: it lacks the column(s) {', '.join(missing)}")
    decisions = [Decision(**d) for d in bundle["decisions"]]
    for d in decisions:
        if d.used and d.kind == NUMERIC:
            filled = frame[d.column].dropna()
            if len(filled) and np.isnan(numeric_values(filled)).mean() > 0.5:
                raise LearnError(f"{source} 与模型不符：列“{d.column}”应为数字",
                                 f"{source} does not fit the model: column '{d.column}' should hold numbers")
    used = [d for d in decisions if d.column in bundle["schema"]["columns"]]
    return typed_from_table(frame, used, bundle["creation"])


def read_inputs(bundle: dict[str, Any], paths: Sequence[str | Path]) -> tuple[pd.DataFrame, list[str], np.ndarray | None, list[Any]]:
    """Typed rows, a name per row, rules scores (documents) and the deals (documents)."""
    ps = [Path(p) for p in paths]
    as_docs = all(documents.is_document_source(p) for p in ps)
    if bundle["source"] == "documents":
        if not as_docs:
            raise LearnError("该模型由商机文档训练，请给出 .yaml/.json 商机文档",
                             "this model was trained on deal documents: give .yaml/.json deal documents")
        deals = documents.read_deals(ps)
        frame = documents.frame_of(deals)
        typed = typed_rows(bundle, frame, "documents")
        names = [str(n) for n in frame[documents.NAME]]
        return typed, names, frame[documents.RULES].to_numpy(dtype=float), deals
    if as_docs:
        raise LearnError("该模型由表格列训练，请给出含相同列的 CSV/Excel 文件",
                         "this model was trained on table columns: give a CSV/Excel file with the same columns")
    parts, names = [], []
    ids = [d["column"] for d in bundle["decisions"] if d["code"] == "id"]
    for p in ps:
        frame, _ = read_table(p)
        parts.append(typed_rows(bundle, frame, p.name))
        key = next((c for c in ids if c in frame.columns), None)
        # Name each row by the id column the model set aside, else by its line in the file.
        names.extend(f"{p.name}:{i + 2}" if key is None or pd.isna(frame[key].iloc[i]) else str(frame[key].iloc[i])
                     for i in range(len(frame)))
    return pd.concat(parts, ignore_index=True), names, None, []
