"""The labelled sentences the bench measures on: big enough, labelled with real criteria."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dealpilot.engine.document import read_document
from dealpilot.engine.playbook import get_playbook

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang,at_least", [("zh", 150), ("en", 50)])
def test_the_labelled_set_is_big_enough_and_every_label_is_a_criterion(lang, at_least):
    data = yaml.safe_load((ROOT / "bench" / "data" / f"notes_{lang}.yaml").read_text(encoding="utf-8"))
    rows = data["sentences"]
    playbook = get_playbook(read_document(ROOT / data["deal"]).playbook)
    relevant = [r for r in rows if r["criteria"]]
    assert len(relevant) >= at_least
    assert len(rows) - len(relevant) >= 10  # small talk, which must propose nothing
    for r in relevant:
        assert all(playbook.criterion(c) is not None for c in r["criteria"]), r["text"]
        assert r["status"] in ("yes", "partly", "no"), r["text"]
    assert len({r["text"] for r in rows}) == len(rows)
    statuses = {r["status"] for r in relevant}
    assert statuses == {"yes", "partly", "no"}
