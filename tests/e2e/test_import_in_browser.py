"""In a real Chromium, as a manager: upload a GBK sheet exported from Excel with Chinese
headings and 万元 amounts, correct the mapping once and save it, see the preview catch a bad
date and an unknown owner in the page's language, upload the fixed sheet with the saved
mapping, import, find the deals in the pipeline, revert, see them gone — in Chinese and English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dealpilot.accounts.models import Role
from dealpilot.deals.models import Opportunity
from tests.e2e.conftest import SKIP_REASON, browser_available
from tests.web.factories import make_team, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not browser_available(), reason=SKIP_REASON)]

HEADER = "客户名称,商机名称,金额（万元）,销售阶段,预计成交日期,跟单人"
WORDS = {
    "zh": {"date": "“2026/2/30” 不是日历上存在的日期", "owner": "没有名为 赵六 的用户", "done": "新建 2"},
    "en": {"date": "“2026/2/30” is not a date of the calendar", "owner": "No user is called 赵六", "done": "2 created"},
}


def sheet(tmp_path: Path, name: str, *rows: str) -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("gbk"))
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_a_gbk_sheet_fix_it_import_and_revert(browser: Any, tmp_path: Path, lang: str) -> None:
    team = make_team("华东大区")
    make_user("manager1", team=team, role=Role.MANAGER)
    rep = make_user("rep1", team=team)
    rep.last_name, rep.first_name = "王", "磊"
    rep.save()
    page = browser.open(lang)
    browser.login(page, "manager1")
    words = WORDS[lang]

    page.goto(browser.base_url + "/import/")
    page.set_input_files("input[name=file]", str(sheet(tmp_path, "商机导出.csv",
                                                         "恒锐精密,排产系统,120,方案制定,2026/3/4,王磊",
                                                         "远舟物流,运输管理,80,商务谈判,2026/2/30,王磊",
                                                         "徐州重工,仓储改造,35.5,赢单,2026年1月15日,赵六")))
    page.click("#import-upload button")
    page.wait_for_selector("#import-mapping")
    # 跟单人 is no heading the importer knows: the user maps it to the owner once and saves that.
    page.select_option("#col_owner", "跟单人")
    page.fill("#save_as", "华东 CRM 导出")
    page.click("#import-mapping button")
    page.wait_for_selector("#import-problems")
    problems = page.locator("#import-problems").inner_text()
    assert words["date"] in problems and words["owner"] in problems
    assert page.locator("#import-go button").is_disabled()
    assert not Opportunity.objects.exists()

    page.goto(browser.base_url + "/import/")
    page.set_input_files("input[name=file]", str(sheet(tmp_path, "商机导出（修正）.csv",
                                                         "恒锐精密,排产系统,120,方案制定,2026/3/4,王磊",
                                                         "远舟物流,运输管理,80,商务谈判,2026/3/20,王磊")))
    page.select_option("select[name=saved]", label="华东 CRM 导出")
    page.click("#import-upload button")
    page.wait_for_selector("#import-first-rows")
    assert page.locator("#import-problems").count() == 0
    assert "¥1,200,000" in page.locator("#import-first-rows").inner_text()
    page.click("#import-go button")
    page.wait_for_selector("#import-counts")
    assert words["done"] in page.locator("#import-counts").inner_text()
    run_url = page.url

    page.goto(browser.base_url + "/pipeline/")
    table = page.locator("#pipeline-table").inner_text()
    assert "排产系统" in table and "运输管理" in table
    assert Opportunity.objects.get(name="排产系统").owner == rep

    page.goto(run_url)
    page.click("#import-revert button")
    page.wait_for_selector(".dp-msg-success")
    page.goto(browser.base_url + "/pipeline/")
    table = page.locator("#pipeline-table").inner_text()
    assert "排产系统" not in table and "运输管理" not in table
    assert not Opportunity.objects.exists()
    assert browser.errors == []
