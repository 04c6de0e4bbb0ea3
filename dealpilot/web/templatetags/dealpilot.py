"""Template filters: money and scores formatted for the active language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

register = template.Library()

_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "JP¥", "HKD": "HK$"}


@register.filter
def money(amount: Any, currency: str = "CNY") -> str:
    """`¥1,200,000` — whole units, grouped for the language; other currencies keep their code."""
    if amount in (None, ""):
        return "—"
    value = Decimal(str(amount))
    digits = 0 if value == value.to_integral_value() else 2
    text = number_format(value, decimal_pos=digits, use_l10n=True, force_grouping=True)
    symbol = _SYMBOLS.get(currency or "CNY")
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


@register.filter
def score_band(score: Any) -> str:
    """red < 40 ≤ amber < 70 ≤ green (PRODUCT.md: colour means one thing everywhere)."""
    if score is None:
        return "none"
    if score < 40:
        return "low"
    if score < 70:
        return "mid"
    return "high"


@register.filter
def lang_text(text: Any) -> str:
    """An engine Text (zh/en) in the active language."""
    if text is None:
        return ""
    lang = "en" if (get_language() or "").startswith("en") else "zh"
    getter = getattr(text, "get", None)
    if callable(getter):
        return str(getter(lang))
    return str(text)
