"""Tags that write the workspace's repeated rows in one go (see answer_html for why)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from dealpilot.workspace.answer_html import csrf_input, escaped_labels, row_html

register = template.Library()


def _shared(context: Any) -> tuple[dict[str, str], str, Any]:
    """Labels, CSRF field and version: the same for every row, worked out once per render."""
    cache = context.render_context
    if "workspace_rows" not in cache:
        cache["workspace_rows"] = (escaped_labels(context.get("labels") or {}),
                                   csrf_input(context.get("csrf_token")), context.get("version", ""))
    return cache["workspace_rows"]


@register.simple_tag(takes_context=True)
def checklist_rows(context: Any, rows: list[dict[str, Any]]) -> SafeString:
    labels, csrf, version = _shared(context)
    return mark_safe("\n".join(row_html(row, labels, csrf, version) for row in rows))


@register.simple_tag(takes_context=True)
def checklist_row(context: Any, row: dict[str, Any]) -> SafeString:
    """One row, with the conflict or error notice a save may carry back."""
    if not row:
        return mark_safe("")
    labels, csrf, version = _shared(context)
    notice = ""
    if context.get("conflict") or (row.get("form") is not None and row["form"].errors):
        notice = render_to_string("workspace/_answer_notice.html", context.flatten())
    return row_html(row, labels, csrf, version, notice)
