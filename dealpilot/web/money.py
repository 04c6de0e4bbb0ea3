"""Money and score display, formatted for the active language."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.formats import get_format

SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "JP¥", "HKD": "HK$"}


def money_formatter() -> Callable[[Any, str], str]:
    """A function formatting amounts with the active language's separators (looked up once)."""
    # Django's zh-Hans format has no thousands separator; amounts in Chinese business use ",".
    thousands = str(get_format("THOUSAND_SEPARATOR")) or ","
    decimal = str(get_format("DECIMAL_SEPARATOR"))

    def fmt(amount: Any, currency: str = "CNY") -> str:
        if amount in (None, ""):
            return "—"
        value = Decimal(str(amount))
        text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
        text = text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)
        symbol = SYMBOLS.get(currency or "CNY")
        return f"{symbol}{text}" if symbol else f"{text} {currency}"

    return fmt


def money(amount: Any, currency: str = "CNY") -> str:
    """`¥1,200,000` — grouped for the language; currencies without a symbol keep their code."""
    return money_formatter()(amount, currency)


def score_band(score: Any) -> str:
    """red < 40 ≤ amber < 70 ≤ green (PRODUCT.md: colour means one thing everywhere)."""
    if score is None:
        return "none"
    if score < 40:
        return "low"
    if score < 70:
        return "mid"
    return "high"
