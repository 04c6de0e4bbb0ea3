"""`dealpilot import` as a script runs it: text and JSON, exit 2 with the row errors on stderr."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from dealpilot.cli import main
from dealpilot.deals.models import Opportunity
from dealpilot.imports.models import ImportRun
from tests.web.conftest import Cast

ROWS = ["HR-1,恒锐精密,排产系统,120,方案制定,2026/3/4,张伟,,,,", "HR-2,远舟物流,运输管理,80,商务谈判,2026-05-01,张伟,,,,"]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_import_with_a_mapping_file_then_again_as_an_update(cast: Cast, csv_file: Callable[..., Path],
                                                            tmp_path: Path) -> None:
    path = csv_file(*ROWS)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("values:\n  owner:\n    张伟: rep_a\nconstants:\n  currency: CNY\n", encoding="utf-8")
    result = run("import", str(path), "--preset", "zh-crm", "--mapping", str(mapping), "--owner", "rep_a",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["created"], data["updated"], data["skipped"], data["errors"]) == (2, 0, 0, [])
    assert Opportunity.objects.filter(owner=cast.rep_a, account__name="远舟物流").exists()
    assert ImportRun.objects.get().created == 2
    assert Opportunity.objects.get(name="排产系统").score is not None  # assessed after the commit

    path = csv_file(ROWS[0].replace(",120,", ",130,"), ROWS[1])
    result = run("import", str(path), "--mapping", str(mapping), "--owner", "rep_a", "--update")
    assert result.exit_code == 0, result.output
    assert "0 created, 1 updated, 1 skipped" in result.stdout


def test_row_errors_exit_2_on_stderr_and_nothing_is_written(cast: Cast, csv_file: Callable[..., Path]) -> None:
    path = csv_file(ROWS[0].replace("2026/3/4", "2026/13/45"), ROWS[1])
    result = run("import", str(path), "--owner", "rep_a", "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["created"] == 0 and {(e["row"], e["column"]) for e in data["errors"]} == {
        (2, "预计成交日期"), (2, "负责人"), (3, "负责人")}
    assert "row 2, 预计成交日期: “2026/13/45” is not a date" in result.stderr
    assert not Opportunity.objects.filter(account__name="远舟物流").exists()


def test_dry_run_writes_nothing(cast: Cast, csv_file: Callable[..., Path], tmp_path: Path) -> None:
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"values": {"owner": {"张伟": "rep_a"}}}), encoding="utf-8")
    result = run("import", str(csv_file(*ROWS)), "--mapping", str(mapping), "--owner", "rep_a", "--dry-run")
    assert result.exit_code == 0 and "2 would be created" in result.stdout
    assert not Opportunity.objects.filter(account__name="远舟物流").exists() and not ImportRun.objects.exists()


def test_bad_arguments_are_clear(cast: Cast, csv_file: Callable[..., Path], tmp_path: Path) -> None:
    assert "no user is called" in run("import", str(csv_file(*ROWS)), "--owner", "nobody").output
    bad = tmp_path / "m.yaml"
    bad.write_text("columns:\n  name: No Such Column\n", encoding="utf-8")
    result = run("import", str(csv_file(*ROWS)), "--owner", "rep_a", "--mapping", str(bad))
    assert result.exit_code == 1 and "does not have: No Such Column" in result.output
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(128, 256)) * 50)
    result = run("import", str(junk), "--owner", "rep_a")
    assert result.exit_code == 1 and "encoding" in result.output
