"""In a real Chromium, as manager1: filter the pipeline, search by pinyin initials, switch to
the board, drag a card to another stage, export the view — in Chinese and English."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.accounts.models import Role
from dealpilot.deals.models import ChangeRecord, Opportunity
from tests.e2e.conftest import SKIP_REASON, browser_available
from tests.web.factories import make_account, make_deal, make_team, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not browser_available(), reason=SKIP_REASON)]


@pytest.fixture
def team_deals() -> dict[str, Any]:
    team, other = make_team("华东大区"), make_team("华南大区")
    rep = make_user("rep1", team=team)
    make_user("manager1", team=team, role=Role.MANAGER)
    outsider = make_user("rep4", team=other)
    return {
        "hengrui": make_deal(owner=rep, name="排产系统", account=make_account(name="恒锐精密"), stage="develop"),
        "other": make_deal(owner=rep, name="仓储改造", account=make_account(name="徐州重工"), stage="develop"),
        "secret": make_deal(owner=outsider, name="秘密项目", account=make_account(name="南方集团")),
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_manager_filters_searches_boards_drags_and_exports(browser: Any, team_deals: Any, lang: str) -> None:
    page = browser.open(lang)
    browser.login(page, "manager1")
    page.goto(browser.base_url + "/pipeline/")
    body = page.locator("main")
    assert "排产系统" in body.inner_text() and "仓储改造" in body.inner_text()
    assert "秘密项目" not in body.inner_text()
    page.wait_for_selector(".pl-totals")  # totals arrive by htmx

    page.select_option("select[name=stage]", "develop")
    page.fill("input[name=q]", "hrjm")
    page.click("#pipeline-filters button")
    page.wait_for_url("**q=hrjm**")
    text = page.locator("#pipeline-table").inner_text()
    assert "排产系统" in text and "仓储改造" not in text

    page.click(".pl-switch a[href*='board']")
    page.wait_for_url("**/pipeline/board/**")
    assert page.locator(".pl-column").count() == 1  # the stage filter holds on the board too
    page.goto(browser.base_url + "/pipeline/board/?q=hrjm")
    card = page.locator(f"#card-{team_deals['hengrui'].pk}")
    card.drag_to(page.locator('.pl-column[data-stage="propose"]'))
    page.wait_for_selector(f'.pl-column[data-stage="propose"] #card-{team_deals["hengrui"].pk} [role=status]')
    assert Opportunity.objects.get(pk=team_deals["hengrui"].pk).stage == "propose"
    assert ChangeRecord.objects.filter(opportunity=team_deals["hengrui"], field="opportunity.stage").exists()

    response = page.request.get(browser.base_url + "/pipeline/export.csv?q=hrjm&status=open")
    assert response.status == 200
    assert response.body().startswith("\ufeff".encode())
    assert "恒锐精密" in response.body().decode("utf-8-sig")
    assert browser.errors == []
