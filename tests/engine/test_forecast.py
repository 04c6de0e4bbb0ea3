"""Forecast rules without Django: evidence category, the rep's call against it, roll-ups, moves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dealpilot.engine import forecast as fc
from dealpilot.engine.assess import assess
from dealpilot.engine.errors import PlaybookError
from dealpilot.engine.playbook import get_playbook, list_playbooks, parse_playbook
from tests.engine.factories import deal_data, edit, make_deal, make_playbook, playbook_data

RULES = {"commit": {"stage_gate": "commit", "no_high_flags": True, "roles_reached": ["decider", "fund_approver"],
                    "mutual_plan_dated": True},
         "best_case": {"stage_gate": "propose", "roles_reached": ["decider"]}}


def _assessed(**kw):
    pb = make_playbook(forecast=RULES)
    return assess(make_deal(**kw), pb)


def test_every_shipped_playbook_says_what_commit_and_best_case_require():
    for pid in list_playbooks():
        pb = get_playbook(pid)
        assert pb.forecast is not None, pid
        assert pb.forecast.commit.stage_gate == "commit"


def test_a_playbook_without_a_forecast_section_still_loads_and_uses_the_default_rules():
    pb = make_playbook()
    assert pb.forecast is None
    assert fc.rules_of(pb) is fc.DEFAULT_RULES


def test_a_forecast_section_naming_an_unknown_role_or_stage_is_refused_with_its_path():
    bad = {**RULES, "commit": {"stage_gate": "signed", "roles_reached": ["cfo"]}}
    with pytest.raises(PlaybookError) as err:
        parse_playbook(playbook_data(forecast=bad))
    paths = {p.path for p in err.value.problems}
    assert {"forecast.commit.stage_gate", "forecast.commit.roles_reached[0]"} <= paths


def test_a_develop_deal_with_budget_requested_is_best_case_and_commit_lacks_the_approved_budget():
    a = _assessed()
    ev = fc.evidence(a)
    assert ev.category == fc.BEST_CASE
    lacking = [m.en for m in ev.missing[fc.COMMIT]]
    assert any("budget at least approved" in m for m in lacking)
    assert fc.BEST_CASE not in ev.missing


def test_a_deal_with_everything_commit_needs_is_commit():
    data = deal_data(budget={"status": "approved", "amount": 500000, "applicant": "s3", "approver": "s2"})
    a = assess(make_deal(**data), make_playbook(forecast=RULES))
    assert fc.evidence(a).category == fc.COMMIT, [m.en for m in fc.evidence(a).missing.get("commit", [])]


def test_an_unreached_decider_drops_the_deal_to_pipeline_and_names_the_decider():
    data = edit(deal_data(), "stakeholders.0.access", "none")
    a = assess(make_deal(**data), make_playbook(forecast=RULES))
    ev = fc.evidence(a)
    assert ev.category == fc.PIPELINE
    assert any("decider reached" in m.en for m in ev.missing[fc.BEST_CASE])
    assert any("决策者" in m.zh or "decider" in m.zh for m in ev.missing[fc.BEST_CASE])


def test_a_mutual_plan_step_due_after_the_close_date_is_not_a_plan_to_signature():
    data = deal_data(budget={"status": "approved", "amount": 1, "applicant": "s3", "approver": "s2"},
                     mutual_plan=[{"step": "sign", "owner": "s1", "due": "2026-08-01", "status": "pending"}])
    ev = fc.evidence(assess(make_deal(**data), make_playbook(forecast=RULES)))
    assert ev.category == fc.BEST_CASE
    assert any("mutual plan" in m.en for m in ev.missing[fc.COMMIT])


def test_a_commit_call_on_best_case_evidence_is_commit_on_weak_evidence_with_the_items_named():
    ev = fc.evidence(_assessed())
    check = fc.check_call(fc.COMMIT, ev)
    assert check.weak
    assert check.label.en == "commit on weak evidence"
    assert check.label.zh == "承诺但证据不足"
    assert check.missing == ev.missing[fc.COMMIT]


def test_a_call_at_or_below_the_evidence_is_not_weak_and_no_call_counts_as_pipeline():
    ev = fc.evidence(_assessed())
    assert not fc.check_call(fc.BEST_CASE, ev).weak
    assert not fc.check_call(fc.OMITTED, ev).weak
    none = fc.check_call(None, ev)
    assert none.call == fc.PIPELINE and not none.weak


def test_an_unknown_call_is_an_error():
    with pytest.raises(ValueError):
        fc.check_call("maybe", fc.Evidence(fc.PIPELINE))


def test_a_closed_deal_is_won_or_lost_whatever_the_evidence():
    data = deal_data()
    data["opportunity"]["stage"] = "won"
    assert fc.evidence(assess(make_deal(**data), make_playbook(forecast=RULES))).category == fc.WON


def _g(owner, team, status, call, ev, amount, weighted=0):
    return fc.Group(owner, team, status, call, ev, 1, Decimal(amount), Decimal(weighted))


def test_roll_up_sums_reps_into_teams_and_the_company():
    groups = [_g("r1", "A", "won", "", "won", 100), _g("r1", "A", "open", "commit", "best_case", 50, 40),
              _g("r2", "A", "open", "best_case", "best_case", 30, 15), _g("r3", "B", "open", "omitted", "pipeline", 99, 9),
              _g("r3", "B", "open", "", "pipeline", 20, 4), _g("r3", "B", "lost", "commit", "lost", 500)]
    reps, teams, company = fc.roll_up(groups)
    assert reps["r1"].won == 100 and reps["r1"].by_call["commit"] == 50 and reps["r1"].by_evidence["best_case"] == 50
    assert teams["A"].open_pipeline == 80 and teams["A"].weighted == 55
    assert teams["B"].by_call["omitted"] == 99 and teams["B"].open_pipeline == 20
    assert teams["B"].by_evidence["pipeline"] == 119 and teams["B"].weighted == 13  # evidence judges every open deal
    assert company.won == 100 and company.open_pipeline == 100 and company.by_call["pipeline"] == 20
    assert company.forecast == 150  # won + commit


def test_attainment_and_coverage_against_quota():
    assert fc.attainment(Decimal(50), Decimal(200)) == 0.25
    assert fc.coverage(Decimal(300), Decimal(50), Decimal(200)) == 2.0  # 300 / (200 - 50)
    assert fc.coverage(Decimal(300), Decimal(250), Decimal(200)) is None  # quota already met
    assert fc.attainment(Decimal(1), None) is None and fc.coverage(Decimal(1), Decimal(0), None) is None


def test_a_manager_adjustment_replaces_the_lines_forecast():
    line = fc.line_of("A", [_g("r1", "A", "open", "commit", "commit", 70)])
    assert line.forecast == 70
    line.adjustment = Decimal(40)
    assert line.forecast == 40


@pytest.mark.parametrize(("field", "old", "new", "kind"), [
    ("created", "", "", fc.NEW),
    ("opportunity.stage", "negotiate", "won", fc.WON),
    ("opportunity.stage", "negotiate", "lost", fc.LOST),
    ("opportunity.stage", "negotiate", "develop", fc.STAGE_BACK),
    ("opportunity.stage", "develop", "negotiate", fc.STAGE_FORWARD),
    ("opportunity.close_date", "2026-06-10", "2026-07-15", fc.PUSHED_OUT),
    ("opportunity.close_date", "2026-07-15", "2026-06-10", fc.PULLED_IN),
    ("opportunity.close_date", "2026-05-01", "2026-06-10", None),
    ("opportunity.amount", "100.00", "150.00", fc.AMOUNT_UP),
    ("opportunity.amount", "150", "100", fc.AMOUNT_DOWN),
    ("opportunity.amount", "oops", "100", None),
    ("forecast.call", "pipeline", "commit", fc.CATEGORY),
    ("pains[0].text", "a", "b", None),
])
def test_what_moved_is_classified_from_before_and_after(field, old, new, kind):
    order = ["lead", "qualify", "develop", "propose", "negotiate", "commit"]
    assert fc.classify(field, old, new, dt.date(2026, 4, 1), dt.date(2026, 6, 30), order) == kind


def test_waterfall_starts_from_the_starting_value_and_adds_weekly_steps():
    steps = fc.waterfall(Decimal(100), [("2026-W02", "amount_up", Decimal(10)), ("2026-W01", "won", Decimal(5)),
                                        ("2026-W02", "lost", Decimal(-30))])
    assert steps == [("start", Decimal(100)), ("2026-W01", Decimal(5)), ("2026-W02", Decimal(-20))]


def test_calibration_shares_per_source():
    closed = [("commit", "best_case", 0.8, True), ("commit", "commit", 0.75, False), ("best_case", "commit", 0.5, True),
              ("pipeline", "pipeline", 0.1, False)]
    shares = fc.calibration(closed)
    assert shares["calls"]["commit"].share == 0.5 and shares["calls"]["best_case"].share == 1.0
    assert shares["evidence"]["commit"].called == 2 and shares["evidence"]["commit"].won == 1
    assert shares["model"]["commit"].share == 0.5 and shares["model"]["best_case"].called == 1
    assert fc.calibration([])["calls"]["commit"].share is None


def test_rules_probability_stays_off_certainty():
    assert fc.rules_probability(None) == 0.05
    assert fc.rules_probability(100) == 0.95
    assert fc.rules_probability(42) == 0.42
