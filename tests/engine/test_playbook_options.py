"""A stage's named relaxation of its budget gate, and playbooks from a registered source."""

from __future__ import annotations

import copy

import pytest

from dealpilot.engine.assess import assess
from dealpilot.engine.errors import PlaybookError
from dealpilot.engine.playbook import get_playbook, parse_playbook, set_playbook_source
from tests.engine.factories import AS_OF, deal_data, make_deal, playbook_data


def _playbook(accept: list[str] | None):
    data = playbook_data()
    commit = next(s for s in data["stages"] if s["id"] == "commit")
    commit["requires"]["budget_at_least"] = "allocated"
    if accept is not None:
        commit["requires"]["accept_budget"] = accept
    return parse_playbook(data)


def _commit_deal(status: str):
    data = deal_data()
    data["opportunity"]["stage"] = "commit"
    data["budget"]["status"] = status
    return make_deal(opportunity=data["opportunity"], budget=data["budget"])


def _budget_gap(a) -> bool:
    return any("budget" in m.en for m in a.stage_check.missing)


@pytest.mark.parametrize(("status", "strict_gap", "relaxed_gap"), [
    ("requested", True, True),    # below what the option accepts: still a gap
    ("approved", True, False),    # exactly the accepted status: met only with the option
    ("allocated", False, False),  # the gate itself
])
def test_commit_accepts_approved_budget_only_with_the_option(status, strict_gap, relaxed_gap):
    deal = _commit_deal(status)
    strict = assess(deal, _playbook(None), as_of=AS_OF)
    relaxed = assess(deal, _playbook(["approved"]), as_of=AS_OF)
    assert _budget_gap(strict) is strict_gap
    assert _budget_gap(relaxed) is relaxed_gap
    assert ("budget_unconfirmed" in {f.id for f in relaxed.flags}) is relaxed_gap


def test_the_option_relaxes_its_own_stage_only():
    data = playbook_data()
    stages = {s["id"]: s for s in data["stages"]}
    stages["negotiate"]["requires"]["budget_at_least"] = "allocated"
    stages["commit"]["requires"].update(budget_at_least="allocated", accept_budget=["approved"])
    pb = parse_playbook(data)
    d = deal_data()
    d["opportunity"]["stage"] = "negotiate"
    d["budget"]["status"] = "approved"
    a = assess(make_deal(opportunity=d["opportunity"], budget=d["budget"]), pb, as_of=AS_OF)
    assert _budget_gap(a)


def test_an_unknown_accepted_status_names_its_field():
    data = playbook_data()
    commit = next(i for i, s in enumerate(data["stages"]) if s["id"] == "commit")
    data["stages"][commit]["requires"]["accept_budget"] = ["signed"]
    with pytest.raises(PlaybookError) as err:
        parse_playbook(data)
    assert [p.path for p in err.value.problems] == [f"stages[{commit}].requires.accept_budget"]


def test_get_playbook_finds_a_registered_playbook_by_id_and_version():
    store = {"team-book": (1, dict(playbook_data(), id="team-book"))}
    set_playbook_source(lambda pid: store.get(pid))
    try:
        first = get_playbook("team-book")
        assert first.id == "team-book" and get_playbook("team-book") is first  # cached per version
        v2 = copy.deepcopy(store["team-book"][1])
        v2["dimensions"][0]["criteria"][0]["weight"] = 1
        store["team-book"] = (2, v2)
        assert get_playbook("team-book").dimensions[0].criteria[0].weight == 1
        assert get_playbook("ppvvcc").id == "ppvvcc"
        with pytest.raises(PlaybookError):
            get_playbook("nobody")
    finally:
        set_playbook_source(None)
