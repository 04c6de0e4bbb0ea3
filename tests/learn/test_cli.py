"""The learn commands as a user meets them: predictions explained, reports, and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .factory import make_history, run, write_csv


def _bad(result: Any) -> str:
    """Bad input: exit code 2, one clear line, no traceback."""
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize(("args", "expected"), [
    (["--outcome", "nope", "--won", "Won"], "no outcome column 'nope'"),
    (["--outcome", "status", "--won", "Victory"], "no value 'Victory'"),
    (["--outcome", "status", "--won", "Won", "--exclude", "ghost"], "--exclude names no such column: ghost"),
    (["--outcome", "status"], "--won"),
])
def test_train_bad_options_exit_2_and_write_nothing(history: Path, tmp_path: Path, args: list[str], expected: str) -> None:
    model = tmp_path / "m.pkl"
    line = _bad(run("train", str(history), *args, "-o", str(model), "--lang", "en"))
    assert expected in line
    assert not model.exists()


def test_train_one_outcome_only_is_refused(tmp_path: Path) -> None:
    df = make_history(100, seed=3, open_share=0.0)
    df["status"] = "Won"
    path = write_csv(df, tmp_path / "won.csv")
    line = _bad(run("train", str(path), "--outcome", "status", "--won", "Won", "-o", str(tmp_path / "m.pkl"), "--lang", "en"))
    assert "one outcome only" in line


def test_train_unreadable_file_exits_2(tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\xff\xfe" * 50)
    assert "junk.csv" in _bad(run("train", str(junk), "--outcome", "a", "--won", "b", "--lang", "en"))
    assert "no such file" in _bad(run("train", str(tmp_path / "missing.csv"), "--outcome", "a", "--won", "b", "--lang", "en"))


def test_below_30_closed_deals_the_cli_refuses_in_chinese(tmp_path: Path) -> None:
    path = write_csv(make_history(25, seed=2, open_share=0.0), tmp_path / "tiny.csv")
    line = _bad(run("train", str(path), "--outcome", "status", "--won", "Won", "-o", str(tmp_path / "m.pkl")))
    assert "至少需要 30 个" in line


def test_predict_explains_each_deal_in_both_languages(trained: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    model, _ = trained
    rows = make_history(5, seed=99, open_share=0.0)
    rows.loc[0, "fit_score"] = 3.0  # a very good fit: its strongest factor must be fit_score
    path = write_csv(rows, tmp_path / "open.csv")
    out = run("predict", str(model), str(path), "--format", "json")
    assert out.exit_code == 0, out.output
    preds = json.loads(out.output)["predictions"]
    assert len(preds) == 5
    first = preds[0]
    assert first["raised"][0]["column"] == "fit_score"
    assert first["raised"][0]["zh"] and first["raised"][0]["en"]
    assert all(0 < p["probability"] < 1 for p in preds)
    text_en = run("predict", str(model), str(path), "--lang", "en").output
    text_zh = run("predict", str(model), str(path), "--lang", "zh").output
    assert "fit_score: 3" in text_en and "fit_score：3" in text_zh
    assert "nothing a rep can change" in text_en


def test_predict_on_documents_suggests_what_a_rep_can_change(doc_folder: Path, tmp_path: Path) -> None:
    model = tmp_path / "docs.pkl"
    assert run("train", str(doc_folder), "-o", str(model), "--format", "json").exit_code == 0
    one = sorted(doc_folder.glob("*.yaml"))[0]
    out = run("predict", str(model), str(one), "--format", "json")
    assert out.exit_code == 0, out.output
    pred = json.loads(out.output)["predictions"][0]
    changes = [a["change"] for a in pred["actions"]]
    assert changes, pred
    assert all(c.startswith(("answer_", "budget_status", "reach_")) for c in changes)
    assert all(a["gain"] > 0 for a in pred["actions"])


def test_a_model_whose_schema_does_not_fit_the_input_is_a_clear_error(trained: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    model, _ = trained
    rows = make_history(5, seed=1).drop(columns=["region"])
    line = _bad(run("predict", str(model), str(write_csv(rows, tmp_path / "x.csv")), "--lang", "en"))
    assert "lacks the column(s) region" in line
    rows = make_history(5, seed=1)
    rows["fit_score"] = "high"
    line = _bad(run("predict", str(model), str(write_csv(rows, tmp_path / "y.csv")), "--lang", "en"))
    assert "'fit_score' should hold numbers" in line


def test_a_file_that_is_not_a_model_is_a_clear_error(history: Path) -> None:
    line = _bad(run("predict", str(history), str(history), "--lang", "en"))
    assert "is not a DealPilot model file" in line
    assert "is not a DealPilot model file" in _bad(run("report", str(history), "--lang", "en"))


def test_html_report_is_self_contained_with_the_reliability_diagram(trained: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    from dealpilot.learn.report import ECHARTS

    if not any(p.is_file() for p in ECHARTS):
        pytest.skip("echarts.min.js not installed (make setup copies it from npm)")
    model, result = trained
    page = tmp_path / "report.html"
    out = run("report", str(model), "--html", str(page), "--lang", "en")
    assert out.exit_code == 0, out.output
    html = page.read_text(encoding="utf-8")
    assert "Reliability diagram" in html and 'id="reliability"' in html
    assert "echarts" in html and "http://" not in html.split("<script>")[0] and "cdn" not in html.lower()
    assert f"{result['auc']:.3f}" in html


def test_html_report_without_echarts_says_so_and_writes_nothing(trained: tuple[Path, dict[str, Any]], tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from dealpilot.learn import report

    monkeypatch.setattr(report, "ECHARTS", (tmp_path / "none.js",))
    model, _ = trained
    page = tmp_path / "report.html"
    line = _bad(run("report", str(model), "--html", str(page), "--lang", "en"))
    assert "echarts.min.js is missing" in line
    assert not page.exists()
