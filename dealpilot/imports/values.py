"""Cell values as a CRM export writes them: amounts (`¥1,200,000`, `120万`, full-width digits),
dates (`2026/3/4`, `2026-03-04`, `2026年3月4日`, Excel serials) and lists (`A、B; C`).

Each parser returns the value or raises ValueError with a message id (see problems.noop).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from dealpilot.imports.problems import noop

WAN = Decimal(10_000)
YI = Decimal(100_000_000)
_MONEY_LIMIT = Decimal("1e16")  # the database's amount columns: 18 digits, 2 decimals
_CURRENCY_SIGNS = {"¥": "CNY", "￥": "CNY", "$": "USD", "€": "EUR", "£": "GBP", "元": "CNY", "RMB": "CNY"}
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01, with Excel's 1900 leap-year bug
_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")  # Salesforce US exports: month/day/year


def text(cell: Any) -> str:
    """A cell as text, trimmed; whole numbers from Excel without their `.0`."""
    if type(cell) is str:  # nearly every cell: ASCII needs no width folding
        return cell.strip() if cell.isascii() else unicodedata.normalize("NFKC", cell).strip()
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return unicodedata.normalize("NFKC", str(cell)).strip()


def amount(cell: Any, unit: Decimal = Decimal(1)) -> tuple[Decimal | None, str]:
    """(amount in the currency's units, currency named in the cell or ""). `unit` is 10,000 for a
    column headed 万元; a `万` or `亿` in the cell itself wins over the column's unit."""
    if isinstance(cell, bool):
        raise ValueError(noop("is not an amount"))
    if isinstance(cell, (int, float, Decimal)):
        value, currency = Decimal(str(cell)), ""
    else:
        raw = text(cell)
        if not raw or raw in ("-", "—"):
            return None, ""
        value, currency, unit = _amount_text(raw, unit)
    try:
        result = (value * unit).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueError(noop("is too large")) from None
    if not result.is_finite() or abs(result) >= _MONEY_LIMIT:
        raise ValueError(noop("is too large"))
    if result < 0:
        raise ValueError(noop("is negative"))
    return result, currency


def _amount_text(raw: str, unit: Decimal) -> tuple[Decimal, str, Decimal]:
    currency = ""
    s = raw.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("万元", "万").replace("亿元", "亿")
    for sign, code in _CURRENCY_SIGNS.items():
        if sign in s:
            s, currency = s.replace(sign, ""), code
    m = re.fullmatch(r"([A-Za-z]{3})?([-+]?\d+(?:\.\d+)?)(万元|万|亿元|亿|[kK]|[mM])?([A-Za-z]{3})?", s)
    if not m:
        raise ValueError(noop("is not an amount"))
    code = (m.group(1) or m.group(4) or "").upper()
    suffix = m.group(3) or ""
    if suffix.startswith("万"):
        unit = WAN
    elif suffix.startswith("亿"):
        unit = YI
    elif suffix in ("k", "K"):
        unit = Decimal(1000)
    elif suffix in ("m", "M"):
        unit = Decimal(1_000_000)
    return Decimal(m.group(2)), code or currency, unit


def date(cell: Any) -> dt.date | None:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return _serial(cell)
    raw = text(cell)
    if not raw:
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.match(raw)
        if m:
            return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY.match(raw)
    if m:
        return _ymd(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    if re.fullmatch(r"\d{5}(?:\.\d+)?", raw):
        return _serial(float(raw))
    raise ValueError(noop("is not a date (write it as 2026-03-04)"))


def _ymd(y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise ValueError(noop("is not a date of the calendar")) from None


def _serial(number: float) -> dt.date:
    if not 1 <= number < 2_958_466:  # Excel's last day is 9999-12-31
        raise ValueError(noop("is not a date (write it as 2026-03-04)"))
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


def items(cell: Any) -> list[str]:
    """A list written in one cell: `甲公司、乙公司`, `A; B`, `A, B`, one per line."""
    raw = text(cell)
    return [p.strip() for p in re.split(r"[、;；,，\n|/]", raw) if p.strip()] if raw else []


def key(value: str) -> str:
    """How value tables and headings compare: width-folded, case-folded, spaces and marks dropped."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    return re.sub(r"[\s_\-./:：()（）\[\]【】*#]+", "", folded)
