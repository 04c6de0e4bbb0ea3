"""Preview counts equal the engine's own, and publishing re-scores open deals only, marked."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from dealpilot.deals.convert import deal_to_document, load_deal
from dealpilot.deals.models import Opportunity
from dealpilot.engine.assess import assess
from dealpilot.engine.playbook import get_playbook, parse_playbook
from dealpilot.playbooks.store import copy_playbook, save_draft
from dealpilot.review.models import AssessmentSnapshot, SnapshotCause


@pytest.fixture
def team(cast: Any, deals: Any) -> Any:
    team = copy_playbook("ppvvcc", "ppvvcc-soe", cast.admin)
    data = copy.deepcopy(team.draft)
    for d in data["dimensions"]:
        for c in d["criteria"]:
            if c["id"] == "pain_top_priority":
                c["weight"] = 0.5
    commit = next(s for s in data["stages"] if s["id"] == "propose")
    commit["requires"]["min_score"] = 95  # the example deal (propose) now falls short of its gate
    save_draft(team, data)
    return team


def _independent(team: Any) -> tuple[int, int, int, set[str]]:
    """Score changes and flags gained, counted directly with the engine."""
    draft = parse_playbook(team.draft)
    n, changed, flags_changed, gained = 0, 0, 0, set()
    today = timezone.localdate()
    for opp in Opportunity.objects.open().filter(playbook__in=["ppvvcc", team.pid]):
        doc = deal_to_document(load_deal(opp.pk))
        old = assess(doc, get_playbook(doc.playbook), as_of=today)
        new = assess(doc, draft, as_of=today)
        n += 1
        changed += old.score != new.score
        was, now = {f.id for f in old.flags}, {f.id for f in new.flags}
        flags_changed += was != now
        gained |= now - was
    return n, changed, flags_changed, gained


def test_preview_counts_what_the_engine_counts_and_writes_nothing(client: Any, cast: Any, team: Any, deals: Any) -> None:
    client.force_login(cast.admin)
    snapshots = AssessmentSnapshot.objects.count()
    response = client.get(reverse("playbook_preview", args=[team.pid]))
    page = response.content.decode()
    n, changed, flags_changed, gained = _independent(team)
    assert changed >= 1 and "stage_ahead_of_evidence" in gained  # the draft does move the open deal
    assert n == Opportunity.objects.open().count() == 2  # the won deal is not compared
    assert f'data-k="deals">{n}<' in page
    assert f'data-k="scores_changed">{changed}<' in page
    assert f'data-k="flags_changed">{flags_changed}<' in page
    for fid in gained:
        assert f'data-gained="{fid}"' in page
    assert AssessmentSnapshot.objects.count() == snapshots
    assert Opportunity.objects.filter(playbook=team.pid).count() == 0


def test_publish_rescores_open_deals_marks_the_snapshot_and_leaves_closed_ones(client: Any, cast: Any,
                                                                               team: Any, deals: Any) -> None:
    client.force_login(cast.admin)
    won_before = Opportunity.objects.values().get(pk=deals["won"].pk)
    won_snaps = list(AssessmentSnapshot.objects.filter(opportunity=deals["won"]).values())
    old_score = Opportunity.objects.get(pk=deals["open"].pk).score
    response = client.post(reverse("playbook_publish", args=[team.pid]), {"adopt": "1"})
    assert response.status_code == 302
    job_page = client.get(response["Location"]).content.decode()
    assert "1 / 1" in job_page or "1" in job_page
    opp = Opportunity.objects.get(pk=deals["open"].pk)
    assert (opp.playbook, opp.playbook_version) == (team.pid, 1)
    assert opp.score != old_score
    last = AssessmentSnapshot.objects.filter(opportunity=opp).latest_first().first()
    assert last.cause == SnapshotCause.PLAYBOOK and last.playbook == team.pid
    assert Opportunity.objects.values().get(pk=deals["won"].pk) == won_before
    assert list(AssessmentSnapshot.objects.filter(opportunity=deals["won"]).values()) == won_snaps
    # the deal page now assesses with the published version
    assert get_playbook(team.pid).dimensions[0].criteria[1].weight == 0.5


def test_a_second_version_rescores_again_and_is_recorded(client: Any, cast: Any, team: Any, deals: Any) -> None:
    client.force_login(cast.admin)
    client.post(reverse("playbook_publish", args=[team.pid]), {"adopt": "1"})
    data = copy.deepcopy(team.draft)
    next(s for s in data["stages"] if s["id"] == "propose")["requires"]["min_score"] = 10
    team.refresh_from_db()
    save_draft(team, data)
    client.post(reverse("playbook_publish", args=[team.pid]))
    opp = Opportunity.objects.get(pk=deals["open"].pk)
    assert opp.playbook_version == 2
    assert "stage_ahead_of_evidence" not in opp.flag_ids.split()


def test_review_trend_marks_the_playbook_change(client: Any, cast: Any, team: Any, deals: Any) -> None:
    client.force_login(cast.admin)
    client.post(reverse("playbook_publish", args=[team.pid]), {"adopt": "1"})
    client.force_login(cast.rep_a)
    data = client.get(reverse("deal_chart_trend", args=[deals["open"].pk])).json()
    last = AssessmentSnapshot.objects.filter(opportunity=deals["open"]).latest_first().first()
    assert data["playbook_changed"] == [last.to_snapshot()["date"]]
    assert data["names"]["playbook_changed"] == "方法手册已变更"
    assert data["dates"][-1] == data["playbook_changed"][-1]
