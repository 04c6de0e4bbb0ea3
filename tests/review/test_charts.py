"""The chart data: one trend point per day ending at the header's score; a radar scale that
fits the deal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from dealpilot.review.charts import daily, radar_scale, trend
from dealpilot.review.models import AssessmentSnapshot


def _snap(day: str, score: int, flags: int = 0) -> dict[str, Any]:
    return {"date": day, "playbook": "ppvvcc", "score": score, "dimensions": {}, "flags": [f"f{i}" for i in range(flags)]}


def test_several_snapshots_of_a_day_become_the_days_latest() -> None:
    rows = [_snap("2026-03-01", 10), _snap("2026-03-01", 14), _snap("2026-03-02", 20), _snap("2026-03-02", 18)]
    assert [(r["date"], r["score"]) for r in daily(rows)] == [("2026-03-01", 14), ("2026-03-02", 18)]


def test_the_trend_ends_at_the_current_score() -> None:
    rows = [_snap("2026-03-01", 10), _snap("2026-03-04", 30)]
    now = _snap("2026-03-04", 33, flags=1)
    data = trend(rows, "en", now)
    assert data["dates"] == ["2026-03-01", "2026-03-04"] and data["score"] == [10, 33] and data["flags"] == [0, 1]
    later = trend(rows, "zh", _snap("2026-03-09", 41))
    assert later["dates"][-1] == "2026-03-09" and later["score"][-1] == 41 and len(later["changes"]) == 2


def test_the_radar_scale_is_the_next_round_value_above_the_largest_score() -> None:
    assert radar_scale([10, 25, 18]) == 30
    assert radar_scale([30]) == 40  # never a point on the outer ring
    assert radar_scale([3, 5]) == 20  # a floor: an empty deal does not look full
    assert radar_scale([72, 95]) == 100 and radar_scale([100]) == 100


def test_the_trend_json_ends_at_the_score_in_the_header(example: Any, cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    page = client.get(reverse("deal_page", args=[example.pk])).content.decode()
    example.refresh_from_db()
    header = f'data-score="{example.score}"'
    assert header in page
    tz = timezone.get_current_timezone()
    for seq, (days_ago, score) in enumerate(((5, 11), (5, 12), (2, 20)), start=100):
        day = timezone.localdate() - dt.timedelta(days=days_ago)
        AssessmentSnapshot.objects.create(opportunity=example, seq=seq, playbook="ppvvcc", score=score, dimensions={},
                                          flags=[], taken_at=dt.datetime.combine(day, dt.time(9), tzinfo=tz))
    data = client.get(reverse("deal_chart_trend", args=[example.pk])).json()
    assert len(data["dates"]) == len(set(data["dates"])) == 3
    assert data["score"][:2] == [12, 20]
    assert data["score"][-1] == int(example.score) and data["dates"][-1] == timezone.localdate().isoformat()


def test_the_radar_json_carries_its_scale(example: Any, cast: Any, login: Any) -> None:
    data = login(cast.rep_a).get(reverse("deal_chart_radar", args=[example.pk]), HTTP_ACCEPT_LANGUAGE="en").json()
    top = max(v for s in data["series"] for v in s["values"])
    assert all(i["max"] == data["scale"] > top for i in data["indicators"]) or data["scale"] == 100
    assert data["scale_label"] == f"Scale 0–{data['scale']}"
