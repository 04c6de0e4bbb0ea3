"""Exports of the current view: every filtered row, the shown columns, Chinese intact."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.web.factories import make_deal

pytestmark = pytest.mark.django_db


def _csv(response: Any) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def _xlsx(response: Any) -> list[list[Any]]:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_csv_has_every_filtered_row_not_just_a_page(cast: Any, login: Any) -> None:
    for n in range(60):
        make_deal(owner=cast.rep_a, name=f"导出 {n:02d}")
    rows = _csv(login(cast.rep_a).get("/pipeline/export.csv?q=导出&sort=deal"))
    assert rows[0][:3] == ["客户", "商机", "负责人"]
    assert [r[1] for r in rows[1:]] == [f"导出 {n:02d}" for n in range(60)]


def test_csv_columns_are_the_shown_ones_in_chinese(deals: Any, cast: Any, login: Any) -> None:
    rows = _csv(login(cast.rep_a).get("/pipeline/export.csv?q=hrjm"))
    assert rows[0] == ["客户", "商机", "负责人", "团队", "阶段", "在当前阶段天数", "金额", "币种", "预计成交日期",
                       "已逾期", "评分", "趋势", "最严重的风险", "证据占比（%）"]
    assert rows[1][1:5] == ["恒锐精密 排产系统", "rep_a", "华东大区", "方案引导"]


def test_xlsx_opens_with_the_same_rows(deals: Any, cast: Any, login: Any) -> None:
    rows = _xlsx(login(cast.manager_a).get("/pipeline/export.xlsx?sort=deal"))
    assert rows[0][1] == "商机"
    assert sorted(r[1] for r in rows[1:]) == sorted(["恒锐精密 排产系统", "苏州 仓储改造"])


def test_english_headers_in_english(deals: Any, cast: Any, login: Any) -> None:
    rows = _csv(login(cast.rep_a).get("/pipeline/export.csv", HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0][:2] == ["Account", "Deal"]


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
@pytest.mark.parametrize(("member", "expected"), [
    ("rep_a", {"恒锐精密 排产系统", "深圳 共享项目"}), ("manager_a", {"恒锐精密 排产系统", "苏州 仓储改造"}),
    ("admin", {"恒锐精密 排产系统", "苏州 仓储改造", "广州 秘密项目", "深圳 共享项目"})])
def test_exports_hold_only_deals_the_user_may_see(deals: Any, cast: Any, login: Any, ext: str, member: str,
                                                  expected: set[str]) -> None:
    response = login(cast.member(member)).get(f"/pipeline/export.{ext}")
    rows = _csv(response) if ext == "csv" else _xlsx(response)
    assert {r[1] for r in rows[1:]} == expected


def test_a_formula_in_a_name_is_exported_as_text(cast: Any, login: Any) -> None:
    make_deal(owner=cast.rep_a, name="=HYPERLINK(\"http://x\")")
    rows = _csv(login(cast.rep_a).get("/pipeline/export.csv"))
    assert rows[1][1] == "'=HYPERLINK(\"http://x\")"


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_bad_filters_export_nothing(deals: Any, cast: Any, login: Any, ext: str) -> None:
    response = login(cast.admin).get(f"/pipeline/export.{ext}?amount_min=lots")
    assert response.status_code == 400
    assert "秘密" not in response.content.decode()


def test_export_runs_a_fixed_number_of_queries(cast: Any, login: Any, django_assert_max_num_queries: Any) -> None:
    for _ in range(40):
        make_deal(owner=cast.rep_a)
    client = login(cast.rep_a)
    with django_assert_max_num_queries(8):
        client.get("/pipeline/export.csv")
