"""The columns the pipeline reads are written with the deal: verdict summary, stage since, keys."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from dealpilot.deals.models import Opportunity
from dealpilot.deals.verdict import assess_document, refresh_verdict
from dealpilot.engine.summary import band, evidence_share, most_severe_flag
from tests.review.conftest import example_document, write_example

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("score", "expected"), [(None, None), (0, "weak"), (39.9, "weak"), (40, "fair"),
                                                 (69.9, "fair"), (70, "strong"), (100, "strong")])
def test_score_bands(score: float | None, expected: str | None) -> None:
    assert band(score) == expected


def test_evidence_share_is_the_part_of_the_score_resting_on_fresh_sourced_evidence() -> None:
    assessment = assess_document(example_document())
    share = evidence_share(assessment)
    assert share is not None and 0 <= share <= 100
    for d in assessment.dimensions:  # strip every source: nothing rests on sourced evidence
        for c in d.criteria:
            c.source = None
    assert evidence_share(assessment) == 0


def test_the_bulk_writer_stores_the_summary_and_the_search_keys(cast: Any) -> None:
    deal = Opportunity.objects.get(pk=write_example(cast.rep_a).pk)
    assessment = assess_document(example_document())
    assert deal.top_flag == most_severe_flag(assessment)[0]
    assert deal.evidence_share == evidence_share(assessment)
    assert deal.flag_ids.strip().split() == sorted({f.id for f in assessment.flags})
    assert deal.account.name.lower() in deal.search_keys
    assert any(s.name.lower() in deal.search_keys for s in example_document().stakeholders)


def test_a_changed_score_keeps_the_previous_one_for_the_trend(cast: Any) -> None:
    deal = write_example(cast.rep_a)
    Opportunity.objects.filter(pk=deal.pk).update(score=1.0)
    refresh_verdict(deal)
    deal.refresh_from_db()
    assert deal.previous_score == 1.0 and deal.score != 1.0


def test_a_stage_change_by_save_restarts_days_in_stage(deals: Any) -> None:
    deal = deals.mine
    Opportunity.objects.filter(pk=deal.pk).update(stage_since=timezone.now() - dt.timedelta(days=30))
    deal.refresh_from_db()
    deal.name = "改名不换阶段"
    deal.save()
    deal.refresh_from_db()
    assert (timezone.now() - deal.stage_since).days == 30
    deal.stage = "propose"
    deal.save()
    deal.refresh_from_db()
    assert (timezone.now() - deal.stage_since).days == 0
