"""Snapshots cannot duplicate (a constraint the database enforces) and the cached verdict commits
with the change that moves it: a failure after the change rolls back both."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from dealpilot.deals.convert import deal_to_document, load_deal
from dealpilot.deals.models import ChangeRecord, Opportunity
from dealpilot.deals.verdict import refresh_verdict
from dealpilot.review import snapshots
from dealpilot.review.models import AssessmentSnapshot


def test_a_second_snapshot_in_the_same_place_of_a_deals_history_is_refused_by_the_database(example: Any) -> None:
    refresh_verdict(example)
    first = AssessmentSnapshot.objects.get(opportunity=example)
    copy = AssessmentSnapshot(opportunity=example, seq=first.seq, playbook=first.playbook, score=first.score,
                              dimensions=first.dimensions, flags=first.flags)
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_two_requests_recording_the_same_verdict_store_one_row(example: Any) -> None:
    # Both requests read the same latest snapshot (none) before either writes: the race.
    assessment = refresh_verdict(example)
    AssessmentSnapshot.objects.all().delete()
    Opportunity.objects.filter(pk=example.pk).update(snapshot_digest="")
    stale = [Opportunity.objects.get(pk=example.pk) for _ in range(2)]
    with mock.patch.object(snapshots, "latest", return_value=None):
        rows = [snapshots.record_snapshot(opp, assessment) for opp in stale]
    assert rows[0] is not None and rows[1] is None
    assert AssessmentSnapshot.objects.filter(opportunity=example).count() == 1


def test_history_may_return_to_an_earlier_verdict(example: Any) -> None:
    refresh_verdict(example)
    AssessmentSnapshot.objects.filter(opportunity=example).update(score=1, flags=[])
    Opportunity.objects.filter(pk=example.pk).update(snapshot_digest="")
    refresh_verdict(example)
    AssessmentSnapshot.objects.filter(opportunity=example, seq=2).update(score=2, flags=[])
    Opportunity.objects.filter(pk=example.pk).update(snapshot_digest="")
    refresh_verdict(example)
    assert list(AssessmentSnapshot.objects.filter(opportunity=example).order_by("seq").values_list("seq", flat=True)) == [1, 2, 3]


def _replace_stage(client: Any, deal: Opportunity, stage: str) -> Any:
    data = deal_to_document(load_deal(deal.pk)).to_data()
    data["opportunity"]["stage"] = stage
    data["answers"] = {}
    text = yaml.safe_dump(data, allow_unicode=True).encode()
    return client.post(reverse("deal_upload", args=[deal.pk]), {"document": SimpleUploadedFile("d.yaml", text)})


def test_a_failure_after_an_upload_rolls_back_the_change_and_the_score(example: Any, cast: Any, login: Any) -> None:
    refresh_verdict(example)
    example.refresh_from_db()
    before = (example.version, example.stage, example.score, ChangeRecord.objects.filter(opportunity=example).count(),
              AssessmentSnapshot.objects.filter(opportunity=example).count())
    client = login(cast.rep_a)
    client.raise_request_exception = False
    with mock.patch.object(snapshots, "_row", side_effect=RuntimeError("disk full")):
        assert _replace_stage(client, example, "lead").status_code == 500
    example.refresh_from_db()
    assert (example.version, example.stage, example.score, ChangeRecord.objects.filter(opportunity=example).count(),
            AssessmentSnapshot.objects.filter(opportunity=example).count()) == before


def test_an_upload_commits_the_new_score_with_the_change(example: Any, cast: Any, login: Any) -> None:
    refresh_verdict(example)
    client = login(cast.rep_a)
    with mock.patch("dealpilot.deals.views.documents.redirect", side_effect=RuntimeError("after commit")):
        client.raise_request_exception = False
        _replace_stage(client, example, "lead")
    example.refresh_from_db()
    assert example.stage == "lead"
    assert example.score == refresh_verdict(example).score


def test_a_failure_after_a_workspace_save_rolls_back_the_change_and_the_score(example: Any, cast: Any,
                                                                            login: Any) -> None:
    refresh_verdict(example)
    example.refresh_from_db()
    before = (example.version, example.budget_status, example.score)
    client = login(cast.rep_a)
    client.raise_request_exception = False
    with mock.patch.object(snapshots, "_row", side_effect=RuntimeError("disk full")):
        response = client.post(reverse("workspace_block", args=[example.pk, "budget"]),
                               {"version": example.version, "budget_status": "approved"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 500
    example.refresh_from_db()
    assert (example.version, example.budget_status, example.score) == before


def test_a_workspace_save_commits_the_new_score_with_the_change(example: Any, cast: Any, login: Any) -> None:
    refresh_verdict(example)
    example.refresh_from_db()
    old_score = example.score
    client = login(cast.rep_a)
    # The page after the save is never rendered: the score must already be the new one.
    with mock.patch("dealpilot.workspace.views.opportunity.assess_opportunity", side_effect=RuntimeError("late"),
                    create=True), mock.patch("dealpilot.workspace.context.assess_opportunity",
                                             side_effect=RuntimeError("late")):
        client.raise_request_exception = False
        client.post(reverse("workspace_block", args=[example.pk, "budget"]),
                    {"version": example.version, "budget_status": "approved"}, HTTP_HX_REQUEST="true")
    example.refresh_from_db()
    assert example.budget_status == "approved"
    assert example.score == refresh_verdict(example).score != old_score
