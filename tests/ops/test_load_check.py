"""The load test's lost-update check finds what it is for: a save acknowledged but not kept, a
change made over a value it never saw, a history that does not end at the stored deal."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from dealpilot.deals.history import claim_version, record_change
from dealpilot.deals.models import Opportunity
from tests.ops.conftest import ROOT
from tests.web.factories import make_deal

pytestmark = pytest.mark.django_db

_spec = importlib.util.spec_from_file_location("load_check", ROOT / "bench" / "load_check.py")
load_check = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(load_check)  # type: ignore[union-attr]


def _move(deal: Opportunity, stage: str) -> None:
    old = deal.stage
    claim_version(deal, deal.version)
    Opportunity.objects.filter(pk=deal.pk).update(stage=stage)
    deal.stage = stage
    record_change(deal, None, "opportunity.stage", old, stage)


def _check(deal: Opportunity, saves: int, before: int = 1) -> list[str]:
    return load_check.check({"deals": {str(deal.pk): saves}, "versions": {str(deal.pk): before},
                             "created": []})["problems"]


@pytest.fixture
def deal(db: Any) -> Opportunity:
    deal = make_deal(stage="develop")
    record_change(deal, None, "created", None, None)
    return deal


def test_a_history_that_replays_to_the_deal_passes(deal: Opportunity) -> None:
    _move(deal, "propose")
    _move(deal, "negotiate")
    assert _check(deal, saves=2) == []


def test_a_save_acknowledged_but_not_kept_is_found(deal: Opportunity) -> None:
    _move(deal, "propose")
    assert _check(deal, saves=2) == [f"deal {deal.pk}: 2 saves acknowledged, version moved 1 (from 1 to 2)"]


def test_a_change_over_a_value_it_never_saw_is_found(deal: Opportunity) -> None:
    _move(deal, "propose")
    claim_version(deal, deal.version)  # a second writer, still believing the deal is at develop
    Opportunity.objects.filter(pk=deal.pk).update(stage="commit")
    record_change(deal, None, "opportunity.stage", "develop", "commit")
    assert _check(deal, saves=2) == [f"deal {deal.pk} opportunity.stage: version 3 changed it from "
                                     f"'develop', but version 2 had left 'propose'"]


def test_a_history_that_does_not_end_at_the_stored_deal_is_found(deal: Opportunity) -> None:
    _move(deal, "propose")
    Opportunity.objects.filter(pk=deal.pk).update(stage="won")  # written without a record
    assert _check(deal, saves=1) == [f"deal {deal.pk} opportunity.stage: history ends at 'propose', "
                                     f"the deal holds 'won'"]


def test_a_version_without_its_change_record_is_found(deal: Opportunity) -> None:
    claim_version(deal, deal.version)
    _move(deal, "propose")
    problems = _check(deal, saves=2)
    assert problems == [f"deal {deal.pk}: history versions 1..3 have gaps or do not end at the stored version 3"]
