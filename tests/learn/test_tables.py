"""Exports come in many encodings and delimiters; each must read to the same table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dealpilot.learn.errors import LearnError
from dealpilot.learn.tables import read_table

ROWS = pd.DataFrame({"客户": ["华为", "腾讯", "阿里"], "金额": ["1200", "3400", "560"], "结果": ["赢单", "丢单", "赢单"]})


@pytest.mark.parametrize(("encoding", "sep", "expect_enc", "expect_sep"), [
    ("gbk", ",", "gb18030", ","),
    ("utf-8-sig", ",", "utf-8-bom", ","),
    ("utf-8", ";", "utf-8", ";"),
    ("gb18030", "\t", "gb18030", "tab"),
])
def test_chinese_exports_read_in_any_encoding_and_delimiter(tmp_path: Path, encoding: str, sep: str,
                                                            expect_enc: str, expect_sep: str) -> None:
    path = tmp_path / "deals.csv"
    path.write_bytes(ROWS.to_csv(index=False, sep=sep).encode(encoding))
    frame, info = read_table(path)
    assert list(frame.columns) == ["客户", "金额", "结果"]
    assert frame["客户"].tolist() == ["华为", "腾讯", "阿里"]
    assert info["encoding"] == expect_enc
    assert info["delimiter"] == expect_sep


def test_excel_exports_read(tmp_path: Path) -> None:
    path = tmp_path / "deals.xlsx"
    ROWS.to_excel(path, index=False)
    frame, info = read_table(path)
    assert frame["结果"].tolist() == ["赢单", "丢单", "赢单"]
    assert info["format"] == "excel"


def test_binary_file_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "deals.csv"
    path.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(LearnError) as err:
        read_table(path)
    assert "CSV" in err.value.text("en")


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(LearnError) as err:
        read_table(tmp_path / "nope.csv")
    assert "nope.csv" in err.value.text("zh")
