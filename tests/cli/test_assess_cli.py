"""`dealpilot assess`, `playbook` and `example` as a user runs them, including bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dealpilot.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def deal_file(tmp_path: Path) -> Path:
    result = run("example", "--lang", "en")
    assert result.exit_code == 0
    path = tmp_path / "deal.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def broken(tmp_path: Path, deal_file: Path, change) -> Path:
    data = yaml.safe_load(deal_file.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_then_assess_shows_a_report(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "deal.yaml"
    path.write_text(run("example", "--lang", lang).stdout, encoding="utf-8")
    result = run("assess", str(path), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    words = ("风险预警", "拜访计划") if lang == "zh" else ("Red flags", "Call plan")
    assert all(w in result.stdout for w in words)


def test_json_output_has_scores_flags_and_questions(deal_file: Path) -> None:
    result = run("assess", str(deal_file), "--format", "json", "--lang", "en")
    data = json.loads(result.stdout)
    assert 0 <= data["score"] <= 100
    assert all("score" in d for d in data["dimensions"].values())
    assert all({"id", "severity", "dimension", "message"} <= set(f) for f in data["flags"])
    assert all({"criterion", "stakeholder", "technique", "text"} <= set(q) for q in data["next_questions"])


def test_several_files_give_a_json_list(deal_file: Path) -> None:
    result = run("assess", str(deal_file), str(deal_file), "--format", "json")
    assert [type(x) for x in json.loads(result.stdout)] == [dict, dict]


def test_markdown_is_a_review_to_paste(deal_file: Path) -> None:
    out = run("assess", str(deal_file), "--format", "markdown", "--lang", "en").stdout
    assert out.startswith("# Deal review:")
    assert "## Red flags" in out and "- [ ]" in out


def test_as_of_and_playbook_options_apply(deal_file: Path) -> None:
    out = json.loads(run("assess", str(deal_file), "--format", "json", "--as-of", "2027-06-01",
                         "--playbook", "ppvvcc").stdout)
    assert out["as_of"] == "2027-06-01" and out["playbook"] == "ppvvcc"


def assert_bad_input(result, *needles: str) -> None:
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    for n in needles:
        assert n in result.stderr


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    assert_bad_input(run("assess", str(tmp_path / "nope.yaml")), "nope.yaml", "cannot read")


def test_broken_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("opportunity:\n  name: [unclosed\n", encoding="utf-8")
    assert_bad_input(run("assess", str(path)), "bad.yaml", "line")


def test_broken_json_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"opportunity": ', encoding="utf-8")
    assert_bad_input(run("assess", str(path), "--lang", "en"), "bad.json", "not valid JSON")


def test_an_invalid_document_lists_every_problem_by_path(tmp_path: Path, deal_file: Path) -> None:
    def change(d):
        d["stakeholders"][1]["attitude"] = "freindly"
        d["decision_chain"][0]["owner"] = "s99"

    result = run("assess", str(broken(tmp_path, deal_file, change)))
    assert_bad_input(result, "stakeholders[1].attitude: 'freindly' is not one of",
                     "decision_chain[0].owner: no stakeholder 's99'")


def test_an_unknown_stage_or_criterion_is_reported(tmp_path: Path, deal_file: Path) -> None:
    def change(d):
        d["opportunity"]["stage"] = "dreaming"
        d["answers"]["made_up"] = {"status": "yes"}

    assert_bad_input(run("assess", str(broken(tmp_path, deal_file, change))), "opportunity.stage", "answers.made_up")


def test_an_unknown_playbook_is_reported(tmp_path: Path, deal_file: Path) -> None:
    assert_bad_input(run("assess", str(deal_file), "--playbook", "nope"), "unknown playbook 'nope'")
    path = broken(tmp_path, deal_file, lambda d: d.update(playbook="nope"))
    assert_bad_input(run("assess", str(path)), "broken.yaml", "unknown playbook 'nope'")


def test_a_bad_date_is_reported(deal_file: Path) -> None:
    assert_bad_input(run("assess", str(deal_file), "--as-of", "2026-13-01"), "YYYY-MM-DD")


def test_one_bad_file_among_good_ones_stops_the_run(tmp_path: Path, deal_file: Path) -> None:
    assert_bad_input(run("assess", str(deal_file), str(tmp_path / "nope.yaml")), "nope.yaml")


def test_playbook_list_and_show(tmp_path: Path) -> None:
    listing = run("playbook", "list", "--lang", "en")
    assert listing.exit_code == 0 and all(p in listing.stdout for p in ("ppvvcc", "bant", "meddicc"))
    data = json.loads(run("playbook", "show", "bant", "--format", "json", "--lang", "en").stdout)
    assert data["id"] == "bant"
    assert {"id", "dimension", "weight", "text"} <= set(data["criteria"][0])
    assert data["stages"] and data["roles"]
    assert "Pain" in run("playbook", "show", "ppvvcc", "--lang", "en").stdout
    assert_bad_input(run("playbook", "show", "nope"), "unknown playbook")


def test_playbook_validate_accepts_a_good_file_and_names_problems_in_a_bad_one(tmp_path: Path) -> None:
    from dealpilot.engine.playbook import PLAYBOOK_DIR

    good = run("playbook", "validate", str(PLAYBOOK_DIR / "ppvvcc.yaml"))
    assert good.exit_code == 0 and "ok: ppvvcc" in good.stdout
    data = yaml.safe_load((PLAYBOOK_DIR / "ppvvcc.yaml").read_text(encoding="utf-8"))
    data["dimensions"][0]["criteria"][0]["weight"] = -1
    data["questions"][0]["criteria"] = ["no_such_criterion"]
    bad = tmp_path / "mine.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert_bad_input(run("playbook", "validate", str(bad)), "mine.yaml", "dimensions[0].criteria[0].weight")
    bad.write_text("dimensions: [\n", encoding="utf-8")
    assert_bad_input(run("playbook", "validate", str(bad)), "not valid YAML")
