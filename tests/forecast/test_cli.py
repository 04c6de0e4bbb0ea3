"""`dealpilot learn train --workspace`: the admin's training, from the command line."""

from __future__ import annotations

from typing import Any

from click.testing import CliRunner

from dealpilot.cli.learn import learn
from dealpilot.forecast.models import WinModel
from tests.forecast.test_model import _closed


def test_too_few_closed_deals_exits_2_with_the_reason_and_stores_nothing(cast: Any) -> None:
    _closed(cast, 10)
    r = CliRunner().invoke(learn, ["train", "--workspace", "--lang", "en"])
    assert r.exit_code == 2 and "only 10 closed deals" in r.output
    assert not WinModel.objects.exists()


def test_training_the_workspace_stores_a_model_in_use(cast: Any) -> None:
    _closed(cast, 40)
    r = CliRunner().invoke(learn, ["train", "--workspace", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "trained on 40 closed deals" in r.output and "in use" in r.output
    assert WinModel.objects.get().active


def test_workspace_and_files_do_not_mix(cast: Any) -> None:
    r = CliRunner().invoke(learn, ["train", "--workspace", "deals.csv"])
    assert r.exit_code == 2
    assert CliRunner().invoke(learn, ["train"]).exit_code == 2
