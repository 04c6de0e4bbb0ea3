"""Write many deal documents at once with bulk inserts (demo data, benchmarks, imports).

The rows are the same `save_document` writes one deal at a time; a fixed number of queries
per batch instead of dozens per deal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction

from dealpilot.deals import models as m
from dealpilot.deals.search_keys import keys_for
from dealpilot.deals.verdict import assess_document, pipeline_columns
from dealpilot.engine.document import Deal

_BATCH = 500


@dataclass
class NewDeal:
    doc: Deal
    owner: Any
    team_id: int | None
    shared_with: list[Any] = field(default_factory=list)


def _money(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _accounts(names: set[str], details: dict[str, tuple[str, str]]) -> dict[str, m.Account]:
    found = {a.name: a for a in m.Account.objects.filter(name__in=names)}
    missing = [m.Account(name=n, industry=details.get(n, ("", ""))[0], city=details.get(n, ("", ""))[1])
               for n in sorted(names - set(found))]
    m.Account.objects.bulk_create(missing, batch_size=_BATCH)
    return {a.name: a for a in m.Account.objects.filter(name__in=names)}


def _contacts(wanted: dict[tuple[int, str], str]) -> dict[tuple[int, str], m.Contact]:
    account_ids = {a for a, _ in wanted}
    found = {(c.account_id, c.name): c for c in m.Contact.objects.filter(account_id__in=account_ids)}
    missing = [m.Contact(account_id=a, name=n, title=t) for (a, n), t in wanted.items() if (a, n) not in found]
    m.Contact.objects.bulk_create(missing, batch_size=_BATCH)
    return {(c.account_id, c.name): c for c in m.Contact.objects.filter(account_id__in=account_ids)}


@transaction.atomic
def write_deals(items: list[NewDeal], *, account_details: dict[str, tuple[str, str]] | None = None,
                assess: bool = True) -> list[m.Opportunity]:
    """Create one opportunity per document, everything in one transaction."""
    accounts = _accounts({i.doc.opportunity.account for i in items}, account_details or {})
    contacts = _contacts({(accounts[i.doc.opportunity.account].pk, s.name): s.title or ""
                          for i in items for s in i.doc.stakeholders})
    opps = []
    for i in items:
        o, b, ev = i.doc.opportunity, i.doc.budget, i.doc.timeline.compelling_event
        verdict = pipeline_columns(assess_document(i.doc) if assess else None)
        keys = keys_for([o.account, o.name, *(s.name for s in i.doc.stakeholders)])
        opps.append(m.Opportunity(
            account=accounts[o.account], name=o.name, owner=i.owner, team_id=i.team_id,
            playbook=i.doc.playbook, stage=o.stage, amount=_money(o.amount), currency=o.currency,
            close_date=o.close_date, as_of=i.doc.as_of, budget_status=b.status.value,
            budget_amount=_money(b.amount), budget_deadline=b.deadline,
            compelling_event=ev.text if ev else "", compelling_event_date=ev.date if ev else None,
            search_keys=keys, **verdict))
    m.Opportunity.objects.bulk_create(opps, batch_size=_BATCH)
    through = m.Opportunity.shared_with.through
    through.objects.bulk_create([through(opportunity_id=opp.pk, user_id=u.pk)
                                 for opp, i in zip(opps, items, strict=True) for u in i.shared_with],
                                batch_size=_BATCH)
    people: list[dict[str, m.DealStakeholder]] = []
    rows: list[m.DealStakeholder] = []
    for opp, i in zip(opps, items, strict=True):
        by_key = {}
        for n, s in enumerate(i.doc.stakeholders):
            row = m.DealStakeholder(
                opportunity=opp, contact=contacts[(opp.account_id, s.name)], key=s.id, ordinal=n,
                title=s.title or "", roles=list(s.roles), influence=s.influence.value,
                attitude=s.attitude.value, access=s.access.value, last_contact=s.last_contact,
                relationships=[r.model_dump(mode="json", by_alias=True) for r in s.relationships])
            by_key[s.id] = row
            rows.append(row)
        people.append(by_key)
    m.DealStakeholder.objects.bulk_create(rows, batch_size=_BATCH)
    bosses = []
    for by_key, i in zip(people, items, strict=True):
        for s in i.doc.stakeholders:
            if s.reports_to:
                by_key[s.id].reports_to = by_key[s.reports_to]
                bosses.append(by_key[s.id])
    m.DealStakeholder.objects.bulk_update(bosses, ["reports_to"], batch_size=_BATCH)
    _write_facts(opps, items, people)
    return opps


def _write_facts(opps: list[m.Opportunity], items: list[NewDeal], people: list[dict[str, m.DealStakeholder]]) -> None:
    facts: dict[type, list[Any]] = {k: [] for k in (m.DecisionStep, m.Competitor, m.Milestone, m.Pain,
                                                    m.ValueItem, m.PlanStep, m.Objection, m.Answer)}
    with_budget_people = []
    for opp, i, by_key in zip(opps, items, people, strict=True):
        doc = i.doc

        def pid(ref: str | None, by_key: dict[str, m.DealStakeholder] = by_key) -> int | None:
            return by_key[ref].pk if ref else None

        facts[m.DecisionStep] += [m.DecisionStep(opportunity=opp, ordinal=n, name=s.name, owner_id=pid(s.owner),
                                                 status=s.status.value, due=s.due)
                                  for n, s in enumerate(doc.decision_chain)]
        facts[m.Competitor] += [m.Competitor(opportunity=opp, ordinal=n, name=c.name, position=c.position.value,
                                             strengths=c.strengths, our_differentiation=c.our_differentiation)
                                for n, c in enumerate(doc.competitors)]
        facts[m.Milestone] += [m.Milestone(opportunity=opp, ordinal=n, name=x.name, date=x.date,
                                           status=x.status.value) for n, x in enumerate(doc.timeline.milestones)]
        facts[m.Pain] += [m.Pain(opportunity=opp, ordinal=n, text=p.text, category=p.category.value,
                                 owner_id=pid(p.owner), confirmed_with_id=pid(p.confirmed_with),
                                 confirmed_on=p.confirmed_on, impact=p.impact) for n, p in enumerate(doc.pains)]
        facts[m.ValueItem] += [m.ValueItem(opportunity=opp, ordinal=n, for_stakeholder_id=pid(v.for_),
                                           metric=v.metric, amount=_money(v.amount), period=v.period,
                                           agreed=v.agreed) for n, v in enumerate(doc.value)]
        facts[m.PlanStep] += [m.PlanStep(opportunity=opp, ordinal=n, step=s.step, owner_id=pid(s.owner), due=s.due,
                                         status=s.status.value) for n, s in enumerate(doc.mutual_plan)]
        facts[m.Objection] += [m.Objection(opportunity=opp, ordinal=n, text=o.text, raised_by_id=pid(o.raised_by),
                                           status=o.status.value) for n, o in enumerate(doc.objections)]
        facts[m.Answer] += [m.Answer(opportunity=opp, ordinal=n, criterion=cid, status=a.status.value,
                                     evidence=a.evidence, source_id=pid(a.source), date=a.date)
                            for n, (cid, a) in enumerate(doc.answers.items())]
        if doc.budget.applicant or doc.budget.approver:
            opp.budget_applicant_id = pid(doc.budget.applicant)
            opp.budget_approver_id = pid(doc.budget.approver)
            with_budget_people.append(opp)
    for model, rows in facts.items():
        model.objects.bulk_create(rows, batch_size=_BATCH)
    m.Opportunity.objects.bulk_update(with_budget_people, ["budget_applicant", "budget_approver"], batch_size=_BATCH)
