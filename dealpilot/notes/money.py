"""Reading amounts of money in a note: 300 万, 3M, 三百万元, 1.2亿, ¥800,000, $2.5 million, 200k."""

from __future__ import annotations

import re

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_NUM = "零〇一二两三四五六七八九十百千"

_ZH = re.compile(
    rf"(?P<num>\d[\d,]*(?:\.\d+)?|[{_CN_NUM}]+(?:[点.][{_CN_NUM}]+)?)\s*"
    r"(?P<unit>亿|万|千)?\s*(?P<cur>元|块|人民币|美元|美金)?")
_EN = re.compile(
    r"(?P<cur>[$¥￥]|\b(?:RMB|CNY|USD|US\$)\s?)?(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<unit>k|K|m|M|mn|MM|million|bn|billion|thousand)?\b", re.IGNORECASE)
_EN_UNITS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mm": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def chinese_number(text: str) -> float | None:
    """三百万 → 3000000, 十二 → 12, 一千五 → 1500 (a trailing digit takes the next unit down)."""
    if "点" in text or "." in text:
        whole, _, frac = re.split("([点.])", text, maxsplit=1)
        w = chinese_number(whole) if whole else 0
        digits = "".join(str(_DIGIT[c]) for c in frac if c in _DIGIT)
        return None if w is None or not digits else w + float("0." + digits)
    total, section, digit, last_unit = 0.0, 0.0, None, 1
    for ch in text:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in _SMALL:
            unit = _SMALL[ch]
            section += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        elif ch in _BIG:
            total += (section + (digit or 0)) * _BIG[ch]
            section, digit, last_unit = 0.0, None, _BIG[ch]
        else:
            return None
    if digit is not None:
        section += digit * (last_unit // 10 if last_unit >= 100 and last_unit < 10_000 else 1)
    return total + section


def _number(raw: str) -> float | None:
    if raw[0].isdigit():
        try:
            return float(raw.replace(",", ""))
        except ValueError:
            return None
    return chinese_number(raw)


def read_amounts(text: str) -> list[float]:
    """Every amount of money the text names, in its order. A bare number is not money: it needs
    万/亿/元 (or 千元), a currency sign, or k/M/million."""
    found: list[tuple[int, float]] = []
    taken: list[tuple[int, int]] = []
    for m in _ZH.finditer(text):
        unit, cur = m.group("unit"), m.group("cur")
        if not unit and not cur:
            continue
        if unit == "千" and not cur:
            continue
        value = _number(m.group("num"))
        if value is None or value == 0:
            continue
        if unit:
            value *= {"万": 1e4, "亿": 1e8, "千": 1e3}[unit]
        found.append((m.start(), value))
        taken.append(m.span())
    for m in _EN.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        unit, cur = (m.group("unit") or "").lower(), m.group("cur")
        if not unit and not cur:
            continue
        value = _number(m.group("num"))
        if value is None or value == 0:
            continue
        found.append((m.start(), value * _EN_UNITS.get(unit, 1)))
    return [v for _, v in sorted(found)]
