"""Write many deal documents at once with bulk inserts (demo data, benchmarks, imports).

The rows are the same `save_document` writes one deal at a time; a fixed number of queries
per batch instead of dozens per deal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from dealpilot.deals import models as m
from dealpilot.deals.rowkinds import money
from dealpilot.deals.search_keys import keys_for
from dealpilot.deals.verdict import assess_document, pipeline_columns
from dealpilot.deals.writer import BATCH as _BATCH
from dealpilot.deals.writer import write_rows
from dealpilot.engine.document import Deal


@dataclass
class NewDeal:
    doc: Deal
    owner: Any
    team_id: int | None
    shared_with: list[Any] = field(default_factory=list)


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
            playbook=i.doc.playbook, stage=o.stage, amount=money(o.amount), currency=o.currency,
            close_date=o.close_date, as_of=i.doc.as_of, budget_status=b.status.value,
            budget_amount=money(b.amount), budget_deadline=b.deadline,
            compelling_event=ev.text if ev else "", compelling_event_date=ev.date if ev else None,
            search_keys=keys, **verdict))
    m.Opportunity.objects.bulk_create(opps, batch_size=_BATCH)
    through = m.Opportunity.shared_with.through
    through.objects.bulk_create([through(opportunity_id=opp.pk, user_id=u.pk)
                                 for opp, i in zip(opps, items, strict=True) for u in i.shared_with],
                                batch_size=_BATCH)
    write_rows(list(zip(opps, [i.doc for i in items], strict=True)),
               lambda opp, s: contacts[(opp.account_id, s.name)])
    return opps

