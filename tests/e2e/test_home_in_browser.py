"""In a real Chromium: manager1 logs in and lands on the team summary with its score-history
chart drawn, and follows a flag into the pipeline; rep1 lands on their week with a call plan.
In Chinese and English; screenshots go to artifacts/screenshots."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from dealpilot.accounts.models import Role
from dealpilot.deals.models import Opportunity, PlanStep
from dealpilot.review.models import AssessmentSnapshot
from tests.e2e.conftest import SCREENSHOTS, SKIP_REASON, browser_available
from tests.web.factories import make_account, make_deal, make_stakeholder, make_team, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not browser_available(), reason=SKIP_REASON)]


@pytest.fixture
def company() -> dict[str, Any]:
    team, other = make_team("华东大区"), make_team("华南大区")
    rep = make_user("rep1", team=team)
    make_user("manager1", team=team, role=Role.MANAGER)
    outsider = make_user("rep4", team=other)
    hengrui = make_deal(owner=rep, name="排产系统", account=make_account(name="恒锐精密"), stage="develop")
    other_deal = make_deal(owner=rep, name="仓储改造", account=make_account(name="徐州重工"), stage="propose")
    secret = make_deal(owner=outsider, name="秘密项目", account=make_account(name="南方集团"))
    make_stakeholder(hengrui, name="徐伟", access="regular", attitude="supporter", roles=["initiator"])
    PlanStep.objects.create(opportunity=hengrui, step="联合评估工作坊", due=timezone.localdate() + dt.timedelta(days=2))
    Opportunity.objects.filter(pk=hengrui.pk).update(flag_ids=" no_decider_access ", flag_count=1, score=45)
    Opportunity.objects.filter(pk=other_deal.pk).update(flag_ids=" no_decider_access single_threaded ",
                                                        flag_count=2, score=62)
    now = timezone.now()
    for n, (deal, days, score) in enumerate([(hengrui, 60, 30), (hengrui, 20, 45), (other_deal, 40, 62),
                                             (secret, 10, 99)]):
        AssessmentSnapshot.objects.create(opportunity=deal, taken_at=now - dt.timedelta(days=days), seq=n + 1,
                                          playbook="ppvvcc", score=score,
                                          dimensions={"pain": score, "power": score - 10}, flags=[])
    return {"hengrui": hengrui, "other": other_deal, "secret": secret}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_manager_lands_on_the_team_summary_and_follows_a_flag(browser: Any, company: Any, lang: str) -> None:
    page = browser.open(lang)
    browser.login(page, "manager1")
    assert page.url.endswith("/home/")
    page.wait_for_selector(".hm-chart[data-drawn='1']")
    main = page.locator("main").inner_text()
    assert ("团队销售管道" if lang == "zh" else "Team pipeline") in main
    assert "秘密项目" not in main and "rep4" not in main
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"home-manager-{lang}.png"), full_page=True)

    page.click("#team-flags a[href*='flag=no_decider_access']")
    page.wait_for_url("**/pipeline/?flag=no_decider_access")
    table = page.locator("#pipeline-table").inner_text()
    assert "排产系统" in table and "仓储改造" in table and "秘密项目" not in table
    assert not browser.errors, browser.errors


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rep_lands_on_their_week_with_a_call_plan(browser: Any, company: Any, lang: str) -> None:
    page = browser.open(lang)
    browser.login(page, "rep1")
    due = page.locator("#week-due").inner_text()
    assert "排产系统" in due and "联合评估工作坊" in due
    assert ("下次与 徐伟 会面" if lang == "zh" else "Next meeting with 徐伟") in due
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"home-rep-{lang}.png"), full_page=True)
    page.click("#week-due .hm-deal-name")
    page.wait_for_url(f"**/deals/{company['hengrui'].pk}/")
    assert not browser.errors, browser.errors
