"""Columns matched to fields by heading and preset; value tables; mappings to and from data."""

from __future__ import annotations

import pytest
from django.utils import translation

from dealpilot.imports.mapping import Mapping, auto_map
from dealpilot.imports.problems import ReadError
from dealpilot.imports.rows import Reader

ZH = ["客户名称", "商机名称", "金额（万元）", "销售阶段", "预计成交日期", "负责人", "竞争对手"]
SF = ["Opportunity ID", "Opportunity Name", "Account Name", "Amount", "Stage", "Close Date",
      "Opportunity Owner", "Next Step"]


def test_chinese_crm_headings_map_and_wan_sets_the_unit() -> None:
    m = auto_map(ZH)
    assert m.columns == {"account": "客户名称", "name": "商机名称", "amount": "金额（万元）", "stage": "销售阶段",
                         "close_date": "预计成交日期", "owner": "负责人", "competitors": "竞争对手"}
    assert m.amount_unit == 10_000


def test_salesforce_headings_map() -> None:
    m = auto_map(SF, "salesforce")
    assert m.columns["external_id"] == "Opportunity ID" and m.columns["account"] == "Account Name"
    assert m.columns["name"] == "Opportunity Name" and m.columns["next_step"] == "Next Step"


def test_generic_english_headings_map_without_a_preset() -> None:
    m = auto_map(["Customer", "Deal", "Value", "Sales Rep", "Close date"])
    assert m.columns == {"account": "Customer", "name": "Deal", "amount": "Value", "owner": "Sales Rep",
                         "close_date": "Close date"}


def test_unknown_preset_is_an_error() -> None:
    with pytest.raises(ReadError, match="Unknown preset"):
        auto_map(SF, "pipedrive")


def test_value_tables_constants_and_defaults() -> None:
    m = auto_map(ZH)
    m.values = {"owner": {"张伟": "zhangwei"}, "stage": {"快成了": "commit"}}
    m.constants = {"currency": "USD"}
    reader = Reader(m)
    row, problems = reader.read(2, {"客户名称": "恒锐", "商机名称": "MES", "金额（万元）": "120", "销售阶段": "赢单",
                                    "预计成交日期": "2026/3/4", "负责人": "张伟", "竞争对手": "用友、金蝶"})
    assert problems == []
    assert (row.stage, row.owner, row.currency, str(row.amount)) == ("won", "zhangwei", "USD", "1200000.00")
    assert row.competitors == ["用友", "金蝶"]
    row, _ = reader.read(3, {"客户名称": "恒锐", "商机名称": "MES", "销售阶段": "Closed Won"})
    assert row.stage == "won"
    row, _ = reader.read(4, {"客户名称": "恒锐", "商机名称": "MES", "销售阶段": "快成了"})
    assert row.stage == "commit"


def test_each_bad_cell_is_a_problem_with_its_column() -> None:
    reader = Reader(auto_map(ZH))
    _row, problems = reader.read(7, {"客户名称": "", "商机名称": "MES", "金额（万元）": "很多", "销售阶段": "随便",
                                     "预计成交日期": "2026/13/45"})
    assert sorted((p.row, p.column) for p in problems) == [
        (7, "客户名称"), (7, "金额（万元）"), (7, "销售阶段"), (7, "预计成交日期")]
    with translation.override("en"):
        assert any("“2026/13/45”" in p.text() and "date" in p.text() for p in problems)


def test_mapping_round_trips_and_refuses_unknown_fields() -> None:
    m = auto_map(ZH)
    m.values = {"owner": {"张伟": "zhangwei"}}
    assert Mapping.from_data(m.to_data()) == m
    with pytest.raises(ReadError, match="unknown field"):
        Mapping.from_data({"columns": {"shoe_size": "Size"}})
    with pytest.raises(ReadError, match="mode"):
        Mapping.from_data({"mode": "merge"})


def test_hubspot_headings_map_and_its_stage_ids_are_known() -> None:
    m = auto_map(["Record ID", "Deal Name", "Associated Company", "Amount", "Deal Stage", "Close Date",
                  "Deal owner"], "hubspot")
    assert m.columns == {"external_id": "Record ID", "name": "Deal Name", "account": "Associated Company",
                         "amount": "Amount", "stage": "Deal Stage", "close_date": "Close Date", "owner": "Deal owner"}
    reader = Reader(m)
    stages = [reader.read(n, {"Deal Name": "x", "Associated Company": "y", "Deal Stage": s})[0].stage
              for n, s in enumerate(["appointmentscheduled", "qualifiedtobuy", "contractsent", "closedwon",
                                     "Closed Lost"], start=2)]
    assert stages == ["lead", "qualify", "negotiate", "won", "lost"]
