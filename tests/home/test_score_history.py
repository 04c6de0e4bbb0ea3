"""The team's score history: average score by dimension over the last 12 weeks from the
assessment snapshots, as chart data behind the same door as the home page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from dealpilot.home.score_history import week_ends
from dealpilot.review.models import AssessmentSnapshot

pytestmark = pytest.mark.django_db

URL = "/home/score-history.json"


def _snap(deal: Any, days_ago: int, score: int, pain: int, seq: int) -> None:
    at = timezone.now() - dt.timedelta(days=days_ago)
    AssessmentSnapshot.objects.create(opportunity=deal, taken_at=at, seq=seq, playbook="ppvvcc", score=score,
                                      dimensions={"pain": pain, "power": score}, flags=[])


@pytest.fixture
def history(deals: Any) -> Any:
    _snap(deals.mine, 30, 40, 20, 1)
    _snap(deals.mine, 2, 60, 80, 2)
    _snap(deals.teammates, 50, 70, 50, 1)
    _snap(deals.other_team, 3, 90, 90, 1)
    _snap(deals.shared, 3, 10, 10, 1)
    _snap(deals.won, 3, 100, 100, 1)  # closed: not in the pipeline's history
    return deals


def _series(data: dict[str, Any], sid: str) -> list[Any]:
    return next(s["values"] for s in data["series"] if s["id"] == sid)


def test_each_week_averages_every_deals_latest_snapshot_by_then(history: Any, cast: Any, login: Any) -> None:
    data = login(cast.manager_a).get(URL).json()
    assert len(data["weeks"]) == 12 and data["weeks"][-1] == timezone.localdate().isoformat()
    score, pain = _series(data, "score"), _series(data, "pain")
    # 8 weeks ago: nothing yet; 7 weeks ago: the teammate's deal (snapshot of 50 days ago);
    # from 4 weeks ago both; this week rep A's deal moved to 60.
    assert score[:4] == [None] * 4 and data["deals"][:4] == [0] * 4
    assert score[4] == 70.0 and data["deals"][4] == 1
    assert score[-2] == 55.0 and pain[-2] == 35.0 and data["deals"][-2] == 2
    assert score[-1] == 65.0 and pain[-1] == 65.0


@pytest.mark.parametrize(("member", "latest"), [("rep_a", 35.0), ("rep_b", 50.0), ("admin", 57.5)])
def test_the_history_counts_only_the_open_deals_the_user_may_see(history: Any, cast: Any, login: Any,
                                                                 member: str, latest: float) -> None:
    assert _series(login(cast.member(member)).get(URL).json(), "score")[-1] == latest


def test_dimension_names_in_the_users_language(history: Any, cast: Any, login: Any) -> None:
    zh = login(cast.manager_a).get(URL).json()
    en = login(cast.manager_a).get(URL, HTTP_ACCEPT_LANGUAGE="en").json()
    assert {s["id"]: s["name"] for s in zh["series"]}["pain"] == "痛点"
    assert {s["id"]: s["name"] for s in en["series"]}["pain"] == "Pain"


def test_admin_may_ask_for_one_team(history: Any, cast: Any, login: Any) -> None:
    data = login(cast.admin).get(URL, {"team": cast.team_b.pk}).json()
    assert _series(data, "score")[-1] == 50.0 and data["deals"][-1] == 2


@pytest.mark.parametrize("team", ["b", "abc", "-1", "1" * 30, "999"])
def test_a_team_the_user_cannot_see_or_that_is_no_team_is_refused(history: Any, cast: Any, login: Any,
                                                                  team: str) -> None:
    value = str(cast.team_b.pk) if team == "b" else team
    response = login(cast.manager_a).get(URL, {"team": value})
    assert response.status_code == 400 and b"90" not in response.content


def test_anonymous_users_are_sent_to_log_in(client: Any, history: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_history_is_one_query_however_many_deals(history: Any, cast: Any, login: Any,
                                                     django_assert_num_queries: Any) -> None:
    client = login(cast.manager_a)
    client.get(URL)
    with django_assert_num_queries(4):  # session, user, the playbooks in use, the history
        client.get(URL)


def test_week_ends_are_seven_days_apart_ending_today() -> None:
    today = dt.date(2026, 12, 2)
    ends = week_ends(today)
    assert ends[-1] == today and ends[0] == dt.date(2026, 9, 16)
    assert all((b - a).days == 7 for a, b in zip(ends, ends[1:], strict=False))
