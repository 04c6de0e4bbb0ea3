"""Reading a CSV, XLSX or XLS file as rows of cells, streamed: the sheet, its header row, then
the data rows one at a time (a 100,000-row file is never held in memory as a whole).

CSV encodings: a BOM decides (UTF-8, UTF-16 — Excel's "Unicode text" is UTF-16 with tabs);
otherwise UTF-8 if the start of the file is valid UTF-8, else charset-normalizer's best guess
(GBK is read as GB18030, its superset). The delimiter is the candidate that splits the first
lines into the same number of cells most often.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dealpilot.imports.problems import ReadError, noop

SAMPLE_BYTES = 256 * 1024
HEADER_SCAN_ROWS = 30
DELIMITERS = (",", "\t", ";", "|")
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "big5": "big5hkscs",
              "ascii": "utf-8"}
# csv's default cap is 128 KiB per cell; a long notes column in a CRM export can pass it.
csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class Table:
    path: Path
    kind: str  # "csv", "xlsx" or "xls"
    sheets: list[str]
    sheet: str
    header_row: int  # 1-based, as a spreadsheet numbers rows
    headers: list[str]
    encoding: str = ""
    delimiter: str = ""
    first_rows: list[list[Any]] = field(default_factory=list)  # the top of the sheet, for choosing

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(row number, cells) for every non-empty row below the header row."""
        for number, cells in _raw_rows(self):
            if number > self.header_row and any(_filled(c) for c in cells):
                yield number, cells

    def records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row number, {heading: cell}) — headings as read, duplicates made unique (`Name (2)`)."""
        width = len(self.headers)
        for number, cells in self.rows():
            if len(cells) < width:
                cells = [*cells, *[""] * (width - len(cells))]
            yield number, dict(zip(self.headers, cells, strict=False))


def open_table(path: str | Path, filename: str = "", sheet: str | None = None,
               header_row: int | None = None) -> Table:
    """The file's table with the sheet and header row detected (or as given); ReadError when the
    file cannot be read at all."""
    path = Path(path)
    kind = _kind(path, filename or path.name)
    if kind == "csv":
        encoding, delimiter = _csv_format(path)
        table = Table(path, kind, [""], "", 1, [], encoding, delimiter)
    else:
        sheets = _sheet_names(path)
        chosen = sheet if sheet in sheets else _first_sheet_with_data(path, sheets)
        table = Table(path, kind, sheets, chosen, 1, [])
    top = []
    for _n, cells in _raw_rows(table):
        top.append(cells)
        if len(top) >= HEADER_SCAN_ROWS:
            break
    table.first_rows = top
    if header_row is None:
        header_row = detect_header_row(top)
    if not 1 <= header_row <= max(len(top), 1):
        raise ReadError(noop("Row %(row)s is not among the first rows of the sheet."), row=header_row)
    if not top:
        raise ReadError(noop("The file has no rows."))
    table.header_row = header_row
    table.headers = unique_headings(top[header_row - 1])
    if not any(table.headers):
        raise ReadError(noop("The header row is empty."))
    return table


def detect_header_row(rows: list[list[Any]]) -> int:
    """The first row with the most text cells: a title line above the table has fewer."""
    best, best_score = 1, -1
    for n, cells in enumerate(rows, start=1):
        score = sum(1 for c in cells if isinstance(c, str) and c.strip() and not _numberish(c))
        if score > best_score:
            best, best_score = n, score
    return best


def unique_headings(cells: list[Any]) -> list[str]:
    out: list[str] = []
    seen: Counter[str] = Counter()
    for n, cell in enumerate(cells, start=1):
        name = _cell_text(cell).strip().replace("\ufeff", "") or f"#{n}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    while out and out[-1].startswith("#"):
        out.pop()
    return out


# --- kinds ---------------------------------------------------------------------------------

_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _kind(path: Path, filename: str) -> str:
    with path.open("rb") as f:
        head = f.read(8)
    if not head:
        raise ReadError(noop("The file is empty."))
    if head.startswith(_ZIP):
        return "xlsx"
    if head.startswith(_OLE):
        return "xls"
    if filename.lower().endswith((".xlsx", ".xls", ".xlsm")):
        raise ReadError(noop("The file is named like an Excel workbook but is not one."))
    return "csv"


# --- CSV -----------------------------------------------------------------------------------


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _is_utf8(sample):
        return "utf-8"
    if b"\x00" in sample[:4096] and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a BOM: every other byte of ASCII text is zero.
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise ReadError(noop("The file's text encoding could not be recognised. Save it as CSV UTF-8 "
                             "(or as an Excel workbook) and upload it again."))
    name = best.encoding.lower().replace("_", "")
    return _SUPERSETS.get(name, best.encoding)


def _is_utf8(sample: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=len(sample) < SAMPLE_BYTES)
    except UnicodeDecodeError:
        return False
    return True


def detect_delimiter(lines: list[str]) -> str:
    best, best_key = ",", (0, 0)
    for d in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=d))) for line in lines if line.strip()]
        if not counts:
            continue
        width, agree = Counter(counts).most_common(1)[0]
        key = (agree if width > 1 else 0, width)
        if key > best_key:
            best, best_key = d, key
    return best


def _csv_format(path: Path) -> tuple[str, str]:
    with path.open("rb") as f:
        sample = f.read(SAMPLE_BYTES)
    encoding = detect_encoding(sample)
    text = sample.decode(encoding, errors="ignore")
    lines = text.splitlines()[:20]
    if len(sample) == SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the sample may end mid-line
    return encoding, detect_delimiter(lines)


def _csv_rows(table: Table) -> Iterator[tuple[int, list[Any]]]:
    with table.path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding=table.encoding, newline="")
        reader = csv.reader(text, delimiter=table.delimiter)
        n = 0
        try:
            for n, cells in enumerate(reader, start=1):  # noqa: B007 - n is reported on error
                yield n, cells
        except UnicodeDecodeError:
            raise ReadError(noop("Row %(row)s cannot be read as %(encoding)s text; the file mixes "
                                 "encodings. Save it again as CSV UTF-8."),
                            row=n + 1, encoding=table.encoding) from None
        except csv.Error as exc:
            raise ReadError(noop("Row %(row)s is not valid CSV: %(reason)s"), row=n + 1, reason=str(exc)) from None


# --- Excel ---------------------------------------------------------------------------------


def _workbook(path: Path) -> Any:
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own errors for damaged or encrypted files
        raise ReadError(noop("The workbook cannot be opened: %(reason)s"), reason=str(exc)) from None


def _sheet_names(path: Path) -> list[str]:
    names = list(_workbook(path).sheet_names)
    if not names:
        raise ReadError(noop("The workbook has no sheets."))
    return names


def _first_sheet_with_data(path: Path, sheets: list[str]) -> str:
    wb = _workbook(path)
    for name in sheets:
        sheet = wb.get_sheet_by_name(name)
        if sheet.height > 1 or sheet.width > 1:
            return name
    return sheets[0]


def _excel_rows(table: Table) -> Iterator[tuple[int, list[Any]]]:
    sheet = _workbook(table.path).get_sheet_by_name(table.sheet)
    # calamine numbers from the first used cell; a sheet whose table starts lower has blank rows above.
    first = (sheet.start or (0, 0))[0] + 1
    for n, cells in enumerate(sheet.iter_rows(), start=first):
        yield n, list(cells)


def _raw_rows(table: Table) -> Iterator[tuple[int, list[Any]]]:
    return _csv_rows(table) if table.kind == "csv" else _excel_rows(table)


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _filled(cell: Any) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _numberish(text: str) -> bool:
    t = text.strip().replace(",", "").replace("-", "").replace("/", "").replace(".", "")
    return t.isdigit()
