"""Reading the tables teams really export: CSV with a sniffed delimiter and encoding, or Excel.

Every cell is read as text; `columns.py` decides what each column is. Reading text first keeps
"007" an id and lets the type inference see exactly what the export holds.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from dealpilot.learn.errors import LearnError

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
DELIMITERS = (",", ";", "\t")
# GB18030 is a superset of GBK, so one attempt covers both; UTF-8 first because a GBK byte
# sequence is almost never valid UTF-8, while the reverse is often "valid" GB18030 mojibake.
ENCODINGS = ("utf-8-sig", "gb18030")


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the encoding that read it."""
    for enc in ENCODINGS:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        name = "utf-8-bom" if enc == "utf-8-sig" and raw.startswith(b"\xef\xbb\xbf") else enc
        return text, "utf-8" if name == "utf-8-sig" else name
    raise LearnError("无法识别文件编码（支持 UTF-8、带 BOM 的 UTF-8、GBK/GB18030）",
                     "cannot tell the file's encoding (UTF-8 with or without BOM, GBK/GB18030 are supported)")


def sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        # The sniffer gives up on ragged samples: fall back to the delimiter that splits the
        # header line into the most fields.
        header = text.splitlines()[0] if text else ""
        return max(DELIMITERS, key=header.count)


def read_table(path: str | Path) -> tuple[pd.DataFrame, dict[str, str]]:
    """The table as text cells (empty cells are NA), and how it was read."""
    p = Path(path)
    if not p.is_file():
        raise LearnError(f"找不到文件：{p}", f"no such file: {p}")
    if p.suffix.lower() in EXCEL_SUFFIXES:
        try:
            frame = pd.read_excel(p, dtype=str, engine=None)
        except Exception as exc:  # openpyxl raises many types for a broken workbook
            raise LearnError(f"无法读取 Excel 文件 {p.name}：{exc}",
                             f"cannot read the Excel file {p.name}: {exc}") from None
        info = {"format": "excel", "encoding": "-", "delimiter": "-"}
    else:
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise LearnError(f"无法读取 {p}：{exc.strerror}", f"cannot read {p}: {exc.strerror}") from None
        if b"\x00" in raw[:4096]:
            raise LearnError(f"{p.name} 不是文本表格（CSV）或 Excel 文件",
                             f"{p.name} is not a text table (CSV) or an Excel file")
        text, encoding = decode(raw)
        if not text.strip():
            raise LearnError(f"{p.name} 是空文件", f"{p.name} is empty")
        delimiter = sniff_delimiter(text)
        try:
            frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                                skipinitialspace=True)
        except (pd.errors.ParserError, ValueError) as exc:
            raise LearnError(f"无法解析 {p.name}：{exc}", f"cannot parse {p.name}: {exc}") from None
        info = {"format": "csv", "encoding": encoding, "delimiter": {"\t": "tab"}.get(delimiter, delimiter)}
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.apply(lambda s: s.str.strip() if s.dtype == object else s)
    frame = frame.replace({"": pd.NA})
    if frame.empty or len(frame.columns) < 2:
        raise LearnError(f"{p.name} 没有可用的数据行或列", f"{p.name} has no usable rows or columns")
    return frame, info
