"""The rows of the deal's fact tables and of the stakeholder table, built in Python.

Same reason as answer_html: through the template engine each row cost a dozen lookups, two
`{% url %}` tags and an include; here a row is a handful of escapes and one string. Every
value is escaped here; `—` stands in for an empty value as `|default:"—"` did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from markupsafe import escape as e

from dealpilot.web.formats import choice_label, short_date
from dealpilot.web.links import url
from dealpilot.web.money import money

DASH = "—"


def _or_dash(value: Any) -> str:
    return str(e(value)) if value else DASH


def _date(value: Any, lang: str) -> str:
    return str(e(short_date(value, language=lang))) if value else DASH


def _name(person: Any) -> str:
    return _or_dash(person.contact.name) if person is not None else DASH


def _display(row: Any, field: str, lang: str) -> str:
    return str(e(choice_label(row, field, lang)))


def _actions(edit_url: str, delete_url: str, section_id: str, shared: dict[str, str]) -> str:
    return (f'<td class="dp-row-actions">\n'
            f'  <button class="dp-link" hx-get="{edit_url}" hx-target="closest tr" hx-swap="outerHTML">{shared["edit"]}</button>\n'
            f'  <form class="dp-inline" method="post" action="{delete_url}" hx-post="{delete_url}" hx-target="#{section_id}" '
            f'hx-swap="outerHTML" hx-confirm="{shared["confirm_remove"]}">{shared["csrf"]}<input type="hidden" '
            f'name="version" value="{shared["version"]}"><button class="dp-link dp-danger">{shared["remove"]}</button></form>\n'
            f'</td>')


def _pain_confirmed(r: Any, lang: str) -> str:
    if r.confirmed_with is None:
        return f'<span class="dp-warn">{e(_("not confirmed"))}</span>'
    when = f" · {_date(r.confirmed_on, lang)}" if r.confirmed_on else ""
    return f"{e(r.confirmed_with.contact.name)}{when}"


def _agreed(r: Any) -> str:
    return f"✓ {e(_('agreed'))}" if r.agreed else f"✗ {e(_('not agreed'))}"


# kind → (section id, cells of row r at position n (from 1) on deal d, in language lang)
CELLS: dict[str, tuple[str, Callable[[Any, int, Any, str], list[str]]]] = {
    "decision_chain": ("field-decision_chain", lambda r, n, d, lang: [
        f"<td>{n}. {e(r.name)}</td>", f"<td>{_name(r.owner)}</td>", f"<td>{_display(r, 'status', lang)}</td>",
        f"<td>{_date(r.due, lang)}</td>"]),
    "competitors": ("field-competitors", lambda r, n, d, lang: [
        f"<td>{e(r.name)}</td>", f"<td>{_display(r, 'position', lang)}</td>", f"<td>{_or_dash(r.strengths)}</td>",
        f"<td>{_or_dash(r.our_differentiation)}</td>"]),
    "milestones": ("field-timeline", lambda r, n, d, lang: [
        f"<td>{e(r.name)}</td>", f"<td>{_date(r.date, lang)}</td>", f"<td>{_display(r, 'status', lang)}</td>"]),
    "pains": ("field-pains", lambda r, n, d, lang: [
        f"<td>{e(r.text)}</td>", f"<td>{_display(r, 'category', lang)}</td>", f"<td>{_name(r.owner)}</td>",
        f"<td>{_pain_confirmed(r, lang)}</td>", f"<td>{_or_dash(r.impact)}</td>"]),
    "value": ("field-value", lambda r, n, d, lang: [
        f"<td>{_name(r.for_stakeholder)}</td>", f"<td>{e(r.metric)}</td>",
        f'<td class="num">{e(money(r.amount, d.currency))}</td>', f"<td>{_or_dash(r.period)}</td>",
        f"<td>{_agreed(r)}</td>"]),
    "mutual_plan": ("field-mutual_plan", lambda r, n, d, lang: [
        f"<td>{e(r.step)}</td>", f"<td>{_name(r.owner)}</td>", f"<td>{_date(r.due, lang)}</td>",
        f"<td>{_display(r, 'status', lang)}</td>"]),
    "objections": ("field-objections", lambda r, n, d, lang: [
        f"<td>{e(r.text)}</td>", f"<td>{_name(r.raised_by)}</td>", f"<td>{_display(r, 'status', lang)}</td>"]),
}


def fact_rows(deal: Any, kind: str, rows: list[Any], shared: dict[str, str]) -> SafeString:
    """`shared` holds the escaped labels, CSRF field and version (see page_rows)."""
    section, cells = CELLS[kind]
    prefix = _prefix("workspace_row", deal.pk, kind)
    lang = get_language() or ""
    out = []
    for n, r in enumerate(rows, 1):
        edit = f"{prefix}{r.pk}/"
        out.append(f'<tr id="{kind}-{r.pk}">{"".join(cells(r, n, deal, lang))}\n'
                   f'{_actions(edit, f"{edit}delete/", section, shared)}\n</tr>')
    return mark_safe("\n".join(out))


def _prefix(name: str, *args: Any) -> str:
    """The URL with the last id left off: one lookup per table, not two per row."""
    return url(name, *args, 1)[: -len("1/")]


def stakeholder_row(deal: Any, p: Any, shared: dict[str, str], prefixes: tuple[str, str] | None = None,
                    oob: bool = False, lang: str | None = None) -> SafeString:
    lang = lang or get_language() or ""
    contact_prefix, person_prefix = prefixes or (_prefix("contact_page"), _prefix("workspace_stakeholder", deal.pk))
    roles = "".join(f'<span class="dp-role">{e(r)}</span>' for r in getattr(p, "role_labels", [])) or DASH
    edit = f"{person_prefix}{p.pk}/"
    just_saved = ' class="dp-just-saved"' if oob else ""
    return mark_safe(f'<tr id="stakeholder-{p.pk}"{just_saved}>\n'
            f'  <td><a href="{contact_prefix}{p.contact_id}/">{e(p.contact.name)}</a></td>\n'
            f"  <td>{_or_dash(p.title)}</td>\n"
            f"  <td>{_name(p.reports_to)}</td>\n"
            f"  <td>{roles}</td>\n"
            f"  <td>{_display(p, 'influence', lang)}</td>\n"
            f'  <td><span class="dp-att dp-att-{e(p.attitude)}">{_display(p, "attitude", lang)}</span></td>\n'
            f"  <td>{_display(p, 'access', lang)}</td>\n"
            f"  <td>{_date(p.last_contact, lang)}</td>\n"
            f"  {_actions(edit, f'{edit}delete/', 'deal-work', shared)}\n</tr>")


def stakeholder_rows(deal: Any, people: list[Any], shared: dict[str, str]) -> SafeString:
    prefixes = (_prefix("contact_page"), _prefix("workspace_stakeholder", deal.pk))
    lang = get_language() or ""
    return mark_safe("\n".join(stakeholder_row(deal, p, shared, prefixes, lang=lang) for p in people))
