"""In a real Chromium, the forecast as a new user meets it, in Chinese and English: the admin
trains the win model on the demo's closed deals and sees its calibration; manager1 opens this
quarter's forecast, finds a commit resting on weak evidence and what it lacks, adjusts the
team's number with a note and reads what moved; rep1 sees a deal's win probability and factors.
The page's numbers are checked against sums computed here from the deals themselves."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from dealpilot.deals.demo import build_demo
from dealpilot.deals.models import Opportunity
from dealpilot.forecast.models import Adjustment, DealForecast, WinModel
from dealpilot.forecast.periods import quarter_of
from tests.e2e.conftest import PASSWORD, SKIP_REASON, browser_available

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not browser_available(), reason=SKIP_REASON)]

TEXT = {
    "zh": {"weak": "承诺但证据不足", "learned": "个已关闭商机学习", "moved": "变化", "prob": "赢单概率"},
    "en": {"weak": "commit on weak evidence", "learned": "closed deals, calibration error", "moved": "What moved",
           "prob": "win probability"},
}


@pytest.fixture
def demo(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_demo(deals=200)
    for u in User.objects.all():
        u.set_password(PASSWORD)
        u.save(update_fields=["password"])


def _amount(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text) or 0)


def _expected(team_name: str) -> dict[str, int]:
    """The team's sums for this quarter, straight from the deal rows (CNY: the only currency with a rate)."""
    q = quarter_of(timezone.localdate())
    deals = Opportunity.objects.filter(team__name=team_name, currency="CNY", close_date__gte=q.start,
                                       close_date__lte=q.end).exclude(stage="lost")
    calls = {f.opportunity_id: f.call for f in DealForecast.objects.filter(opportunity__in=deals)}
    won = sum(int(d.amount) for d in deals if d.stage == "won")
    commit = sum(int(d.amount) for d in deals if d.stage != "won" and calls.get(d.pk) == "commit")
    return {"won": won, "call-commit": commit}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_admin_trains_manager_questions_and_adjusts_rep_reads_the_odds(browser: Any, demo: Any, lang: str) -> None:
    words = TEXT[lang]
    admin = browser.open(lang)
    browser.login(admin, "admin")
    admin.goto(browser.base_url + "/forecast/model/")
    with admin.expect_navigation(timeout=300_000):  # training runs at once in tests (no worker)
        admin.click("#fc-train", no_wait_after=True)
    assert WinModel.objects.filter(active=True).exists()
    admin.goto(browser.base_url + "/forecast/model/")
    assert words["learned"] in admin.locator(".fc-model-source").inner_text()
    admin.wait_for_selector("#fc-calibration svg")  # the reliability diagram is drawn

    page = browser.open(lang)
    browser.login(page, "manager1")
    page.goto(browser.base_url + "/forecast/")
    team = "华东大区"
    row = page.locator("#forecast-table tr.fc-team").filter(has_text=team)
    expected = _expected(team)
    for key, value in expected.items():
        assert _amount(row.locator(f"[data-num={key}]").inner_text()) == value, key
    weak = page.locator("#weak tr.fc-weak").first
    assert words["weak"] in weak.inner_text()
    assert weak.locator(".fc-missing li").count() >= 1

    page.select_option("select[name=target]", label=team)
    page.fill("input[name=amount]", "1234567")
    page.fill("input[name=note]", "客户预算推迟到下季度" if lang == "zh" else "client budget slips to next quarter")
    page.click(".fc-adjust button")
    page.wait_for_url("**#adjustments")
    a = Adjustment.objects.get()
    assert a.author.username == "manager1" and a.amount == Decimal("1234567.00")
    row = page.locator("#forecast-table tr.fc-team").filter(has_text=team)
    assert _amount(row.locator("[data-num=forecast]").inner_text().split()[0]) == 1234567

    page.click(".fc-nav a[href*='moved']")
    page.wait_for_url("**/forecast/moved/**")
    assert words["moved"] in page.locator("h1").inner_text()
    assert page.locator("#moves tr.fc-move").count() >= 1
    page.wait_for_selector("#fc-waterfall svg")

    rep = browser.open(lang)
    browser.login(rep, "rep1")
    deal = Opportunity.objects.filter(owner__username="rep1").open().order_by("pk").first()
    rep.goto(browser.base_url + f"/deals/{deal.pk}/")
    box = rep.wait_for_selector("#forecast-odds-box")
    text = box.inner_text()
    assert words["prob"] in text and "%" in text
    assert rep.locator("#forecast-odds-box li").count() >= 1  # factors and what would raise the odds
    assert browser.errors == []
