"""Template filters: money and scores formatted for the active language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from dealpilot.web.money import money as money_text
from dealpilot.web.money import score_band as band

register = template.Library()

@register.filter
def money(amount: Any, currency: str = "CNY") -> str:
    return money_text(amount, currency)


@register.filter
def score_band(score: Any) -> str:
    return band(score)


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
