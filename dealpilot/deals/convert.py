"""Between the database and the engine's `Deal`: `deal_to_document` and `save_document`.

The document is the whole deal; download → upload → download gives the same text.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch

from dealpilot.accounts.models import Role, profile_of, role_of
from dealpilot.deals import models as m
from dealpilot.deals.account_names import HiddenAccount, account_named
from dealpilot.deals.history import StaleVersion, record_change
from dealpilot.engine import document as d
from dealpilot.engine.errors import DocumentError, Problem

_PEOPLE = ("stakeholders",)
PREFETCH = (
    Prefetch("stakeholders", queryset=m.DealStakeholder.objects.select_related("contact", "reports_to")),
    "decision_steps", "competitors", "milestones", "pains", "value_items", "plan_steps", "objections",
    "answers",
)
_MONEY_LIMIT = Decimal("1e16")  # max_digits=18 with 2 decimals


def load_deal(pk: int) -> m.Opportunity:
    """An opportunity with everything the document needs, in a fixed number of queries."""
    return m.Opportunity.objects.select_related("account", "owner").prefetch_related(*PREFETCH).get(pk=pk)


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _opt(value: str) -> str | None:
    return value or None


def deal_to_document(opp: m.Opportunity) -> d.Deal:
    """The engine's Deal for this opportunity (prefetch with PREFETCH to avoid a query per list)."""
    people = list(opp.stakeholders.all())
    key = {p.pk: p.key for p in people}

    def ref(pk: int | None) -> str | None:
        return key.get(pk) if pk is not None else None

    event = None
    if opp.compelling_event:
        event = {"text": opp.compelling_event, "date": opp.compelling_event_date}
    # One validation of the whole tree (pydantic's core walks it), rather than a model per row.
    return d.Deal.model_validate({
        "playbook": opp.playbook,
        "as_of": opp.as_of,
        "opportunity": {
            "id": str(opp.pk), "name": opp.name, "account": opp.account.name, "amount": _num(opp.amount),
            "currency": opp.currency, "stage": opp.stage, "close_date": opp.close_date,
            "owner": opp.owner.get_username(), "version": opp.version,
        },
        "stakeholders": [
            {"id": p.key, "name": p.contact.name, "title": _opt(p.title), "reports_to": ref(p.reports_to_id),
             "roles": list(p.roles), "influence": p.influence, "attitude": p.attitude, "access": p.access,
             "last_contact": p.last_contact, "relationships": list(p.relationships)}
            for p in people
        ],
        "decision_chain": [{"name": s.name, "owner": ref(s.owner_id), "status": s.status, "due": s.due}
                           for s in opp.decision_steps.all()],
        "budget": {"status": opp.budget_status, "amount": _num(opp.budget_amount),
                   "applicant": ref(opp.budget_applicant_id), "approver": ref(opp.budget_approver_id),
                   "deadline": opp.budget_deadline},
        "competitors": [{"name": c.name, "position": c.position, "strengths": c.strengths,
                         "our_differentiation": c.our_differentiation} for c in opp.competitors.all()],
        "timeline": {
            "compelling_event": event,
            "milestones": [{"name": x.name, "date": x.date, "status": x.status} for x in opp.milestones.all()],
        },
        "pains": [{"text": p.text, "category": p.category, "owner": ref(p.owner_id),
                   "confirmed_with": ref(p.confirmed_with_id), "confirmed_on": p.confirmed_on, "impact": p.impact}
                  for p in opp.pains.all()],
        "value": [{"for": ref(v.for_stakeholder_id), "metric": v.metric, "amount": _num(v.amount),
                   "period": v.period, "agreed": v.agreed} for v in opp.value_items.all()],
        "mutual_plan": [{"step": s.step, "owner": ref(s.owner_id), "due": s.due, "status": s.status}
                        for s in opp.plan_steps.all()],
        "objections": [{"text": o.text, "raised_by": ref(o.raised_by_id), "status": o.status}
                       for o in opp.objections.all()],
        "answers": {a.criterion: {"status": a.status, "evidence": a.evidence, "source": ref(a.source_id),
                                  "date": a.date} for a in opp.answers.all()},
    })


# --- saving --------------------------------------------------------------------------------


def _money(value: float | None, path: str, problems: list[Problem]) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        problems.append(Problem(path, "is not a number"))
        return None
    if not amount.is_finite() or abs(amount) >= _MONEY_LIMIT:
        problems.append(Problem(path, "is too large"))
        return None
    return amount


def _nul_problems(value: Any, path: str = "") -> list[Problem]:
    """NUL characters: PostgreSQL refuses them in text, so refuse them here with the path."""
    if isinstance(value, str):
        return [Problem(path or "(document)", "contains a NUL character")] if "\x00" in value else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _nul_problems(k, path) + _nul_problems(v, f"{path}.{k}" if path else str(k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nul_problems(v, f"{path}[{i}]")]
    return []


def storage_problems(doc: d.Deal) -> list[Problem]:
    """What the document's model accepts but this database cannot hold (text lengths and amounts
    are the document's own rules, dealpilot.engine.limits, which the forms share)."""
    from dealpilot.engine.playbook import STAGE_IDS, list_playbooks

    problems: list[Problem] = []
    o = doc.opportunity
    _money(o.amount, "opportunity.amount", problems)
    _money(doc.budget.amount, "budget.amount", problems)
    for i, v in enumerate(doc.value):
        _money(v.amount, f"value[{i}].amount", problems)
    if not re.fullmatch(r"[A-Za-z]{3}", o.currency):
        problems.append(Problem("opportunity.currency", "must be three letters, like CNY"))
    problems.extend(_nul_problems(doc.to_data()))
    if o.stage not in STAGE_IDS:
        problems.append(Problem("opportunity.stage", f"{o.stage!r} is not one of {', '.join(STAGE_IDS)}"))
    # Only built-in playbooks: a path in an uploaded document must never read a server file.
    if doc.playbook not in list_playbooks():
        known = ", ".join(list_playbooks()) or "(none installed)"
        problems.append(Problem("playbook", f"unknown playbook {doc.playbook!r} (built in: {known})"))
    return problems


def _owner_for(doc: d.Deal, user: Any, current: Any | None) -> Any:
    """Replacing keeps the owner; creating gives the deal to the named owner if the uploader
    may assign to them (manager: own team, admin: anyone), else to the uploader."""
    if current is not None:
        return current
    name = doc.opportunity.owner
    if not name or name == user.get_username():
        return user
    named = get_user_model().objects.filter(username=name).select_related("profile").first()
    role = role_of(user)
    if named is None or role == Role.REP:
        return user
    if role == Role.ADMIN:
        return named
    mine, theirs = profile_of(user), profile_of(named)
    if mine and theirs and mine.team_id is not None and mine.team_id == theirs.team_id:
        return named
    return user


def _contact(account: m.Account, person: d.Stakeholder) -> m.Contact:
    """The account's contact of that name. An existing contact keeps its title: the contact may
    sit on other teams' deals, and the document's title is this deal's (DealStakeholder.title)."""
    contact, _created = m.Contact.objects.get_or_create(account=account, name=person.name,
                                                        defaults={"title": person.title or ""})
    return contact


def _write_rows(opp: m.Opportunity, doc: d.Deal) -> None:
    """Write the document's facts below an opportunity that has none (bulk, ordered)."""
    account = opp.account
    people: dict[str, m.DealStakeholder] = {}
    for i, s in enumerate(doc.stakeholders):
        people[s.id] = m.DealStakeholder.objects.create(
            opportunity=opp, contact=_contact(account, s), key=s.id, ordinal=i, title=s.title or "",
            roles=list(s.roles), influence=s.influence.value, attitude=s.attitude.value, access=s.access.value,
            last_contact=s.last_contact,
            relationships=[r.model_dump(mode="json", by_alias=True) for r in s.relationships],
        )
    with_boss = [p for s in doc.stakeholders if s.reports_to and (p := people[s.id])]
    for s in doc.stakeholders:
        if s.reports_to:
            people[s.id].reports_to = people[s.reports_to]
    m.DealStakeholder.objects.bulk_update(with_boss, ["reports_to"])

    def pid(ref: str | None) -> int | None:
        return people[ref].pk if ref else None

    m.DecisionStep.objects.bulk_create(
        m.DecisionStep(opportunity=opp, ordinal=i, name=s.name, owner_id=pid(s.owner), status=s.status.value, due=s.due)
        for i, s in enumerate(doc.decision_chain))
    m.Competitor.objects.bulk_create(
        m.Competitor(opportunity=opp, ordinal=i, name=c.name, position=c.position.value, strengths=c.strengths,
                     our_differentiation=c.our_differentiation) for i, c in enumerate(doc.competitors))
    m.Milestone.objects.bulk_create(
        m.Milestone(opportunity=opp, ordinal=i, name=x.name, date=x.date, status=x.status.value)
        for i, x in enumerate(doc.timeline.milestones))
    m.Pain.objects.bulk_create(
        m.Pain(opportunity=opp, ordinal=i, text=p.text, category=p.category.value, owner_id=pid(p.owner),
               confirmed_with_id=pid(p.confirmed_with), confirmed_on=p.confirmed_on, impact=p.impact)
        for i, p in enumerate(doc.pains))
    m.ValueItem.objects.bulk_create(
        m.ValueItem(opportunity=opp, ordinal=i, for_stakeholder_id=pid(v.for_), metric=v.metric,
                    amount=_money(v.amount, "", []), period=v.period, agreed=v.agreed)
        for i, v in enumerate(doc.value))
    m.PlanStep.objects.bulk_create(
        m.PlanStep(opportunity=opp, ordinal=i, step=s.step, owner_id=pid(s.owner), due=s.due, status=s.status.value)
        for i, s in enumerate(doc.mutual_plan))
    m.Objection.objects.bulk_create(
        m.Objection(opportunity=opp, ordinal=i, text=o.text, raised_by_id=pid(o.raised_by), status=o.status.value)
        for i, o in enumerate(doc.objections))
    m.Answer.objects.bulk_create(
        m.Answer(opportunity=opp, ordinal=i, criterion=cid, status=a.status.value, evidence=a.evidence,
                 source_id=pid(a.source), date=a.date)
        for i, (cid, a) in enumerate(doc.answers.items()))
    opp.budget_applicant_id = pid(doc.budget.applicant)
    opp.budget_approver_id = pid(doc.budget.approver)


_HEADER = ("name", "amount", "currency", "stage", "close_date", "owner")


def _clear_rows(opp: m.Opportunity) -> None:
    for model in (m.DecisionStep, m.Competitor, m.Milestone, m.Pain, m.ValueItem, m.PlanStep,
                  m.Objection, m.Answer):
        model.objects.filter(opportunity=opp).delete()
    m.Opportunity.objects.filter(pk=opp.pk).update(budget_applicant=None, budget_approver=None)
    m.DealStakeholder.objects.filter(opportunity=opp).update(reports_to=None)
    m.DealStakeholder.objects.filter(opportunity=opp).delete()


def _differences(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Changed document sections, the opportunity header field by field."""
    out: list[tuple[str, Any, Any]] = []
    o_old, o_new = old.get("opportunity", {}), new.get("opportunity", {})
    for f in _HEADER + ("account",):
        if o_old.get(f) != o_new.get(f):
            out.append((f"opportunity.{f}", o_old.get(f), o_new.get(f)))
    for key in sorted(set(old) | set(new)):
        if key not in ("opportunity", "schema") and old.get(key) != new.get(key):
            out.append((key, old.get(key), new.get(key)))
    return out


class MissingVersion(StaleVersion):
    """A replacing document that does not say which version of the deal it was written from."""


def save_document(doc: d.Deal, user: Any, opp: m.Opportunity | None = None) -> m.Opportunity:
    """Create a deal from a document, or replace `opp` with it — all or nothing.

    Raises DocumentError (nothing written) for what the database cannot hold or an account the
    user may not see. Replacing needs the document's `opportunity.version` to be the deal's
    current one (else StaleVersion / MissingVersion, nothing written); it keeps the deal's id,
    owner, team and shares, bumps its version and records what changed — unless nothing did.
    """
    problems = storage_problems(doc)
    if problems:
        raise DocumentError(problems)
    o = doc.opportunity
    with transaction.atomic():
        try:
            account = account_named(user, o.account)
        except HiddenAccount as exc:
            raise DocumentError([Problem("opportunity.account", str(exc))]) from None
        before: dict[str, Any] | None = None
        if opp is None:
            owner = _owner_for(doc, user, None)
            owner_profile = profile_of(owner)
            opp = m.Opportunity(owner=owner, team_id=owner_profile.team_id if owner_profile else None)
        else:
            # The lock makes the version check and the write one step: a workspace save waits
            # for it (or this waits for the save, then sees its version and refuses).
            opp = m.Opportunity.objects.select_for_update().get(pk=opp.pk)
            if o.version is None:
                raise MissingVersion(opp.version)
            if o.version != opp.version:
                raise StaleVersion(opp.version)
            before = deal_to_document(load_deal(opp.pk)).to_data()
            _clear_rows(opp)
            opp.version += 1
        _fill(opp, doc, account)
        opp.save()
        _write_rows(opp, doc)
        opp.save(update_fields=["budget_applicant", "budget_approver"])
        after = deal_to_document(load_deal(opp.pk)).to_data()
        if before is None:
            record_change(opp, user, "created", None, None)
        else:
            changes = _differences(before, after)
            if not changes:  # an unchanged document must not make everyone's open forms stale
                transaction.set_rollback(True)
                opp.version -= 1
                return opp
            for field, old, new in changes:
                record_change(opp, user, field, old, new)
        from dealpilot.deals.verdict import refresh_verdict

        refresh_verdict(opp)  # the cached score commits with the change, or not at all
    return opp


def _fill(opp: m.Opportunity, doc: d.Deal, account: m.Account) -> None:
    o, b, event = doc.opportunity, doc.budget, doc.timeline.compelling_event
    opp.account = account
    opp.name = o.name
    opp.amount = _money(o.amount, "", [])
    opp.currency = o.currency.upper()
    opp.stage = o.stage
    opp.close_date = o.close_date
    opp.playbook = doc.playbook
    opp.as_of = doc.as_of
    opp.budget_status = b.status.value
    opp.budget_amount = _money(b.amount, "", [])
    opp.budget_deadline = b.deadline
    opp.compelling_event = event.text if event else ""
    opp.compelling_event_date = event.date if event else None
    opp.budget_applicant_id = opp.budget_approver_id = None
