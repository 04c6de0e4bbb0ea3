"""`dealpilot notes DEAL.yaml NOTES.txt` as a user runs it, including --apply and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dealpilot.cli import main
from dealpilot.engine.document import read_document

NOTE = """今天下午拜访了周总和陈静。
周总说排产打通是集团今年的一号工程。
陈静私下告诉我，预算还没批下来，要等下周三的总经理办公会。
新来的采购经理张伟会负责后面的商务流程。
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    deal = tmp_path / "deal.yaml"
    deal.write_text(run("example", "--lang", "zh").stdout, encoding="utf-8")
    note = tmp_path / "notes.txt"
    note.write_text(NOTE, encoding="utf-8")
    return deal, note


def test_json_lists_each_proposal_with_its_evidence(files):
    deal, note = files
    result = run("notes", str(deal), str(note), "--format", "json", "--with", "s1,s4")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert all({"criterion", "status", "evidence", "source", "date", "confidence"} <= set(r) for r in rows)
    budget = next(r for r in rows if "预算" in r["evidence"])
    assert (budget["criterion"], budget["status"], budget["source"]) == ("pain_budget_in_place", "no", "s4")


@pytest.mark.parametrize("lang,words", [("zh", ("检查项", "新出现的人", "张伟")), ("en", ("Criterion", "New people"))])
def test_text_output_in_both_languages(files, lang, words):
    deal, note = files
    result = run("notes", str(deal), str(note), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert all(w in result.stdout for w in words)


def test_apply_writes_the_confident_answers_into_the_document(files):
    deal, note = files
    before = read_document(deal)
    assert run("notes", str(deal), str(note), "--apply", "--dry-run").exit_code == 0
    assert read_document(deal) == before
    result = run("notes", str(deal), str(note), "--apply")
    assert result.exit_code == 0, result.stderr
    after = read_document(deal)
    answer = after.answers["pain_budget_in_place"]
    assert answer.status.value == "no" and "预算还没批下来" in answer.evidence


def test_bad_input_changes_nothing_and_says_why(files, tmp_path):
    deal, note = files
    before = deal.read_text(encoding="utf-8")
    result = run("notes", str(deal), str(note), "--with", "s99", "--apply")
    assert result.exit_code == 2 and "s99" in result.stderr and result.stdout == ""
    result = run("notes", str(deal), str(tmp_path / "missing.txt"), "--apply")
    assert result.exit_code == 2 and "missing.txt" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("opportunity: {name: x}\n", encoding="utf-8")
    assert run("notes", str(bad), str(note)).exit_code == 2
    assert deal.read_text(encoding="utf-8") == before
