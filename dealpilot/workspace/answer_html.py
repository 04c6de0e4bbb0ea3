"""One checklist row's markup, built in Python.

The checklist has dozens of rows of a dozen values each; through the template engine that was
most of the page's time (every variable is a lookup, a localisation and an escape). Here each
value is escaped once and the row is one string. The page and the save's answer both come from
`row_html`, so the two cannot drift apart; the rare conflict and error notices stay a template.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from markupsafe import (
    escape as conditional_escape,  # C speed; leaves safe strings alone, as Django's does
)

STATUSES = (("yes", "✓"), ("partly", "◐"), ("no", "✗"), ("unknown", "?"))


def _segments(status: str, labels: dict[str, str]) -> str:
    written = labels.get(f"status:{status}")  # see escaped_labels
    return written if written is not None else _segments_for(status, tuple(labels[v] for v, _m in STATUSES))


@lru_cache(maxsize=64)
def _segments_for(status: str, words: tuple[str, ...]) -> str:
    """The status control: four choices, the current one checked (a handful of variants per language)."""
    return "".join(
        f'<label class="dp-seg-{value}"><input type="radio" name="status" value="{value}"'
        f'{" checked" if status == value else ""}><span>{mark} {word}</span></label>'
        for (value, mark), word in zip(STATUSES, words, strict=True))


@lru_cache(maxsize=4096)
def _frame(rid: str, text: str, hint: str, status: str, placeholder: str, evidence: str) -> tuple[str, str, str]:
    """What a row's markup owes only to its criterion and the language, escaped once: the
    anchor, the criterion's sentence up to the status control, the evidence box up to its value."""
    e = conditional_escape
    hint_text = f" — {e(hint)}" if hint else ""
    return (str(e(rid)),
            f'      <span class="dp-crit-text">{e(text)}</span>\n'
            f'      <fieldset class="dp-seg" aria-label="{status}">',
            f'      <textarea name="evidence" rows="1" placeholder="{placeholder}{hint_text}" aria-label="{evidence}">')


def hidden_fields(csrf: str, version: Any) -> str:
    """The CSRF field and the version the edit is based on: the same for every row of a response."""
    return f'{csrf}<input type="hidden" name="version" value="{conditional_escape(version)}">'


def row_html(row: dict[str, Any], labels: dict[str, str], hidden: str, notice: str = "") -> SafeString:
    """`labels` come escaped (escaped_labels), `hidden` from hidden_fields; every value of the row
    is escaped here (the credit is our own number)."""
    e = conditional_escape
    rid, head, box = _frame(row["id"], row["text"], row["hint"], labels["status"], labels["placeholder"],
                            labels["evidence"])
    action = e(row["action"])
    credit = f'<span class="dp-credit" title="{e(row["reasons"])}">{row["credit"]}</span>' if row["credit"] else ""
    return mark_safe(
        f'<div class="dp-crit dp-crit-{e(row["status"])}" id="answer-{rid}">\n'
        f'  <form method="post" action="{action}" hx-post="{action}" hx-target="#answer-{rid}" hx-swap="outerHTML" novalidate>\n'
        f'    {hidden}\n'
        f'    <div class="dp-crit-head">\n'
        f'{head}{_segments(row["status"], labels)}</fieldset>\n'
        f'      {credit}\n'
        f'    </div>\n'
        f'    {notice}\n'
        f'    <div class="dp-crit-body">\n'
        f'{box}{e(row["evidence"])}</textarea>\n'
        f'      <select name="source" aria-label="{labels["source"]}"><option value="">{labels["pick_source"]}</option>{row["options"]}</select>\n'
        f'      <input type="date" name="date" aria-label="{labels["date"]}" value="{e(row["date"])}">\n'
        f'      <button type="submit" class="dp-save">{labels["save"]}</button>\n'
        f'    </div>\n'
        f'  </form>\n'
        f'</div>')


def escaped_labels(labels: dict[str, str]) -> dict[str, str]:
    """The labels escaped, plus the status control for each status under "status:<value>"."""
    out = {k: str(conditional_escape(v)) for k, v in labels.items()}
    if all(value in out for value, _mark in STATUSES):
        words = tuple(out[value] for value, _mark in STATUSES)
        out.update({f"status:{value}": _segments_for(value, words) for value, _mark in STATUSES})
    return out
