"""Assessment history: snapshots of a verdict and "what changed since the last review"."""

from __future__ import annotations

import datetime as dt

from dealpilot.engine import assess
from dealpilot.engine.document import parse_document
from dealpilot.engine.history import compare, moved, snapshot

from .factories import deal_data, edit, make_playbook

PB = make_playbook()


def _snap(data, when="2026-03-01"):
    return snapshot(assess(parse_document(data), PB), when)


def test_a_snapshot_keeps_the_overall_and_dimension_scores_the_flags_and_the_day() -> None:
    result = assess(parse_document(edit(deal_data(), "stakeholders.0.access", "none")), PB)
    snap = snapshot(result, dt.datetime(2026, 3, 1, 15, 30))
    assert snap["date"] == "2026-03-01"
    assert snap["score"] == result.score
    assert snap["dimensions"] == {d.id: d.score for d in result.dimensions}
    assert snap["flags"] == sorted({f.id for f in result.flags})
    assert "no_decider_access" in snap["flags"]


def test_losing_the_decider_shows_as_a_raised_flag_and_a_lower_power_score() -> None:
    before = _snap(deal_data(), "2026-02-01")
    after = _snap(edit(deal_data(), "stakeholders.0.access", "none"), "2026-03-01")
    diff = compare(before, after, PB)
    assert "no_decider_access" in diff.flags_raised
    assert diff.flags_cleared == []
    assert diff.dimension_deltas["power"] < 0
    assert diff.score_delta == after["score"] - before["score"]
    assert diff.changed


def test_winning_the_decider_back_clears_the_flag_in_the_other_direction() -> None:
    worse = _snap(edit(deal_data(), "stakeholders.0.access", "none"))
    better = _snap(deal_data())
    diff = compare(worse, better, PB)
    assert "no_decider_access" in diff.flags_cleared
    assert diff.dimension_deltas["power"] > 0


def test_the_summary_names_dimensions_and_flags_in_both_languages() -> None:
    before = _snap(deal_data(), "2026-02-01")
    after = _snap(edit(deal_data(), "stakeholders.0.access", "none"))
    summary = compare(before, after, PB).summary
    assert "2026-02-01" in summary.zh and "2026-02-01" in summary.en
    assert "权力" in summary.zh and "Power" in summary.en
    assert "未接触决策者" in summary.zh and "no contact with the decider" in summary.en


def test_an_unchanged_deal_says_nothing_changed() -> None:
    a = _snap(deal_data(), "2026-02-01")
    b = _snap(deal_data(), "2026-03-01")
    diff = compare(a, b, PB)
    assert not diff.changed
    assert not moved(a, b)
    assert diff.summary.en == "No change since 2026-02-01"


def test_only_a_score_or_flag_change_counts_as_moved() -> None:
    a = _snap(deal_data())
    assert moved(None, a)
    assert moved(a, {**a, "flags": a["flags"] + ["pain_stale"]})
    assert moved(a, {**a, "score": a["score"] + 1})
    assert not moved(a, {**a, "date": "2027-01-01"})


def test_compare_without_a_playbook_falls_back_to_ids() -> None:
    before = _snap(deal_data())
    after = _snap(edit(deal_data(), "stakeholders.0.access", "none"))
    assert "power" in compare(before, after).summary.en
