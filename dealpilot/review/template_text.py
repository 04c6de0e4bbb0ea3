"""What the review's templates call: the power map legend and the Markdown export's filters."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from markupsafe import Markup

from dealpilot.engine.markdown_text import inline
from dealpilot.review import labels as lb


def power_map_legend() -> Markup:
    """The legend's HTML in the page's language: colour + icon + word for attitude, border for
    access."""
    from django.template.loader import render_to_string

    legend = lb.legend(lb.lang_of(get_language()))
    return Markup(render_to_string("review/_power_map_legend.html", {"legend": legend}))


def md(value: Any) -> str:
    """User text on one Markdown line: no line breaks, links, images or raw HTML (the engine's rule)."""
    return inline(value)


def ratio_percent(value: Any) -> str:
    return "—" if value is None else f"{float(value) * 100:.0f}%"
