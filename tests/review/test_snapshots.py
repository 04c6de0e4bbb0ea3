"""Assessment history: a snapshot is stored when a change moves a score or the flags, not otherwise."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dealpilot.deals.models import DealStakeholder
from dealpilot.deals.verdict import refresh_verdict
from dealpilot.review.models import AssessmentSnapshot
from dealpilot.review.snapshots import REVIEW_WINDOW_DAYS, baseline, seed_demo_history
from tests.review.conftest import example_document


def _count(opp: Any) -> int:
    return AssessmentSnapshot.objects.filter(opportunity=opp).count()


def test_the_first_assessment_of_a_deal_starts_its_history(example: Any) -> None:
    assert _count(example) == 0
    assessment = refresh_verdict(example)
    row = AssessmentSnapshot.objects.get(opportunity=example)
    assert row.score == assessment.score
    assert row.flags == sorted({f.id for f in assessment.flags})
    assert row.dimensions == {d.id: d.score for d in assessment.dimensions}


def test_reassessing_an_unchanged_deal_stores_nothing_new(example: Any) -> None:
    refresh_verdict(example)
    refresh_verdict(example)
    refresh_verdict(example)
    assert _count(example) == 1


def test_reopening_an_unchanged_deal_does_not_read_the_snapshot_table(example: Any) -> None:
    refresh_verdict(example)
    with CaptureQueriesContext(connection) as queries:
        refresh_verdict(example)
    table = AssessmentSnapshot._meta.db_table
    assert queries.captured_queries and not [q for q in queries.captured_queries if table in q["sql"]]


def test_a_snapshot_stored_elsewhere_is_still_compared_with(example: Any) -> None:
    # The deal row remembers the latest verdict it stored; a snapshot written by another door
    # (the demo's history) must not make an unchanged verdict look already recorded or moved.
    refresh_verdict(example)
    AssessmentSnapshot.objects.filter(opportunity=example).update(score=1, flags=[])
    example.refresh_from_db()
    example.snapshot_digest = ""
    example.save(update_fields=["snapshot_digest"])
    refresh_verdict(example)
    assert _count(example) == 2


def test_winning_over_the_skeptic_moves_the_flags_and_stores_a_snapshot(example: Any) -> None:
    refresh_verdict(example)
    skeptic = DealStakeholder.objects.get(opportunity=example, key="s5")
    assert skeptic.attitude == "skeptic"
    skeptic.attitude = "supporter"
    skeptic.save()
    refresh_verdict(example)
    first, second = AssessmentSnapshot.objects.filter(opportunity=example).order_by("taken_at", "pk")
    assert "hostile_influencer" in first.flags
    assert "hostile_influencer" not in second.flags


def test_the_review_compares_with_the_snapshot_of_30_days_ago(example: Any) -> None:
    today = timezone.localdate()
    seed_demo_history([example], [example_document()], today)
    then = baseline(example)
    assert then is not None
    assert then.to_snapshot()["date"] == (today - dt.timedelta(days=REVIEW_WINDOW_DAYS)).isoformat()


def test_without_an_old_snapshot_the_review_compares_with_the_first_one(example: Any) -> None:
    refresh_verdict(example)
    first = AssessmentSnapshot.objects.get(opportunity=example)
    assert baseline(example) == first


def test_demo_history_shows_the_deal_as_it_stood_30_days_ago(example: Any) -> None:
    # Answers dated in the last 30 days did not exist then, so that snapshot cannot score higher.
    today = timezone.localdate()
    assert seed_demo_history([example], [example_document()], today) == 2
    old, new = AssessmentSnapshot.objects.filter(opportunity=example).order_by("taken_at")
    assert old.taken_at < new.taken_at
    assert old.score <= new.score
