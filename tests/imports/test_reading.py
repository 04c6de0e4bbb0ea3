"""Reading files as a CRM or Excel writes them: encodings, delimiters, title rows, workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dealpilot.imports.problems import ReadError
from dealpilot.imports.reading import open_table

ZH = "客户名称,商机名称,金额（万元）,销售阶段,预计成交日期,负责人\n恒锐精密,排产系统,120,赢单,2026年3月4日,张伟\n"


def write(tmp_path: Path, data: bytes, name: str = "deals.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


BIG5 = "客戶名稱,商機名稱,金額（萬元）,銷售階段\n台積電,排產系統,120,贏單\n"


@pytest.mark.parametrize(("encoding", "text"), [
    ("utf-8", ZH), ("utf-8-sig", ZH), ("gbk", ZH), ("gb18030", ZH), ("big5", BIG5)])
def test_chinese_csv_in_each_encoding_reads_the_same(tmp_path: Path, encoding: str, text: str) -> None:
    table = open_table(write(tmp_path, text.encode(encoding)))
    expected = [line.split(",") for line in text.splitlines()]
    assert table.headers == expected[0]
    assert [list(r.values()) for _n, r in table.records()] == expected[1:]


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path) -> None:
    data = ZH.replace(",", "\t").encode("utf-16")
    table = open_table(write(tmp_path, data, "deals.txt"))
    assert table.delimiter == "\t"
    assert table.headers[:2] == ["客户名称", "商机名称"]
    assert [r[table.headers[5]] for _n, r in table.records()] == ["张伟"]


def test_semicolon_delimiter_and_title_row_above_the_table(tmp_path: Path) -> None:
    data = "商机导出 2026-03\n\nAccount;Deal;Amount\nAcme;ERP;100\nBeta;MES;200\n".encode()
    table = open_table(write(tmp_path, data))
    assert table.delimiter == ";"
    assert table.header_row == 3
    assert [n for n, _r in table.rows()] == [4, 5]


def test_header_row_can_be_chosen(tmp_path: Path) -> None:
    data = b"a,b\nAccount,Deal\nAcme,ERP\n"
    table = open_table(write(tmp_path, data), header_row=2)
    assert table.headers == ["Account", "Deal"]
    assert [r for _n, r in table.records()] == [{"Account": "Acme", "Deal": "ERP"}]


def test_undecodable_file_is_a_clear_error(tmp_path: Path) -> None:
    data = bytes(range(128, 256)) * 40
    with pytest.raises(ReadError) as err:
        list(open_table(write(tmp_path, data)).rows())
    assert "encoding" in str(err.value) or "cannot be read" in str(err.value)


def test_fake_workbook_and_empty_file_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="Excel workbook"):
        open_table(write(tmp_path, b"just text", "deals.xlsx"))
    with pytest.raises(ReadError, match="empty"):
        open_table(write(tmp_path, b""))


def test_xlsx_with_two_sheets_detects_the_one_with_data(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "说明"
    ws = wb.create_sheet("商机")
    ws.append(["客户名称", "商机名称", "预计成交日期", "金额（元）"])
    ws.append(["恒锐精密", "排产系统", dt.date(2026, 3, 4), 1200000])
    path = tmp_path / "deals.xlsx"
    wb.save(path)
    table = open_table(path)
    assert table.kind == "xlsx" and table.sheets == ["说明", "商机"] and table.sheet == "商机"
    (_n, record), = list(table.records())
    assert record["商机名称"] == "排产系统"
    assert record["金额（元）"] == 1200000
    assert record["预计成交日期"] in (dt.date(2026, 3, 4), dt.datetime(2026, 3, 4))


def test_duplicate_headings_stay_apart(tmp_path: Path) -> None:
    table = open_table(write(tmp_path, b"Name,Name,Amount\nA,B,1\n"))
    assert table.headers == ["Name", "Name (2)", "Amount"]


def test_xls_from_old_excel(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("商机")
    ws.write(0, 0, "导出时间 2026-03")  # a title row above the table
    for col, heading in enumerate(["客户名称", "商机名称", "金额（万元）", "预计成交日期"]):
        ws.write(2, col, heading)
    ws.write(3, 0, "恒锐精密")
    ws.write(3, 1, "排产系统")
    ws.write(3, 2, 120)
    ws.write(3, 3, dt.datetime(2026, 3, 4), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    path = tmp_path / "deals.xls"
    book.save(str(path))
    table = open_table(path)
    assert (table.kind, table.header_row, table.headers) == ("xls", 3, ["客户名称", "商机名称", "金额（万元）", "预计成交日期"])
    (number, record), = list(table.records())
    assert number == 4 and record["商机名称"] == "排产系统" and record["金额（万元）"] == 120
    assert record["预计成交日期"] in (dt.date(2026, 3, 4), dt.datetime(2026, 3, 4))
