"""What ships in the box: the three playbooks and the example deals a new user starts from.

These tests read the shipped files themselves, so an admin-facing or rep-facing gap (a missing
translation, an unprobed criterion, an example that no longer parses) fails here first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from dealpilot.engine.assess import assess
from dealpilot.engine.document import BUDGET_ORDER, dump_document, loads_document, parse_document
from dealpilot.engine.playbook import (
    FLAG_IDS,
    PLAYBOOK_DIR,
    Playbook,
    get_playbook,
    list_playbooks,
    load_playbook,
)

EXAMPLE_DIR = PLAYBOOK_DIR.parent / "examples"
SHIPPED = ("ppvvcc", "bant", "meddicc")
SHIPPED_STAGES = ("lead", "qualify", "develop", "propose", "negotiate", "commit", "won", "lost")
ROLE_IDS = ("decider", "fund_approver", "approver", "influencer", "user", "technical_evaluator",
            "coach", "gatekeeper", "initiator")
PPVVCC_DIMENSIONS = ("pain", "power", "vision", "value", "collaborate", "compelling")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _raw(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _texts(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every bilingual text in a raw playbook: any mapping that has a zh or an en key."""
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if "zh" in node or "en" in node:
            out.append((path, node))
        for k, v in node.items():
            out.extend(_texts(v, f"{path}.{k}" if path else str(k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_texts(v, f"{path}[{i}]"))
    return out


def _open_stages(pb: Playbook) -> list[Any]:
    return [s for s in pb.stages if not s.closed]


@pytest.fixture(params=SHIPPED)
def playbook(request: pytest.FixtureRequest) -> Playbook:
    return load_playbook(PLAYBOOK_DIR / f"{request.param}.yaml")


# --- every shipped playbook ------------------------------------------------------------------


def test_the_three_playbooks_are_listed_and_ppvvcc_is_the_default() -> None:
    assert set(SHIPPED) <= set(list_playbooks())
    assert get_playbook().id == "ppvvcc"


@pytest.mark.parametrize("pid", SHIPPED)
def test_every_text_has_a_chinese_and_an_english_twin(pid: str) -> None:
    texts = _texts(_raw(PLAYBOOK_DIR / f"{pid}.yaml"))
    assert len(texts) > 50
    for where, t in texts:
        assert set(t) == {"zh", "en"}, f"{pid}: {where} has {sorted(t)}"
        zh, en = str(t["zh"]).strip(), str(t["en"]).strip()
        assert zh and en, f"{pid}: {where} is blank in one language"
        assert CJK.search(zh), f"{pid}: {where}.zh is not Chinese: {zh!r}"
        assert not CJK.search(en), f"{pid}: {where}.en contains Chinese: {en!r}"


def test_playbook_ids_match_their_file_names(playbook: Playbook) -> None:
    assert (PLAYBOOK_DIR / f"{playbook.id}.yaml").exists()


def test_every_playbook_has_the_shared_stages_and_roles(playbook: Playbook) -> None:
    # Deal documents stay portable between playbooks only if stage and role ids agree.
    assert [s.id for s in playbook.stages] == list(SHIPPED_STAGES)
    assert [r.id for r in playbook.roles] == list(ROLE_IDS)
    assert {s.id for s in playbook.stages if s.closed} == {"won", "lost"}
    assert playbook.stage("won").probability == 1.0
    assert playbook.stage("lost").probability == 0.0


def test_open_stages_expect_more_evidence_the_further_along_they_are(playbook: Playbook) -> None:
    stages = _open_stages(playbook)
    for before, after in zip(stages, stages[1:], strict=False):
        b, a = before.requires, after.requires
        where = f"{playbook.id}: {before.id} → {after.id}"
        assert after.probability > before.probability, where
        assert a.min_score >= b.min_score, where
        assert a.min_stakeholders_reached >= b.min_stakeholders_reached, where
        assert set(b.roles_reached) <= set(a.roles_reached), where
        assert a.pain_confirmed >= b.pain_confirmed and a.compelling_event >= b.compelling_event, where
        rank = lambda s: BUDGET_ORDER.index(s) if s else -1  # noqa: E731
        assert rank(a.budget_at_least) >= rank(b.budget_at_least), where
    last = stages[-1].requires
    assert last.min_score > 0 and "decider" in last.roles_reached and last.budget_at_least


def test_every_open_stage_says_which_dimensions_it_needs(playbook: Playbook) -> None:
    dims = {d.id for d in playbook.dimensions}
    for s in _open_stages(playbook):
        assert set(s.focus) == dims, f"{playbook.id}: stage {s.id} focus {sorted(s.focus)}"
        assert all(w > 0 for w in s.focus.values())


def test_every_flag_is_configured_with_a_severity_and_a_dimension(playbook: Playbook) -> None:
    assert set(playbook.flags) == set(FLAG_IDS)
    dims = {d.id for d in playbook.dimensions}
    for fid, f in playbook.flags.items():
        assert f.enabled and f.dimension in dims, f"{playbook.id}: flag {fid}"
    assert any(f.severity == "high" for f in playbook.flags.values())
    assert any(f.severity == "medium" for f in playbook.flags.values())


def test_criteria_weights_stay_on_the_one_to_three_scale(playbook: Playbook) -> None:
    weights = [c.weight for _, c in playbook.criteria()]
    assert all(1 <= w <= 3 for w in weights)
    assert len(set(weights)) > 1, "weights should say what matters more"


def test_every_dimension_has_at_least_three_criteria(playbook: Playbook) -> None:
    for d in playbook.dimensions:
        assert len(d.criteria) >= 3, f"{playbook.id}: {d.id}"


def test_pain_evidence_expires_sooner_than_other_evidence(playbook: Playbook) -> None:
    assert playbook.pain_freshness_days <= playbook.freshness_days


def test_every_question_points_at_real_criteria_and_roles(playbook: Playbook) -> None:
    crit = {c.id for _, c in playbook.criteria()}
    roles = {r.id for r in playbook.roles}
    for q in playbook.questions:
        assert q.criteria and set(q.criteria) <= crit, f"{playbook.id}: {q.id}"
        assert set(q.roles) <= roles, f"{playbook.id}: {q.id}"


def test_every_criterion_has_a_question_that_probes_it(playbook: Playbook) -> None:
    probed = {c for q in playbook.questions for c in q.criteria}
    unprobed = [c.id for _, c in playbook.criteria() if c.id not in probed]
    assert not unprobed, f"{playbook.id}: no question probes {unprobed}"


def test_question_bank_covers_all_purposes_and_techniques(playbook: Playbook) -> None:
    minimum = 40 if playbook.id == "ppvvcc" else 15
    assert len(playbook.questions) >= minimum
    assert {q.purpose for q in playbook.questions} == {"role", "need", "attitude"}
    assert {q.technique for q in playbook.questions} == {"direct", "side", "glad"}
    zh = [q.text.zh for q in playbook.questions]
    assert len(zh) == len(set(zh)), "the same question is asked twice"


def test_money_and_the_decider_can_be_asked_about_from_the_side(playbook: Playbook) -> None:
    # Asking a CFO cold about the budget rarely works: a side question via someone else must exist.
    side = [q for q in playbook.questions if q.technique == "side"]

    def probes(pred: Any) -> bool:
        return any(pred(playbook.criterion(c)) for q in side for c in q.criteria)

    assert probes(lambda c: c.fact == "budget" or c.role == "fund_approver"
                  or any(k.startswith("budget_at_least") for k in c.checks))
    assert probes(lambda c: c.role == "decider")
    assert any(q.roles and "fund_approver" not in q.roles for q in side)


# --- the default playbook ------------------------------------------------------------------


def test_ppvvcc_has_the_six_dimensions_with_five_criteria_each() -> None:
    pb = get_playbook("ppvvcc")
    assert [d.id for d in pb.dimensions] == list(PPVVCC_DIMENSIONS)
    for d in pb.dimensions:
        assert len(d.criteria) >= 5, d.id
        for c in d.criteria:
            assert c.id.startswith(d.id + "_"), c.id
    assert sum(len(d.criteria) for d in pb.dimensions) >= 30


def test_ppvvcc_criteria_say_which_fact_or_role_they_concern() -> None:
    pb = get_playbook("ppvvcc")
    loose = [c.id for _, c in pb.criteria() if c.fact is None and c.role is None]
    assert not loose, f"criteria concerning neither a key fact nor a role: {loose}"
    assert {c.fact for _, c in pb.criteria()} >= {"decision_chain", "participation", "budget",
                                                   "competitors", "timeline", "pains", "value",
                                                   "mutual_plan", "objections"}


def test_ppvvcc_criteria_that_facts_can_contradict_declare_their_checks() -> None:
    pb = get_playbook("ppvvcc")
    checks = {k for _, c in pb.criteria() for k in c.checks}
    for expected in ("role_present:fund_approver", "role_reached:fund_approver",
                     "role_reached:decider", "budget_at_least:approved", "pain_confirmed",
                     "supporter_present", "mutual_plan", "value_quantified", "value_agreed",
                     "decision_chain_known", "buying_roles_reached",
                     "compelling_event", "dated_milestone"):
        assert expected in checks, expected
    fund = [c for c in pb.dimension("power").criteria if "role_reached:fund_approver" in c.checks]
    assert fund and fund[0].role == "fund_approver"


def test_ppvvcc_asks_the_seed_questions_for_all_three_purposes_in_depth() -> None:
    pb = get_playbook("ppvvcc")
    by_purpose: dict[str, int] = {}
    for q in pb.questions:
        by_purpose[q.purpose] = by_purpose.get(q.purpose, 0) + 1
    assert min(by_purpose.values()) >= 10
    side = [q for q in pb.questions if q.technique == "side"]
    facts = {pb.criterion(c).fact for q in side for c in q.criteria}
    assert {"budget", "competitors", "participation"} <= facts


def test_meddicc_champion_is_the_coach_role_and_economic_buyer_the_fund_approver() -> None:
    pb = get_playbook("meddicc")
    assert any(c.role == "coach" for c in pb.dimension("champion").criteria)
    assert any(c.role == "fund_approver" for c in pb.dimension("economic_buyer").criteria)


def test_bant_has_its_own_four_dimensions() -> None:
    assert [d.id for d in get_playbook("bant").dimensions] == ["budget", "authority", "need", "timeline"]


# --- example deal documents ------------------------------------------------------------------


def _example(lang: str) -> Any:
    return _raw(EXAMPLE_DIR / f"deal.{lang}.yaml")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_parses_against_its_playbook_and_round_trips(lang: str) -> None:
    data = _example(lang)
    pb = get_playbook(data["playbook"])
    deal = parse_document(data, playbook=pb)
    assert loads_document(dump_document(deal), playbook=pb) == deal
    assert loads_document(dump_document(deal, "json"), fmt="json", playbook=pb) == deal


@pytest.mark.parametrize("pid", SHIPPED)
def test_examples_are_valid_under_every_shipped_playbook_apart_from_their_answers(pid: str) -> None:
    data = _example("zh")
    data = {**data, "playbook": pid, "answers": {}}
    parse_document(data, playbook=get_playbook(pid))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_is_a_complete_realistic_deal(lang: str) -> None:
    deal = parse_document(_example(lang), playbook=get_playbook("ppvvcc"))
    assert deal.as_of is not None and deal.opportunity.amount and deal.opportunity.close_date
    assert 8 <= len(deal.stakeholders) <= 10
    assert {r for s in deal.stakeholders for r in s.roles} == set(ROLE_IDS)
    assert len({s.attitude for s in deal.stakeholders}) >= 4
    assert len({s.access for s in deal.stakeholders}) >= 3
    assert any(s.relationships for s in deal.stakeholders)
    assert 4 <= len(deal.decision_chain) <= 6 and all(s.owner and s.due for s in deal.decision_chain)
    assert 2 <= len(deal.competitors) <= 3 and 2 <= len(deal.pains) <= 3
    assert deal.timeline.compelling_event and deal.timeline.milestones
    assert deal.value and deal.mutual_plan and 1 <= len(deal.objections) <= 3
    statuses = {a.status.value for a in deal.answers.values()}
    assert statuses == {"yes", "partly", "no", "unknown"}
    criteria = {c.id for _, c in get_playbook("ppvvcc").criteria()}
    assert len(deal.answers) >= 0.8 * len(criteria)


def test_chinese_and_english_examples_describe_the_same_deal() -> None:
    pb = get_playbook("ppvvcc")
    zh = parse_document(_example("zh"), playbook=pb)
    en = parse_document(_example("en"), playbook=pb)

    def shape(d: Any) -> Any:
        return (
            [(s.id, s.reports_to, s.roles, s.influence, s.attitude, s.access, s.last_contact,
              [(r.with_, r.kind) for r in s.relationships]) for s in d.stakeholders],
            [(s.owner, s.status, s.due) for s in d.decision_chain],
            d.budget, [c.position for c in d.competitors],
            [(p.category, p.owner, p.confirmed_with, p.confirmed_on) for p in d.pains],
            [(v.for_, v.amount, v.agreed) for v in d.value],
            [(p.owner, p.due, p.status) for p in d.mutual_plan],
            [(o.raised_by, o.status) for o in d.objections],
            {k: (a.status, a.source, a.date, a.evidence is None) for k, a in d.answers.items()},
            (d.opportunity.amount, d.opportunity.stage, d.opportunity.close_date), d.as_of,
        )

    assert shape(zh) == shape(en)
    assert CJK.search(zh.pains[0].text) and not CJK.search(en.pains[0].text)
    assert not any(CJK.search(a.evidence or "") for a in en.answers.values())


def test_assessing_the_example_gives_a_mixed_picture_worth_discussing() -> None:
    deal = parse_document(_example("zh"), playbook=get_playbook("ppvvcc"))
    result = assess(deal)
    assert 40 <= result.score <= 80
    dims = [d.score for d in result.dimensions]
    assert max(dims) - min(dims) >= 20, "dimensions should differ, so the rep sees where to work"
    flags = {f.id for f in result.flags}
    assert {"no_fund_access", "pain_stale", "hostile_influencer"} <= flags
    assert len(flags) >= 4 and any(f.severity == "high" for f in result.flags)
    people = {s.id for s in deal.stakeholders}
    asked = [q for q in result.next_questions if q.stakeholder is not None]
    assert len(asked) >= 3 and {q.stakeholder for q in asked} <= people
    assert any(c.contradiction for d in result.dimensions for c in d.criteria)
