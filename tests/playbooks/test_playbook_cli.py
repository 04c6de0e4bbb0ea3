"""`dealpilot playbook export/import`: a YAML round trip into a draft; a bad file creates nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from dealpilot.cli import main
from dealpilot.playbooks.models import TeamPlaybook

pytestmark = pytest.mark.django_db


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_export_then_import_creates_a_validated_draft(tmp_path: Path) -> None:
    out = tmp_path / "bant.yaml"
    assert run("playbook", "export", "bant", str(out)).exit_code == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["id"] == "bant"
    result = run("playbook", "import", str(out), "--id", "bant-team", "--based-on", "bant")
    assert result.exit_code == 0, result.output
    team = TeamPlaybook.objects.get(pid="bant-team")
    assert (team.based_on, team.draft["id"]) == ("bant", "bant-team")
    assert run("playbook", "export", "bant-team").output.startswith("id: bant-team")


def test_an_invalid_file_is_refused_naming_the_field(tmp_path: Path) -> None:
    data = yaml.safe_load(run("playbook", "export", "bant").output)
    data["stages"][0]["probability"] = 2
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["playbook", "import", str(bad), "--id", "x-team"])
    assert result.exit_code == 2
    assert "stages[0].probability" in result.output
    assert not TeamPlaybook.objects.exists()
