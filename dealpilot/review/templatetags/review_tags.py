"""Template tags for the power map legend and the Markdown export."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from dealpilot.review import labels as lb

register = template.Library()


@register.inclusion_tag("review/_power_map_legend.html")
def power_map_legend() -> dict[str, Any]:
    """The legend in the page's language: colour + icon + word for attitude, border for access."""
    return {"legend": lb.legend(lb.lang_of(get_language()))}


@register.filter
def md(value: Any) -> str:
    """User text on one Markdown line: no line breaks, no table pipes, no raw HTML."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


@register.filter
def ratio_percent(value: Any) -> str:
    return "—" if value is None else f"{float(value) * 100:.0f}%"
