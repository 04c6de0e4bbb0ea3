"""Writes of this app, each through the workspace's versioned save (one transaction: the claim,
the rows, the history and the refreshed verdict): logging an activity, accepting a proposal.
Rejecting one writes only the decision: the deal does not change, so its version does not move."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max

from dealpilot.activities.models import Activity, Decision, NoteDecision
from dealpilot.deals import models as m
from dealpilot.engine.contact import DIRECT_KINDS, direct_recent, later_contact, raised_access
from dealpilot.workspace import editing
from dealpilot.workspace.context import people_of


def activity_entry(activity: Activity, keys: dict[int, str]) -> dict[str, Any]:
    """The activity as the deal document holds it (for the history)."""
    return {"kind": activity.kind, "date": editing.plain(activity.date), "ours": list(activity.ours),
            "stakeholders": [keys[pk] for pk in activity.stakeholder_ids if pk in keys],
            "note": activity.note or None, "next_step": activity.next_step or None,
            "next_step_due": editing.plain(activity.next_step_due)}


def _direct_recent(opp: m.Opportunity, person: m.DealStakeholder, kind: str, day: dt.date) -> int:
    """Direct contacts with the person within the regular window up to `day`, this one included."""
    return direct_recent(kind, day, [a.date for a in opp.activities.all()
                                     if a.kind in DIRECT_KINDS and person.pk in a.stakeholder_ids])


def log(opp: m.Opportunity, user: Any, version: int, data: dict[str, Any]) -> tuple[Activity, Any]:
    """Log an activity: the row, each participant's last contact and access, and the next step
    on the mutual plan when asked. Raises StaleVersion when the deal moved on since `version`."""
    people = people_of(opp)
    keys = {p.pk: p.key for p in people}
    made: list[Activity] = []
    logged, planned = len(opp.activities.all()), len(opp.plan_steps.all())  # the new rows' indexes

    def apply() -> list[editing.Change]:
        top = Activity.objects.filter(opportunity=opp).aggregate(n=Max("ordinal"))["n"]
        activity = Activity.objects.create(
            opportunity=opp, ordinal=(top or 0) + 1, kind=data["kind"], date=data["date"], ours=data["ours"],
            stakeholder_ids=[p.pk for p in data["stakeholders"]], note=data["note"], next_step=data["next_step"],
            next_step_due=data["next_step_due"])
        made.append(activity)
        changes: list[editing.Change] = [(f"activities[{logged}]", None,
                                          activity_entry(activity, keys))]
        for index, person in enumerate(people):
            if person not in data["stakeholders"]:
                continue
            before = {"last_contact": person.last_contact, "access": person.access}
            person.last_contact = later_contact(person.last_contact, activity.date)
            person.access = raised_access(person.access, activity.kind,
                                          _direct_recent(opp, person, activity.kind, activity.date))
            person.save(update_fields=["last_contact", "access"])
            for field, old in before.items():
                new = getattr(person, field)
                changes.append((f"stakeholders[{index}].{field}", editing.plain(old), editing.plain(new)))
        if data.get("plan_step") and data["next_step"]:
            top = m.PlanStep.objects.filter(opportunity=opp).aggregate(n=Max("ordinal"))["n"]
            step = m.PlanStep.objects.create(opportunity=opp, ordinal=(top or 0) + 1, step=data["next_step"],
                                             due=data["next_step_due"])
            changes.append((f"mutual_plan[{planned}]", None,
                            {"step": step.step, "due": editing.plain(step.due), "status": step.status}))
        return changes

    fresh = editing.save(opp, user, version, apply)
    return made[0], fresh


ANSWER_FIELDS = ("status", "evidence", "source", "date")


def accept(opp: m.Opportunity, user: Any, version: int, activity: Activity, proposal: Any,
           values: dict[str, Any], edited: bool) -> Any:
    """Save a proposal (as proposed, or as the rep edited it) as the criterion's answer, and keep
    the decision. Raises StaleVersion (nothing written) when the deal moved on since `version`."""
    cid = values["criterion"]
    existing = next((a for a in opp.answers.all() if a.criterion == cid), None)
    before = editing.snapshot(existing, ANSWER_FIELDS) if existing else dict.fromkeys(ANSWER_FIELDS)

    def apply() -> list[editing.Change]:
        item = existing
        if item is None:
            top = m.Answer.objects.filter(opportunity=opp).aggregate(n=Max("ordinal"))["n"]
            item = m.Answer(opportunity=opp, criterion=cid, ordinal=(top or 0) + 1)
        for f in ANSWER_FIELDS:
            setattr(item, f, values[f])
        item.save()
        return editing.diff(f"answers.{cid}", before, editing.snapshot(item, ANSWER_FIELDS), {})

    fresh = editing.save(opp, user, version, apply)
    decide(opp, user, activity, proposal, Decision.EDITED if edited else Decision.ACCEPTED, cid, values["status"])
    return fresh


def decide(opp: m.Opportunity, user: Any, activity: Activity, proposal: Any, decision: str,
           criterion: str = "", status: str = "") -> NoteDecision:
    """Keep what the rep did with a proposal (the first decision on a sentence stands)."""
    row, _created = NoteDecision.objects.get_or_create(
        activity=activity, sentence=proposal.sentence,
        defaults={"opportunity": opp, "evidence": proposal.evidence, "proposed_criterion": proposal.criterion,
                  "proposed_status": proposal.status, "confidence": proposal.confidence, "decision": decision,
                  "criterion": criterion, "status": status, "user": user if getattr(user, "pk", None) else None})
    return row


def add_found(opp: m.Opportunity, user: Any, version: int, kind: str, item: Any) -> Any:
    """Add one thing the note named to the deal: a new person, a pain, a competitor or an objection.
    Raises StaleVersion (nothing written) when the deal moved on since `version`."""
    people = people_of(opp)
    by_key = {p.key: p for p in people}

    def apply() -> list[editing.Change]:
        if kind == "people":
            taken = {p.key for p in people}
            n = len(taken) + 1
            while f"s{n}" in taken:
                n += 1
            contact, _created = m.Contact.objects.get_or_create(account_id=opp.account_id, name=item.name,
                                                               defaults={"title": item.title or ""})
            top = max((p.ordinal for p in people), default=0)
            row = m.DealStakeholder.objects.create(opportunity=opp, contact=contact, key=f"s{n}", ordinal=top + 1,
                                                   title=item.title or "")
            return [(f"stakeholders[{len(people)}]", None, {"name": item.name, "title": row.title})]
        model, related, values = {
            "pains": (m.Pain, "pains", lambda: {"text": item.text, "category": item.category,
                                                 "owner": by_key.get(item.owner or "")}),
            "competitors": (m.Competitor, "competitors", lambda: {"name": item.name}),
            "objections": (m.Objection, "objections", lambda: {"text": item.text,
                                                               "raised_by": by_key.get(item.raised_by or "")}),
        }[kind]
        rows = list(getattr(opp, related).all())
        fields = values()
        model.objects.create(opportunity=opp, ordinal=max((r.ordinal for r in rows), default=0) + 1, **fields)
        return [(f"{kind}[{len(rows)}]", None, {k: editing.plain(v) for k, v in fields.items()})]

    return editing.save(opp, user, version, apply)
