"""The leak guard refuses exactly what is known only after the close, and says why."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from .factory import LEAKS, NOISE, SIGNAL, make_history, run, write_csv


def _leaks(result: dict[str, Any]) -> dict[str, str]:
    return {e["column"]: e["reason_en"] for e in result["excluded"] if e["code"].startswith("leak")}


def test_leaks_are_excluded_exactly_and_each_is_explained(trained: tuple[Path, dict[str, Any]]) -> None:
    _, result = trained
    leaks = _leaks(result)
    assert set(leaks) == LEAKS
    assert "'0'" in leaks["invoice_amount"] and "lost" in leaks["invoice_amount"]  # found by its values alone
    assert "close" in leaks["final_result"] or "final" in leaks["final_result"]
    assert "close_date" in leaks["cycle_days"]  # a span ending at the close is the close
    assert "open rows" in leaks["close_date"]
    assert SIGNAL | NOISE <= set(result["columns"])


def test_ids_are_dropped_with_a_note_and_creation_date_orders_the_test(trained: tuple[Path, dict[str, Any]]) -> None:
    _, result = trained
    codes = {e["column"]: e["code"] for e in result["excluded"]}
    assert codes["deal_ref"] == "id"
    assert codes["created"] == "creation"
    assert result["split"] == "time"


def test_allow_keeps_a_flagged_column_and_says_it_was_flagged(tmp_path: Path) -> None:
    path = write_csv(make_history(400, seed=2), tmp_path / "h.csv")
    out = run("train", str(path), "--outcome", "status", "--won", "Won", "--allow", "final_result",
              "-o", str(tmp_path / "m.pkl"), "--format", "json", "--lang", "en")
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert "final_result" in result["columns"]
    assert [a["column"] for a in result["allowed"]] == ["final_result"]
    assert "final_result" not in _leaks(result)


def test_chinese_column_names_that_say_closed_are_refused(tmp_path: Path) -> None:
    df = make_history(300, seed=4).rename(columns={"close_value": "成交金额", "final_result": "最终结果"})
    path = write_csv(df, tmp_path / "zh.csv", encoding="gbk")
    out = run("train", str(path), "--outcome", "status", "--won", "Won", "-o", str(tmp_path / "m.pkl"),
              "--format", "json", "--lang", "zh")
    assert out.exit_code == 0, out.output
    leaks = {e["column"]: e for e in json.loads(out.output)["excluded"] if e["code"].startswith("leak")}
    assert leaks["成交金额"]["code"] == leaks["最终结果"]["code"] == "leak_name"
    assert "列名含“成交”" in leaks["成交金额"]["reason"]


def test_sales_pipeline_sample_has_no_signal_once_leaks_are_gone(pipeline: Path, tmp_path: Path) -> None:
    out = run("train", str(pipeline), "--outcome", "deal_stage", "--won", "Won", "--lost", "Lost",
              "-o", str(tmp_path / "crm.pkl"), "--format", "json", "--lang", "en")
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    leaks = _leaks(result)
    assert {"close_value", "close_date"} <= set(leaks)
    assert {e["column"]: e["code"] for e in result["excluded"]}["opportunity_id"] == "id"
    with open(pipeline, newline="", encoding="utf-8") as fh:
        stages = [row["deal_stage"] for row in csv.DictReader(fh)]
    assert result["outcome"]["n_ignored"] == sum(s in ("Prospecting", "Engaging") for s in stages)
    assert result["n_closed"] == sum(s in ("Won", "Lost") for s in stages)
    assert 0.4 < result["auc"] < 0.6
    assert result["signal"] == "none"
    assert result["verdict"][0].startswith("No usable signal")
