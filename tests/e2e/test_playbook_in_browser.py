"""In a real Chromium, the admin's path through a team playbook: copy PPVVCC, change a weight and
a stage gate, preview, publish, and find the deal re-scored with its trend marking the change."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.accounts.models import Role
from dealpilot.deals.models import Opportunity
from tests.e2e.conftest import SKIP_REASON, browser_available
from tests.review.conftest import write_example
from tests.web.factories import make_team, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not browser_available(), reason=SKIP_REASON)]

WORDS = {"zh": {"id": "新编号", "weight": "权重", "score": "最低总分", "save": "保存草稿",
                "preview": "预览影响", "publish": "发布为新版本", "changed": "方法手册已变更"},
         "en": {"id": "New id", "weight": "Weight", "score": "Minimum score", "save": "Save draft",
                "preview": "Preview the effect", "publish": "Publish as a new version",
                "changed": "playbook changed"}}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_copy_edit_preview_publish_and_see_the_deal_rescored(browser: Any, lang: str) -> None:
    make_user("admin1", role=Role.ADMIN, language=lang)
    deal = write_example(make_user("rep1", team=make_team("华东大区")))
    old_score = Opportunity.objects.get(pk=deal.pk).score
    w = WORDS[lang]
    page = browser.open(lang)
    browser.login(page, "admin1")
    page.goto(browser.base_url + "/playbooks/")
    page.get_by_label(f"{w['id']} ppvvcc").fill("ppvvcc-soe")
    page.click("button[name=copy][value=ppvvcc]")
    page.wait_for_url("**/playbooks/ppvvcc-soe/edit/")
    page.get_by_label(f"{w['weight']} pain_top_priority").fill("0.5")
    page.get_by_label(f"{w['score']} propose").fill("95")
    page.get_by_role("button", name=w["save"]).first.click()
    page.wait_for_url("**/playbooks/ppvvcc-soe/edit/")
    assert float(page.get_by_label(f"{w['score']} propose").input_value()) == 95
    page.get_by_role("link", name=w["preview"]).click()
    assert page.locator("[data-k=scores_changed]").inner_text() != "0"
    assert page.locator("[data-gained=stage_ahead_of_evidence]").count() == 1
    page.go_back()
    page.get_by_role("button", name=w["publish"]).click()
    page.wait_for_url("**/jobs/**")
    opp = Opportunity.objects.get(pk=deal.pk)
    assert (opp.playbook, opp.playbook_version) == ("ppvvcc-soe", 1) and opp.score != old_score
    page.goto(f"{browser.base_url}/deals/{deal.pk}/")
    page.wait_for_function("() => { const el = document.querySelector('[data-chart=trend]');"
                           " return el && el.dataset.drawn === '1'; }")
    mark = page.evaluate("() => document.querySelector('[data-chart=trend]').dealpilotChart()"
                         ".getOption().series[0].markLine")
    assert len(mark["data"]) == 1 and mark["label"]["formatter"] == w["changed"]
    assert not browser.errors
