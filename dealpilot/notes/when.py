"""Reading dates in a note relative to the day of the activity: 下周三, 月底, Q3, 3月15日,
2026-03-15, next Wednesday, end of the month, March 15."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from dealpilot.notes.money import chinese_number

_WEEKDAY_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_WEEKDAY_EN = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH_EN = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH_EN.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_CN = "一二三四五六七八九十两"

_ISO = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?")
_MD_ZH = re.compile(rf"(\d{{1,2}}|[{_CN}]{{1,3}})月(?:(\d{{1,2}}|[{_CN}]{{1,3}})[日号])?(?P<rel>底|初|中旬|上旬|下旬)?")
_WEEK_ZH = re.compile(r"(下下|下个?|这个?|本|上个?)?(?:周|星期|礼拜)([一二三四五六日天末])")
_REL_ZH = re.compile(r"(今天|明天|后天|昨天|前天|月底|月初|下个?月底|下个?月初?|下个?月|年底|年前|年初|明年|下周|下礼拜|下星期)")
_QUARTER = re.compile(r"(?:\b[Qq]([1-4])\b|[Qq]([1-4])|第?([一二三四1-4])季度)")
_WEEK_EN = re.compile(r"\b(next|this|coming)?\s*(" + "|".join(_WEEKDAY_EN) + r")\b", re.IGNORECASE)
_MD_EN = re.compile(r"\b(?:(" + "|".join(sorted(_MONTH_EN, key=len, reverse=True)) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?"
                    r"|(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(sorted(_MONTH_EN, key=len, reverse=True)) + r"))\b",
                    re.IGNORECASE)
_REL_EN = re.compile(r"\b(today|tomorrow|yesterday|next week|next month|end of (?:the |this )?month|"
                     r"end of (?:the |this )?year|year[- ]end|month[- ]end)\b", re.IGNORECASE)


def _small(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    value = chinese_number(raw.replace("两", "二"))
    return int(value) if value else None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, n: int) -> tuple[int, int]:
    m = day.month - 1 + n
    return day.year + m // 12, m % 12 + 1


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _forward(day: dt.date | None, base: dt.date) -> dt.date | None:
    """A month and day without a year: this year's, or next year's when that is long past."""
    if day is not None and (base - day).days > 180:
        return _safe(day.year + 1, day.month, day.day)
    return day


def _weekday(base: dt.date, which: str | None, weekday: int) -> dt.date:
    monday = base - dt.timedelta(days=base.weekday())
    weeks = {"下下": 2, "下": 1, "下个": 1, "next": 1, "上": -1, "上个": -1}.get((which or "").lower(), 0)
    target = monday + dt.timedelta(weeks=weeks, days=weekday)
    if weeks == 0 and (which or "").lower() in ("", "coming") and target < base:
        target += dt.timedelta(weeks=1)  # "周五" said on a Saturday means the coming one
    return target


def _quarter_end(base: dt.date, q: int) -> dt.date:
    year = base.year + (1 if q * 3 < base.month else 0)  # a quarter already over means next year's
    return _month_end(year, q * 3)


def read_dates(text: str, base: dt.date) -> list[dt.date]:
    """Every date the text names, read relative to `base` (the activity's day), in text order."""
    found: list[tuple[int, dt.date]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], day: dt.date | None) -> None:
        if day is not None and not any(a < m.end() and m.start() < b for a, b in taken):
            found.append((m.start(), day))
            taken.append(m.span())

    for m in _ISO.finditer(text):
        add(m, _safe(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in _MD_ZH.finditer(text):
        month, dom = _small(m.group(1)), _small(m.group(2)) if m.group(2) else None
        if month is None or not 1 <= month <= 12:
            continue
        rel = m.group("rel")
        if dom is None and rel is None:
            continue  # "三个月" / "5月" alone: too vague to date
        if dom is None:
            dom = {"底": calendar.monthrange(base.year, month)[1], "初": 1, "上旬": 5, "中旬": 15, "下旬": 25}[rel]
        add(m, _forward(_safe(base.year, month, dom), base))
    for m in _WEEK_ZH.finditer(text):
        add(m, _weekday(base, (m.group(1) or "").rstrip("这本"), _WEEKDAY_ZH[m.group(2)]))
    for m in _REL_ZH.finditer(text):
        word = m.group(1)
        y1, m1 = _add_months(base, 1)
        day: dt.date | None = {
            "今天": base, "明天": base + dt.timedelta(days=1), "后天": base + dt.timedelta(days=2),
            "昨天": base - dt.timedelta(days=1), "前天": base - dt.timedelta(days=2),
            "月底": _month_end(base.year, base.month), "月初": base.replace(day=1),
            "年底": dt.date(base.year, 12, 31), "年前": dt.date(base.year, 12, 31), "年初": dt.date(base.year, 1, 1),
            "明年": dt.date(base.year + 1, 1, 1),
        }.get(word)
        if day is None and word.startswith("下") and "月" in word:
            day = _month_end(y1, m1) if word.endswith("底") else dt.date(y1, m1, 1)
        if day is None and word in ("下周", "下礼拜", "下星期"):
            day = _weekday(base, "下", 0)
        add(m, day)
    for m in _QUARTER.finditer(text):
        q = m.group(1) or m.group(2) or m.group(3)
        add(m, _quarter_end(base, int(q) if q.isdigit() else _small(q) or 1))
    for m in _MD_EN.finditer(text):
        month = _MONTH_EN[(m.group(1) or m.group(4)).lower()]
        add(m, _forward(_safe(base.year, month, int(m.group(2) or m.group(3))), base))
    for m in _WEEK_EN.finditer(text):
        add(m, _weekday(base, m.group(1), _WEEKDAY_EN[m.group(2).lower()]))
    for m in _REL_EN.finditer(text):
        word = m.group(1).lower()
        y1, m1 = _add_months(base, 1)
        day = None
        if word == "today":
            day = base
        elif word == "tomorrow":
            day = base + dt.timedelta(days=1)
        elif word == "yesterday":
            day = base - dt.timedelta(days=1)
        elif word == "next week":
            day = _weekday(base, "next", 0)
        elif word == "next month":
            day = dt.date(y1, m1, 1)
        elif "month" in word:
            day = _month_end(base.year, base.month)
        else:
            day = dt.date(base.year, 12, 31)
        add(m, day)
    return [d for _, d in sorted(found)]
