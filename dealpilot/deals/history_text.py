"""The change history as a person reads it: one entry per save, field labels instead of
document paths, people's names instead of keys and logins, status words instead of `yes`,
local dates and times.

Change records keep the raw document path and values (`answers.pain_confirmed.status`,
`"yes"`); they are what an export or an audit needs. This module only words them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, ngettext

from dealpilot.accounts.models import display_name
from dealpilot.activities.models import Activity
from dealpilot.deals import models as m
from dealpilot.deals.history import DEMO

# A document list → its model, and the document's field names where they differ from the model's.
LISTS: dict[str, tuple[type[models.Model], dict[str, str]]] = {
    "stakeholders": (m.DealStakeholder, {}),
    "decision_chain": (m.DecisionStep, {}),
    "competitors": (m.Competitor, {}),
    "timeline.milestones": (m.Milestone, {}),
    "pains": (m.Pain, {}),
    "value": (m.ValueItem, {"for": "for_stakeholder"}),
    "mutual_plan": (m.PlanStep, {}),
    "objections": (m.Objection, {}),
    "activities": (Activity, {"stakeholders": "stakeholder_ids"}),
}
# A document object kept on the opportunity itself → its fields there.
BLOCKS: dict[str, dict[str, str]] = {
    "opportunity": {},
    "budget": {"status": "budget_status", "amount": "budget_amount", "applicant": "budget_applicant",
               "approver": "budget_approver", "deadline": "budget_deadline"},
    "timeline.compelling_event": {"text": "compelling_event", "date": "compelling_event_date"},
}
_ROW = re.compile(r"^(?P<list>[a-z_.]+)\[(?P<index>\d+)\](?:\.(?P<field>[a-z_]+))?$")


@dataclass
class Line:
    """One field of a save: its label and both values as words ("" for none)."""

    label: str
    old: str
    new: str


@dataclass
class Save:
    """Everything one save changed."""

    at: dt.datetime
    who: str
    version: int
    lines: list[Line] = field(default_factory=list)


def saves(opp: m.Opportunity, changes: list[m.ChangeRecord]) -> list[Save]:
    """`changes` (newest first, as the history lists them) grouped per save and worded."""
    words = _Words(opp)
    out: list[Save] = []
    for c in changes:
        who = words.who(c)
        last = out[-1] if out else None
        if last is None or last.version != c.version or last.who != who:
            last = Save(at=timezone.localtime(c.at), who=who, version=c.version)
            out.append(last)
        last.lines.append(words.line(c))
    return out


def local_time(moment: dt.datetime) -> str:
    """A moment in the configured time zone, in the active language's short format."""
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


class _Words:
    def __init__(self, opp: m.Opportunity) -> None:
        self.opp = opp
        self.people = {p.key: p.contact.name for p in opp.stakeholders.select_related("contact")}
        self._users: dict[str, str] = {}
        self._criteria: dict[str, str] | None = None
        self._roles: dict[str, str] | None = None

    def who(self, c: m.ChangeRecord) -> str:
        if c.user_id is None:
            return gettext("Demo data") if c.field == "created" and c.new == DEMO else "—"
        return display_name(c.user)

    def line(self, c: m.ChangeRecord) -> Line:
        if c.field == "created":
            return Line(gettext("Deal created"), "", "")
        model, name, prefix = self._locate(c.field)
        if model is None:
            return Line(prefix or c.field, _summary(c.old), _summary(c.new))
        if name is None:  # a whole row added or removed
            return Line(prefix, self._row(model, c.old), self._row(model, c.new))
        return Line(f"{prefix} · {_label(model, name)}" if prefix else _label(model, name),
                    self._value(model, name, c.old), self._value(model, name, c.new))

    def _locate(self, path: str) -> tuple[type[models.Model] | None, str | None, str]:
        """(model, model field or None for the whole row, what the field belongs to)."""
        if path.startswith("answers."):
            _answers, cid, *rest = path.split(".")
            return m.Answer, (rest[0] if rest else None), self._criterion(cid)
        for block, names in BLOCKS.items():
            if path.startswith(block + "."):
                name = path[len(block) + 1:]
                prefix = "" if block == "opportunity" else _section(block)
                return m.Opportunity, names.get(name, name), prefix
        match = _ROW.match(path)
        if match and match["list"] in LISTS:
            model, names = LISTS[match["list"]]
            noun = capfirst(str(model._meta.verbose_name))
            prefix = f"{noun} {int(match['index']) + 1}"
            name = match["field"]
            return model, (names.get(name, name) if name else None), prefix
        return None, None, _section(path)

    def _playbook_words(self) -> tuple[dict[str, str], dict[str, str]]:
        """(criterion id → its question, role id → its name) in the page's language."""
        if self._criteria is None or self._roles is None:
            from dealpilot.engine.playbook import get_playbook

            lang = _lang()
            try:
                playbook = get_playbook(self.opp.playbook)
            except Exception:  # an unknown playbook: criteria and roles keep their ids
                playbook = None
            self._criteria = {c.id: c.text.get(lang) for d in (playbook.dimensions if playbook else [])
                              for c in d.criteria}
            self._roles = {r.id: r.name.get(lang) for r in (playbook.roles if playbook else [])}
        return self._criteria, self._roles

    def _criterion(self, cid: str) -> str:
        return self._playbook_words()[0].get(cid, cid)

    def _value(self, model: type[models.Model], name: str, raw: str) -> str:
        if raw in ("", "null", "[]"):
            return ""
        try:
            f = model._meta.get_field(name)
        except Exception:
            f = None
        if f is None or (model is m.DealStakeholder and name == "name"):
            return self._structure(name, raw)
        if f.choices:
            return str(dict(f.flatchoices).get(raw, raw))
        if f.is_relation and f.related_model is m.DealStakeholder:
            return self.people.get(raw, raw)
        if f.is_relation and f.related_model is get_user_model():
            return self._user(raw)
        if isinstance(f, models.BooleanField):
            return gettext("yes") if raw in ("true", "True") else gettext("no")
        if isinstance(f, models.DateField):
            return _date(raw)
        if isinstance(f, models.JSONField):
            return self._structure(name, raw)
        return raw

    def _structure(self, name: str, raw: str) -> str:
        value = _parse(raw)
        if name == "roles" and isinstance(value, list):
            roles = self._playbook_words()[1]
            return "、".join(str(roles.get(r, r)) for r in value)
        if name in ("stakeholder_ids", "ours") and isinstance(value, list):  # an activity's people
            return "、".join(self.people.get(str(k), str(k)) for k in value)
        if name == "relationships" and isinstance(value, list):
            return "、".join(self.people.get(str(r.get("with")), str(r.get("with"))) for r in value
                            if isinstance(r, dict))
        return raw if not isinstance(value, (list, dict)) else _summary(raw)

    def _row(self, model: type[models.Model], raw: str) -> str:
        value = _parse(raw)
        if not isinstance(value, dict):
            return _summary(raw)
        names = next((n for mm, n in LISTS.values() if mm is model), {})
        parts = []
        for key, item in value.items():
            if item in (None, "", []):
                continue
            name: str = str(names.get(key, key))
            text = self._value(model, name, item if isinstance(item, str) else json.dumps(item, ensure_ascii=False))
            if text:
                parts.append(f"{_label(model, name)}: {text}")
        return "; ".join(parts)

    def _user(self, username: str) -> str:
        if username not in self._users:
            user = get_user_model().objects.filter(username=username).first()
            self._users[username] = display_name(user) if user else username
        return self._users[username]


def _label(model: type[models.Model], name: str) -> str:
    if model is m.DealStakeholder and name == "name":
        return capfirst(str(m.Contact._meta.get_field("name").verbose_name))
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except Exception:
        return name


def _section(path: str) -> str:
    """A whole document section (an upload replaces sections at once)."""
    labels = {
        "answers": m.Answer._meta.verbose_name_plural, "budget": m.Opportunity._meta.get_field("budget_status").verbose_name,
        "timeline": gettext("Timeline"), "opportunity.account": m.Opportunity._meta.get_field("account").verbose_name,
        **{key: model._meta.verbose_name_plural for key, (model, _n) in LISTS.items()},
    }
    if path == "budget":
        return gettext("Budget")
    if path == "timeline.compelling_event":
        return capfirst(str(m.Opportunity._meta.get_field("compelling_event").verbose_name))
    return capfirst(str(labels.get(path, path)))


def _parse(raw: str) -> Any:
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        return raw


def _summary(raw: str) -> str:
    """A whole section's value: how many items it holds, not its JSON."""
    value = _parse(raw)
    if isinstance(value, (list, dict)):
        n = len(value)
        return ngettext("%(n)s item", "%(n)s items", n) % {"n": n} if n else ""
    return "" if value is None else str(value)


def _date(raw: str) -> str:
    try:
        return date_format(dt.date.fromisoformat(raw[:10]), "SHORT_DATE_FORMAT")
    except ValueError:
        return raw


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"
