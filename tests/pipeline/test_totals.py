"""Totals of the whole filtered set: per stage and overall, converted with dated rates, never leaking."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from dealpilot.deals.models import Opportunity
from dealpilot.pipeline.models import ExchangeRate
from dealpilot.pipeline.totals import totals
from tests.web.factories import make_deal

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


def test_totals_per_stage_and_overall_weighted_by_score(cast: Any) -> None:
    a = make_deal(owner=cast.rep_a, amount=1_000_000, stage="propose")
    b = make_deal(owner=cast.rep_a, amount=500_000, stage="propose")
    c = make_deal(owner=cast.rep_a, amount=200_000, stage="develop")
    Opportunity.objects.filter(pk=a.pk).update(score=80)
    Opportunity.objects.filter(pk=b.pk).update(score=40)
    Opportunity.objects.filter(pk=c.pk).update(score=50)
    t = totals(Opportunity.objects.filter(pk__in=[a.pk, b.pk, c.pk]), _today())
    assert (t.stage("propose").count, t.stage("propose").amount, t.stage("propose").weighted) == (
        2, Decimal(1_500_000), Decimal(1_000_000))
    assert (t.overall.count, t.overall.amount, t.overall.weighted) == (3, Decimal(1_700_000), Decimal(1_100_000))


def test_other_currencies_convert_with_the_rate_valid_that_day_and_unknown_ones_stay_apart(cast: Any) -> None:
    today = _today()
    ExchangeRate.objects.create(currency="usd", rate=Decimal("7.0"), valid_from=today - dt.timedelta(days=30))
    ExchangeRate.objects.create(currency="USD", rate=Decimal("7.2"), valid_from=today - dt.timedelta(days=1))
    ExchangeRate.objects.create(currency="USD", rate=Decimal("9.9"), valid_from=today + dt.timedelta(days=5))
    cny = make_deal(owner=cast.rep_a, amount=1000, currency="CNY")
    usd = make_deal(owner=cast.rep_a, amount=100, currency="USD")
    eur = make_deal(owner=cast.rep_a, amount=50, currency="EUR")
    t = totals(Opportunity.objects.filter(pk__in=[cny.pk, usd.pk, eur.pk]), today)
    assert t.currency == "CNY"
    assert (t.overall.count, t.overall.amount) == (2, Decimal(1720))
    assert list(t.unconverted) == ["EUR"]
    assert (t.unconverted["EUR"].count, t.unconverted["EUR"].amount) == (1, Decimal(50))


def test_the_totals_fragment_says_which_deals_it_left_out(cast: Any, login: Any) -> None:
    make_deal(owner=cast.rep_a, amount=1000)
    make_deal(owner=cast.rep_a, amount=77, currency="EUR")
    text = login(cast.rep_a).get("/pipeline/totals/").content.decode()
    assert "¥2,200,000" not in text
    assert "未计入合计" in text and "EUR" in text


@pytest.mark.parametrize(("member", "count", "amount"), [
    ("rep_a", 2, "¥2,400,000"), ("manager_a", 2, "¥2,400,000"), ("rep_b", 2, "¥988,854,321"),
    ("admin", 4, "¥991,254,321")])
def test_totals_count_only_deals_the_user_may_see(deals: Any, cast: Any, login: Any, member: str,
                                                 count: int, amount: str) -> None:
    Opportunity.objects.filter(pk=deals.other_team.pk).update(amount=987_654_321)  # team B's
    text = login(cast.member(member)).get("/pipeline/totals/").content.decode()
    assert f"<strong>{count} 个商机</strong>" in text
    assert f"金额 {amount}" in text


def test_totals_follow_the_filters(deals: Any, cast: Any, login: Any) -> None:
    text = login(cast.admin).get("/pipeline/totals/?q=秘密").content.decode()
    assert "<strong>1 个商机</strong>" in text


def test_bad_filters_total_nothing(deals: Any, cast: Any, login: Any) -> None:
    response = login(cast.admin).get("/pipeline/totals/?stale=-3")
    assert response.status_code == 400
    assert "<strong>0 个商机</strong>" in response.content.decode()


def test_totals_run_a_fixed_number_of_queries(cast: Any, login: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(30):
        make_deal(owner=cast.rep_a, stage=("develop", "propose", "commit")[n % 3], currency=("CNY", "USD")[n % 2])
    client = login(cast.manager_a)
    client.get("/pipeline/totals/")
    with django_assert_max_num_queries(7):
        client.get("/pipeline/totals/")
