"""The demo company comes with a forecast to read: calls, evidence, quotas and a week of moves."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from dealpilot.deals.demo import build_demo
from dealpilot.deals.models import ChangeRecord, Opportunity
from dealpilot.forecast.models import DealForecast, Quota


@pytest.mark.django_db
def test_the_demo_has_a_forecast_with_weak_commits_quotas_and_moves(client: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_demo(deals=90)
    assert DealForecast.objects.count() == Opportunity.objects.count() == 90
    assert DealForecast.objects.filter(call="commit").exclude(evidence="commit").exists()
    assert Quota.objects.filter(team__isnull=False).exists()
    assert ChangeRecord.objects.filter(field__in=["opportunity.amount", "opportunity.close_date"]).exists()
    client.force_login(User.objects.get(username="manager1"))
    html = client.get("/forecast/").content.decode()
    assert "承诺但证据不足" in html
    assert client.get("/forecast/moved/").status_code == 200


@pytest.mark.django_db
def test_the_demo_load_is_dated_before_the_deals_history_not_this_week(client: Any, settings: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    from dealpilot.review.models import AssessmentSnapshot

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_demo(deals=30)
    loads = ChangeRecord.objects.filter(field="created")
    assert loads.count() == 30
    first_snapshot = AssessmentSnapshot.objects.order_by("taken_at").values_list("taken_at", flat=True)[0]
    assert all(at < first_snapshot for at in loads.values_list("at", flat=True))
    week = timezone.now() - dt.timedelta(days=7)
    assert ChangeRecord.objects.filter(at__gte=week).exclude(field="created").exists()  # the seeded week of moves
    assert not loads.filter(at__gte=week).exists()
    client.force_login(User.objects.get(username="admin"))
    html = client.get(f"/deals/{loads[0].opportunity_id}/history/").content.decode()
    assert "示例数据" in html  # the history names the load
