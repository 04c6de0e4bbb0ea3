"""The demo company comes with history, so a demo deal's review has a "30 days ago"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from dealpilot.deals.demo import build_demo
from dealpilot.deals.models import Opportunity
from dealpilot.review.snapshots import baseline


def test_every_demo_deal_has_a_snapshot_from_30_days_ago(db: Any) -> None:
    today = timezone.localdate()
    build_demo(deals=6, seed=7, today=today)
    deals = list(Opportunity.objects.all())
    assert len(deals) == 6
    for deal in deals:
        then = baseline(deal)
        assert then is not None
        assert then.to_snapshot()["date"] == (today - dt.timedelta(days=30)).isoformat()
        assert deal.snapshots.count() == 2
