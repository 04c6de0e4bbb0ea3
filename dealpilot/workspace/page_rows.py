"""Template functions that write the workspace's repeated rows in one go (see answer_html for
why): `checklist_rows`, `checklist_row`, `fact_table`, `fact_rows`, `stakeholder_rows`, `stakeholder_row`,
`add_button`."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from jinja2 import pass_context
from markupsafe import Markup

from dealpilot.web import links
from dealpilot.web.csrf import csrf as request_csrf
from dealpilot.workspace import fact_html
from dealpilot.workspace.answer_html import escaped_labels, hidden_fields, row_html


def _shared(context: Any) -> tuple[dict[str, str], str, str, dict[str, str]]:
    """Labels, CSRF field and version: the same for every row of a response, worked out once
    per request (a deal page writes a dozen tables) and per version shown."""
    request, version = context.get("request"), str(context.get("version", ""))
    memo = getattr(request, "_dealpilot_rows", None) if request is not None else None
    if memo is not None and memo[0] == version:
        return memo[1]
    labels = escaped_labels(context.get("labels") or {})
    csrf = str(request_csrf(request)[1])
    shared = (labels, csrf, version, {**labels, "csrf": csrf, "version": version})
    if request is not None:
        request._dealpilot_rows = (version, shared)
    return shared


@pass_context
def checklist_rows(context: Any, rows: list[dict[str, Any]]) -> SafeString:
    labels, csrf, version, _all = _shared(context)
    hidden = hidden_fields(csrf, version)
    return mark_safe("\n".join(row_html(row, labels, hidden) for row in rows))


@pass_context
def checklist_row(context: Any, row: dict[str, Any]) -> SafeString:
    """One row, with the conflict or error notice a save may carry back."""
    if not row:
        return mark_safe("")
    labels, csrf, version, _all = _shared(context)
    notice = ""
    if context.get("conflict") or (row.get("form") is not None and row["form"].errors):
        notice = render_to_string("workspace/_answer_notice.html", dict(context.get_all()))
    return row_html(row, labels, hidden_fields(csrf, version), notice)


def add_button(slot: str, add_url: str, label: str) -> Markup:
    """A section's "+ Add …" button and the empty slot its form is loaded into."""
    return Markup('<div id="%s"></div>\n<button class="dp-add" hx-get="%s" hx-target="#%s" hx-swap="outerHTML">+ %s</button>'
                  ) % (slot, add_url, slot, label)


@pass_context
def fact_table(context: Any, kind: str, items: Any, headers: list[str], num_column: int | None = None,
               empty: str = "", add_label: str = "") -> Markup:
    """One fact list of a section: its table (or, when empty, what to ask) and its Add button.
    `kind` as in the row URLs; `num_column` is the index of a column of amounts."""
    rows = fact_rows(context, kind, items)
    if rows:
        head = "".join(Markup('<th class="num">%s</th>' if i == num_column else "<th>%s</th>") % h
                       for i, h in enumerate(headers))
        table = Markup('<table class="dp-table"><thead><tr>%s<th></th></tr></thead><tbody>\n%s\n</tbody></table>'
                       ) % (Markup(head), rows)
    else:
        table = Markup('<p class="dp-empty">%s</p>') % empty
    new = links.request_url(context.get("request"), "workspace_row_new", context["deal"].pk, kind)
    return table + Markup("\n    ") + add_button(f"form-{kind}-new", new, add_label)


@pass_context
def fact_rows(context: Any, kind: str, rows: Any) -> SafeString:
    """The rows of one fact table (`kind` as in the row URLs: pains, value, …)."""
    return fact_html.fact_rows(context["deal"], kind, list(rows), _shared(context)[3])


@pass_context
def stakeholder_rows(context: Any, people: Any) -> SafeString:
    return fact_html.stakeholder_rows(context["deal"], list(people), _shared(context)[3])


@pass_context
def stakeholder_row(context: Any, person: Any) -> SafeString:
    """One person's row, as a save or Cancel answers it."""
    if person is None:
        return mark_safe("")
    return fact_html.stakeholder_row(context["deal"], person, _shared(context)[3], oob=bool(context.get("oob")))
