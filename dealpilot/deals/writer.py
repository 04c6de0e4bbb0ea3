"""The one writer of a deal document's lists (people, decision chain, …, checklist answers) below
opportunities that have none yet: `save_document` (one deal) and `bulk.write_deals` (many) both
call it. What each list's rows hold is in `deals.rowkinds`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dealpilot.deals import models as m
from dealpilot.deals.rowkinds import ACTIVITIES, ANSWERS, FACTS, STAKEHOLDERS
from dealpilot.engine.document import Deal, Stakeholder

BATCH = 500


def write_rows(deals: list[tuple[m.Opportunity, Deal]],
               contact: Callable[[m.Opportunity, Stakeholder], m.Contact]) -> None:
    """Bulk inserts, a fixed number of queries for any number of deals: the people, who reports
    to whom, every other list, then the budget's applicant and approver on the opportunity.
    `contact(opp, person)` gives the account's contact for a person of the document."""
    people: list[dict[str, m.DealStakeholder]] = []
    rows: list[m.DealStakeholder] = []
    for opp, doc in deals:
        by_key = {}
        for n, s in enumerate(STAKEHOLDERS.entries(doc)):
            row = m.DealStakeholder(opportunity=opp, contact=contact(opp, s), ordinal=n,
                                    **STAKEHOLDERS.from_doc(s, None))
            by_key[s.id] = row
            rows.append(row)
        people.append(by_key)
    m.DealStakeholder.objects.bulk_create(rows, batch_size=BATCH)
    bosses = []
    for (_opp, doc), by_key in zip(deals, people, strict=True):
        for s in doc.stakeholders:
            if s.reports_to:
                by_key[s.id].reports_to = by_key[s.reports_to]
                bosses.append(by_key[s.id])
    m.DealStakeholder.objects.bulk_update(bosses, ["reports_to"], batch_size=BATCH)

    facts: dict[Any, list[Any]] = {kind: [] for kind in (*FACTS, ANSWERS, ACTIVITIES)}
    with_budget_people = []
    for (opp, doc), by_key in zip(deals, people, strict=True):

        def pid(ref: str | None, by_key: dict[str, m.DealStakeholder] = by_key) -> int | None:
            return by_key[ref].pk if ref else None

        for kind, made in facts.items():
            made += [kind.model(opportunity=opp, ordinal=n, **kind.from_doc(entry, pid))
                     for n, entry in enumerate(kind.entries(doc))]
        if doc.budget.applicant or doc.budget.approver:
            opp.budget_applicant_id = pid(doc.budget.applicant)
            opp.budget_approver_id = pid(doc.budget.approver)
            with_budget_people.append(opp)
    for kind, made in facts.items():
        kind.model.objects.bulk_create(made, batch_size=BATCH)
    m.Opportunity.objects.bulk_update(with_budget_people, ["budget_applicant", "budget_approver"],
                                      batch_size=BATCH)
