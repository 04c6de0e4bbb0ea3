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
    return _segments_for(status, tuple(labels[value] for value, _mark in STATUSES))


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


def row_html(row: dict[str, Any], labels: dict[str, str], csrf: str, version: Any, notice: str = "") -> SafeString:
    """`labels` come escaped (escaped_labels); every value of the row is escaped here."""
    e = conditional_escape
    rid, head, box = _frame(row["id"], row["text"], row["hint"], labels["status"], labels["placeholder"],
                            labels["evidence"])
    action = e(row["action"])
    credit = f'<span class="dp-credit" title="{e(row["reasons"])}">{e(row["credit"])}</span>' if row["credit"] else ""
    return mark_safe(
        f'<div class="dp-crit dp-crit-{e(row["status"])}" id="answer-{rid}">\n'
        f'  <form method="post" action="{action}" hx-post="{action}" hx-target="#answer-{rid}" hx-swap="outerHTML" novalidate>\n'
        f'    {csrf}<input type="hidden" name="version" value="{e(version)}">\n'
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
    return {k: str(conditional_escape(v)) for k, v in labels.items()}
