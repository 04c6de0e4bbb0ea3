"""Versions: of two saves based on the same version, the second is refused."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.deals.history import StaleVersion, claim_version, record_change


def test_second_save_based_on_the_same_version_is_refused(cast: Any) -> None:
    first, second = type(cast.deal).objects.get(pk=cast.deal.pk), type(cast.deal).objects.get(pk=cast.deal.pk)
    assert claim_version(first, based_on=1) == 2
    with pytest.raises(StaleVersion) as refused:
        claim_version(second, based_on=1)
    assert refused.value.current == 2
    cast.deal.refresh_from_db()
    assert cast.deal.version == 2


def test_a_change_record_keeps_who_what_and_both_values(cast: Any) -> None:
    cast.deal.version = 3
    change = record_change(cast.deal, cast.rep_a, "budget.status", "planned", {"status": "approved"})
    assert (change.user, change.version, change.field, change.old, change.new) == (
        cast.rep_a, 3, "budget.status", "planned", '{"status": "approved"}')
