"""Learning a known signal: AUC near the truth, calibrated, no worse than naive Bayes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from dealpilot.learn.errors import LearnError
from dealpilot.learn.train import train

from .factory import make_history, run, true_logit, write_csv


def test_train_json_has_the_promised_keys(trained: tuple[Path, dict[str, Any]]) -> None:
    _, result = trained
    for key in ("auc", "brier", "ece", "base_rate", "n_train", "n_test", "model", "excluded", "references"):
        assert key in result
    assert result["n_train"] + result["n_test"] == result["n_closed"]
    assert len(result["reliability"]) == 10
    assert sum(r["count"] for r in result["reliability"]) == result["n_test"]


def test_auc_is_near_what_the_true_signal_allows(history: Path, trained: tuple[Path, dict[str, Any]]) -> None:
    import pandas as pd

    df = pd.read_csv(history)
    closed = df[df["status"] != "Open"]
    oracle = roc_auc_score(closed["status"] == "Won", true_logit(closed))
    _, result = trained
    assert result["auc"] == pytest.approx(oracle, abs=0.04)


def test_calibrated_and_not_worse_than_naive_bayes(trained: tuple[Path, dict[str, Any]]) -> None:
    _, result = trained
    assert result["ece"] < 0.06
    nb = result["references"]["naive_bayes"]
    assert result["auc"] >= nb["auc"] - 0.005
    assert result["brier"] <= nb["brier"] + 0.002
    assert result["signal"] == "useful"


def test_the_chosen_model_is_reported_among_the_candidates(trained: tuple[Path, dict[str, Any]]) -> None:
    _, result = trained
    assert result["model"] in result["candidates"]
    assert set(result["candidates"]) == {"logistic_strong", "logistic", "boosting"}
    assert result["calibration"] in ("platt", "isotonic")


def test_fewer_than_30_closed_deals_are_refused_with_the_reason(tmp_path: Path) -> None:
    path = write_csv(make_history(40, seed=1, open_share=0.5), tmp_path / "small.csv")
    with pytest.raises(LearnError) as err:
        train([path], "status", "Won", "Lost")
    assert "30" in err.value.text("en") and "closed" in err.value.text("en")


def test_a_small_history_is_shrunk_toward_the_base_rate_with_the_weight_reported(tmp_path: Path) -> None:
    path = write_csv(make_history(90, seed=5, open_share=0.0), tmp_path / "small.csv")
    out = run("train", str(path), "--outcome", "status", "--won", "Won", "-o", str(tmp_path / "m.pkl"), "--format", "json")
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert 0 < result["weight"] < 1
    assert result["prior"] == "base_rate"
    assert result["model"].startswith("logistic")  # boosting is not tried on a history this small
    text = run("report", str(tmp_path / "m.pkl"), "--lang", "en").output
    assert "shrunk toward the base rate (table data has no rules score)" in " ".join(text.split())


def test_exact_duplicate_rows_stay_in_one_fold(tmp_path: Path) -> None:
    from dealpilot.learn.evaluate import duplicate_groups, group_folds

    df = make_history(200, seed=9, open_share=0.0)[["fit_score", "region"]]
    df = pd_concat_twice(df)
    groups = duplicate_groups(df)
    y = np.arange(len(df)) % 2
    for train_idx, test_idx in group_folds(y, groups, 5):
        assert not set(groups[train_idx]) & set(groups[test_idx])


def pd_concat_twice(df: Any) -> Any:
    import pandas as pd

    return pd.concat([df, df], ignore_index=True)


def test_deal_documents_learn_with_the_rules_score_as_reference(doc_folder: Path, tmp_path: Path) -> None:
    out = run("train", str(doc_folder), "-o", str(tmp_path / "docs.pkl"), "--format", "json", "--lang", "en")
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert result["source"] == "documents"
    assert result["prior"] == "rules_score"
    assert "rules_score" in result["references"] and "naive_bayes" in result["references"]
    assert result["auc"] > 0.65
    assert 0 < result["weight"] < 1


def test_dates_are_learned_as_days_after_creation_never_as_calendar_times(tmp_path: Path) -> None:
    import pandas as pd

    df = make_history(400, seed=12, open_share=0.0)
    df["first_meeting"] = (pd.to_datetime(df["created"]) + pd.to_timedelta(df["fit_score"].abs() * 10, unit="D")).dt.strftime("%Y-%m-%d")
    bundle = train([write_csv(df, tmp_path / "d.csv")], "status", "Won")
    ages = bundle["background"]["first_meeting"]
    assert ages.between(0, 60).all()  # days after creation, not timestamps
    assert "created" not in bundle["schema"]["columns"]
    no_creation = df.drop(columns=["created"])
    bundle = train([write_csv(no_creation, tmp_path / "n.csv")], "status", "Won")
    codes = {d["column"]: d["code"] for d in bundle["decisions"]}
    assert codes["first_meeting"] == "date_no_creation"
    assert bundle["evaluation"]["split"] == "cv"


def test_the_model_is_one_file_with_schema_metrics_decisions_and_version(trained: tuple[Path, dict[str, Any]]) -> None:
    from dealpilot.learn.model import FORMAT, load

    model, result = trained
    bundle = load(model)
    assert bundle["format"] == FORMAT and bundle["version"]
    assert bundle["schema"]["columns"] == result["columns"]
    assert bundle["evaluation"]["blend"]["auc"] == result["auc"]
    assert {d["column"] for d in bundle["decisions"] if not d["used"]} == {e["column"] for e in result["excluded"]}
