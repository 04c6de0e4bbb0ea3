"""Properties that hold for any deal: scores in range, evidence never hurts, lossless files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealpilot.engine import assess, dump_document, get_playbook, loads_document
from dealpilot.engine.document import parse_document

from .factories import AS_OF, deal_data, make_playbook

PB = make_playbook()
PLAYBOOKS = [PB, get_playbook("ppvvcc")]
days = st.integers(min_value=-30, max_value=800).map(lambda n: (AS_OF - dt.timedelta(days=n)).isoformat())
ids = ["s1", "s2", "s3", "s4", "s5"]


@st.composite
def answers(draw: Any, criteria: list[str]) -> dict[str, Any]:
    out = {}
    for cid in draw(st.lists(st.sampled_from(criteria), unique=True)):
        a: dict[str, Any] = {"status": draw(st.sampled_from(["yes", "partly", "no", "unknown"]))}
        if draw(st.booleans()):
            a["evidence"] = draw(st.text(min_size=1, max_size=20))
        if draw(st.booleans()):
            a["date"] = draw(days)
        if draw(st.booleans()):
            a["source"] = draw(st.sampled_from(ids))
        out[cid] = a
    return out


@st.composite
def people(draw: Any) -> list[dict[str, Any]]:
    out = []
    for i, sid in enumerate(ids):
        p: dict[str, Any] = {
            "id": sid, "name": draw(st.text(min_size=1, max_size=8)),
            "roles": draw(st.lists(st.sampled_from(["decider", "fund_approver", "coach", "user", "influencer"]),
                                   unique=True, max_size=2)),
            "influence": draw(st.sampled_from(["high", "medium", "low"])),
            "attitude": draw(st.sampled_from(["champion", "supporter", "neutral", "skeptic", "opponent", "unknown"])),
            "access": draw(st.sampled_from(["none", "indirect", "met", "regular"])),
        }
        if i and draw(st.booleans()):
            p["reports_to"] = ids[draw(st.integers(0, i - 1))]
        if draw(st.booleans()):
            p["relationships"] = [{"with": draw(st.sampled_from(ids[:i] + ids[i + 1:])),
                                   "kind": draw(st.sampled_from(["knows", "works_closely"]))}]
        out.append(p)
    return out


@st.composite
def deals(draw: Any, pb: Any) -> dict[str, Any]:
    criteria = [c.id for _, c in pb.criteria()]
    data = deal_data(playbook=pb.id, stakeholders=draw(people()), answers=draw(answers(criteria)))
    data["opportunity"]["stage"] = draw(st.sampled_from([s.id for s in pb.stages]))
    data["budget"]["status"] = draw(st.sampled_from(["unknown", "none", "planned", "requested", "approved", "allocated"]))
    if draw(st.booleans()):
        data["pains"] = []
    return data


def scores(a: Any) -> list[int]:
    return [a.score] + [d.score for d in a.dimensions]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PLAYBOOKS).flatmap(lambda pb: st.tuples(st.just(pb), deals(pb))))
def test_scores_stay_within_0_and_100(case: Any) -> None:
    pb, data = case
    a = assess(parse_document(data), pb)
    assert all(0 <= s <= 100 for s in scores(a))
    assert all(0 <= c.credit <= 1 for d in a.dimensions for c in d.criteria)
    real = {s["id"] for s in data["stakeholders"]}
    assert all(q.stakeholder is None or q.stakeholder in real for q in a.next_questions)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PLAYBOOKS).flatmap(lambda pb: st.tuples(st.just(pb), deals(pb), st.sampled_from(
    [c.id for _, c in pb.criteria()]))))
def test_turning_unknown_into_a_fresh_yes_never_lowers_any_score(case: Any) -> None:
    pb, data, cid = case
    data["answers"][cid] = {"status": "unknown"}
    before = assess(parse_document(data), pb)
    data["answers"][cid] = {"status": "yes", "evidence": "confirmed in writing", "date": AS_OF.isoformat(),
                            "source": "s1"}
    after = assess(parse_document(data), pb)
    assert all(b <= x for b, x in zip(scores(before), scores(after), strict=True))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deals(PB), st.sampled_from(["yaml", "json"]))
def test_documents_round_trip_through_yaml_and_json(data: dict[str, Any], fmt: str) -> None:
    deal = parse_document(data)
    again = loads_document(dump_document(deal, fmt), fmt=fmt)
    assert again == deal
    assert dump_document(again, fmt) == dump_document(deal, fmt)
