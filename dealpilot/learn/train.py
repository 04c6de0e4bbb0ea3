"""Training from closed deals: read, decide columns, guard leaks, evaluate honestly, fit, bundle."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dealpilot import __version__
from dealpilot.learn import blend, columns, documents, leaks
from dealpilot.learn.columns import CATEGORICAL, DATE, ID, NUMERIC, TEXT, Decision
from dealpilot.learn.errors import LearnError
from dealpilot.learn.evaluate import (
    NaiveBayesCounts,
    RulesReference,
    duplicate_groups,
    metrics,
    plan_split,
)
from dealpilot.learn.features import typed_from_table
from dealpilot.learn.model import CANDIDATES, FORMAT, fit_best
from dealpilot.learn.tables import read_table
from dealpilot.learn.verdict import verdict

Step = Callable[[str, str], None]
BACKGROUND_ROWS = 40


@dataclass
class Prepared:
    """Closed rows as typed columns, with outcomes and everything said about the columns."""

    source: str  # table | documents
    typed: pd.DataFrame
    y: np.ndarray
    decisions: list[Decision]
    creation: str | None
    created: pd.Series | None
    rules: np.ndarray | None
    meta: dict[str, Any]
    outcome: dict[str, Any]
    read_info: dict[str, str]


def _norm(v: object) -> str:
    return str(v).strip().casefold()


def _outcomes(values: pd.Series, column: str, won: str, lost: str | None) -> tuple[pd.Series, dict[str, Any]]:
    """1 for won, 0 for lost, NA for rows that are not closed (counted, not learned from)."""
    norm = values.map(lambda v: _norm(v) if pd.notna(v) else None)
    present = sorted({str(v) for v in values.dropna().unique()})
    if _norm(won) not in set(norm.dropna()):
        shown = ", ".join(present[:12])
        raise LearnError(f"结果列“{column}”中没有赢单取值“{won}”（现有取值：{shown}）",
                         f"the outcome column '{column}' has no value '{won}' for won deals (values: {shown})")
    if lost is not None and _norm(lost) not in set(norm.dropna()):
        raise LearnError(f"结果列“{column}”中没有丢单取值“{lost}”", f"the outcome column '{column}' has no value '{lost}' for lost deals")
    y = pd.Series(pd.NA, index=values.index, dtype="Int64")
    y[norm == _norm(won)] = 1
    if lost is not None:
        y[norm == _norm(lost)] = 0
    else:
        y[norm.notna() & (norm != _norm(won))] = 0
    ignored = Counter(str(v) if pd.notna(v) else "(empty)" for v, t in zip(values, y, strict=True) if pd.isna(t))
    n_won, n_lost = int((y == 1).sum()), int((y == 0).sum())
    info = {"column": column, "won": won, "lost": lost, "n_won": n_won, "n_lost": n_lost,
            "ignored": dict(ignored.most_common()), "n_ignored": int(sum(ignored.values()))}
    blend.require_history(n_won, n_lost)
    return y, info


def _apply_allow(decisions: list[Decision], allow: set[str]) -> None:
    for d in decisions:
        if d.column in allow and not d.used and d.code != "excluded":
            d.used, d.allowed = True, True
            if d.kind in (ID, TEXT):
                d.kind = CATEGORICAL


def _check_names(frame: pd.DataFrame, names: Sequence[str], option: str) -> None:
    unknown = [c for c in names if c not in frame.columns]
    if unknown:
        raise LearnError(f"{option} 指定的列不存在：{', '.join(unknown)}", f"{option} names no such column: {', '.join(unknown)}")


def prepare_table(path: Path, outcome: str | None, won: str | None, lost: str | None,
                  exclude: Sequence[str], allow: Sequence[str], step: Step) -> Prepared:
    step("读取表格", "reading the table")
    frame, info = read_table(path)
    if not outcome or not won:
        raise LearnError("表格数据需要 --outcome 列名 和 --won 赢单取值", "table data needs --outcome COLUMN and --won VALUE")
    if outcome not in frame.columns:
        raise LearnError(f"没有结果列“{outcome}”（现有列：{', '.join(frame.columns)}）",
                         f"no outcome column '{outcome}' (columns: {', '.join(frame.columns)})")
    _check_names(frame, exclude, "--exclude")
    _check_names(frame, allow, "--allow")
    y_all, out_info = _outcomes(frame[outcome], outcome, won, lost)
    closed_mask = y_all.notna().to_numpy()
    closed, open_rows = frame[closed_mask].reset_index(drop=True), frame[~closed_mask]
    y = y_all[closed_mask].to_numpy(dtype=int)

    step("判断列类型并检查泄漏", "deciding column types and guarding against leaks")
    decisions = columns.infer(closed.drop(columns=[outcome]))
    allowed = set(allow)
    for d in decisions:
        if d.column in exclude:
            d.drop("excluded", "按要求排除（--exclude）", "excluded on request (--exclude)")
    leaks.check_names(decisions)
    _apply_allow(decisions, allowed)
    leaks.check_fill(decisions, closed, open_rows)
    _apply_allow(decisions, allowed)
    creation = next((d.column for d in decisions if d.used and d.kind == DATE and columns.looks_like_creation(d.column)
                     and closed[d.column].notna().mean() >= 0.9), None)
    dates = {d.column: columns.parse_dates(closed[d.column])[0] for d in decisions if d.kind == DATE}
    numbers = {d.column: columns.numeric_values(closed[d.column]) for d in decisions if d.kind == NUMERIC}
    leaks.check_derived(decisions, numbers, dates)
    _apply_allow(decisions, allowed)
    for d in decisions:
        if d.column == creation:
            d.drop("creation", "创建日期：用于按时间切分和计算其他日期的“距创建天数”，本身不作为特征（绝对时间会泄露结果）",
                   "creation date: orders the evaluation and measures other dates from it; not a feature itself (absolute times leak)")
        elif d.used and d.kind == DATE and creation is None:
            d.drop("date_no_creation", "没有可识别的创建日期，无法换算为“距创建天数”；不使用绝对日期",
                   "no recognisable creation date to measure it from; absolute dates are not learned")
    # Leaks already found are typed too, so the separation test can add its evidence to theirs.
    typed = typed_from_table(closed, [replace(d, used=True) for d in decisions if d.used or d.leak], creation)
    created = dates.get(creation) if creation else None
    origins = {d.column: d.kind for d in decisions}
    meta = {"origins": origins, "labels": {}}
    return Prepared("table", typed, y, decisions, creation, created, None, meta, out_info, info)


def prepare_documents(paths: list[Path], exclude: Sequence[str], allow: Sequence[str], step: Step) -> Prepared:
    step("读取商机文档并用规则评分", "reading deal documents and scoring them with the rules")
    return prepare_deals(documents.read_deals(paths), exclude, allow, step)


def prepare_deals(deals: list[Any], exclude: Sequence[str], allow: Sequence[str], step: Step) -> Prepared:
    """Deal documents already in memory (the web app's own deals) as training rows."""
    frame = documents.frame_of(deals)
    stage = frame[documents.STAGE]
    y_all, out_info = _outcomes(stage.where(stage.isin(["won", "lost"])), "opportunity.stage", "won", "lost")
    out_info["ignored"] = dict(Counter(stage[y_all.isna()]).most_common())
    closed_mask = y_all.notna().to_numpy()
    closed = frame[closed_mask].reset_index(drop=True)
    y = y_all[closed_mask].to_numpy(dtype=int)
    feats = [c for c in closed.columns if c not in (documents.STAGE, documents.NAME)]
    _check_names(closed[feats], exclude, "--exclude")
    _check_names(closed[feats], allow, "--allow")
    kinds, labels = documents.describe(feats, deals[0].playbook)
    decisions = [Decision(c, kinds.get(c, NUMERIC)) for c in feats]
    for d in decisions:
        if d.column in exclude:
            d.drop("excluded", "按要求排除（--exclude）", "excluded on request (--exclude)")
        elif closed[d.column].nunique(dropna=True) <= 1:
            d.drop("constant", "所有商机取值相同，无法区分赢单与丢单", "the same value in every deal: it cannot tell won from lost")
    typed = typed_from_table(closed, decisions, None)
    meta = {"origins": {c: "document" for c in feats}, "labels": labels}
    rules = closed[documents.RULES].to_numpy(dtype=float)
    return Prepared("documents", typed, y, decisions, None, None, rules, meta, out_info,
                    {"format": "dealpilot/1", "documents": str(len(deals))})


def train(paths: Sequence[str | Path], outcome: str | None = None, won: str | None = None, lost: str | None = None,
          exclude: Sequence[str] = (), allow: Sequence[str] = (), step: Step | None = None) -> dict[str, Any]:
    """Train on closed deals and return the model bundle (see `model.save`)."""
    step = step or (lambda zh, en: None)
    ps = [Path(p) for p in paths]
    if not ps:
        raise LearnError("请给出训练数据", "give the training data")
    if all(documents.is_document_source(p) for p in ps):
        prep = prepare_documents(ps, exclude, allow, step)
    elif len(ps) == 1:
        prep = prepare_table(ps[0], outcome, won, lost, exclude, allow, step)
    else:
        raise LearnError("只能给一个表格文件（或若干商机文档/文件夹）", "give one table file (or deal documents/folders)")
    return fit_and_evaluate(prep, set(allow), step)


def fit_and_evaluate(prep: Prepared, allow: set[str], step: Step) -> dict[str, Any]:
    y, typed = prep.y, prep.typed
    groups = duplicate_groups(typed)
    split = plan_split(y, groups, prep.created)
    first_train = split.folds[0][0] if split.mode == "time" else np.arange(len(y))
    leaks.check_separation(prep.decisions, typed.iloc[first_train], y[first_train])
    _apply_allow(prep.decisions, allow)
    typed = typed[[d.column for d in prep.decisions if d.used and d.column in typed.columns]]
    if typed.shape[1] == 0:
        raise LearnError("排除泄漏列、编号列和空列之后，没有可以学习的列了",
                         "no column is left to learn from after removing leaks, ids and empty columns")

    n = len(y)
    p_model, p_blend, p_nb = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    p_rules, p_const = np.full(n, np.nan), np.full(n, np.nan)
    chosen: list[str] = []
    scores: dict[str, float] = {}
    for i, (tr, te) in enumerate(split.folds):
        step(f"评估：第 {i + 1}/{len(split.folds)} 折", f"evaluating: fold {i + 1}/{len(split.folds)}")
        fit = fit_best(typed.iloc[tr], y[tr], groups[tr], prep.meta)
        chosen.append(fit.kind)
        scores = fit.scores or scores
        p_model[te] = fit.predict(typed.iloc[te])
        p_const[te] = y[tr].mean()
        p_nb[te] = NaiveBayesCounts().fit(typed.iloc[tr], y[tr]).predict(typed.iloc[te])
        if prep.rules is not None:
            p_rules[te] = RulesReference().fit(prep.rules[tr], y[tr]).predict(prep.rules[te])
            prior = p_rules[te]
        else:
            prior = np.full(len(te), y[tr].mean())
        p_blend[te] = blend.blend(p_model[te], prior, blend.weight(len(tr)))
    tested = ~np.isnan(p_model)
    yt = y[tested]
    kind = Counter(chosen).most_common(1)[0][0]

    step("用全部已关闭商机训练最终模型", "fitting the final model on all closed deals")
    final = fit_best(typed, y, groups, prep.meta, kinds=[kind])
    rules_ref = RulesReference().fit(prep.rules, y) if prep.rules is not None else None
    w = blend.weight(n)
    refs = {"naive_bayes": _strip(metrics(yt, p_nb[tested]))}
    if prep.rules is not None:
        refs["rules_score"] = _strip(metrics(yt, p_rules[tested]))
    refs["constant"] = _strip(metrics(yt, p_const[tested]))  # always the training base rate
    headline = metrics(yt, p_blend[tested])
    learned = metrics(yt, p_model[tested])
    n_train = int(np.mean([len(tr) for tr, _ in split.folds]))
    evaluation = {
        "split": split.mode, "split_zh": split.describe("zh"), "split_en": split.describe("en"),
        "n_train": n_train, "n_test": int(tested.sum()),
        "blend": headline, "learned": learned, "references": refs,
        "candidates": scores, "chosen_per_fold": chosen,
    }
    evaluation["verdict"] = verdict(evaluation, prep.source)
    background = typed.sample(min(BACKGROUND_ROWS, n), random_state=0)
    return {
        "format": FORMAT,
        "version": __version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "source": prep.source,
        "read": prep.read_info,
        "outcome": prep.outcome,
        "decisions": [d.to_dict() for d in prep.decisions],
        "creation": prep.creation,
        "schema": {"columns": list(typed.columns), "kinds": {f.column: f.kind for f in final.features},
                   "required": list(typed.columns) + ([prep.creation] if prep.creation else [])},
        "fitted": final,
        "model": kind,
        "model_zh": CANDIDATES.get(kind, {}).get("zh", kind),
        "model_en": CANDIDATES.get(kind, {}).get("en", kind),
        "calibration": final.calibrator.method,
        "rules_reference": rules_ref,
        "prior": "rules_score" if rules_ref is not None else "base_rate",
        "base_rate": round(float(y.mean()), 4),
        "weight": w,
        "n_closed": n,
        "evaluation": evaluation,
        "background": background,
    }


def _strip(m: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in m.items() if k != "reliability"}
