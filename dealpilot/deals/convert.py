"""Between the database and the engine's `Deal`: `deal_to_document` and `save_document`.

The document is the whole deal; download → upload → download gives the same text.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from dealpilot.accounts.models import Role, profile_of, role_of
from dealpilot.activities.models import Activity
from dealpilot.deals import models as m
from dealpilot.deals import search_keys
from dealpilot.deals.account_names import HiddenAccount, account_named
from dealpilot.deals.history import StaleVersion, record_change
from dealpilot.deals.loading import with_lists
from dealpilot.deals.rowkinds import ALL
from dealpilot.deals.writer import write_rows
from dealpilot.engine import document as d
from dealpilot.engine.errors import DocumentError, Problem

_MONEY_LIMIT = Decimal("1e16")  # max_digits=18 with 2 decimals


def load_deal(pk: int) -> m.Opportunity:
    """An opportunity with everything the document needs, in a fixed number of queries."""
    return with_lists().get(pk=pk)


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _opt(value: str) -> str | None:
    return value or None


def deal_to_document(opp: m.Opportunity) -> d.Deal:
    """The engine's Deal for this opportunity (read it with `loading.with_lists()`: one query per list)."""
    people = list(opp.stakeholders.all())
    key = {p.pk: p.key for p in people}

    def ref(pk: int | None) -> str | None:
        return key.get(pk) if pk is not None else None

    event = None
    if opp.compelling_event:
        event = {"text": opp.compelling_event, "date": opp.compelling_event_date}
    data: dict[str, Any] = {
        "playbook": opp.playbook,
        "as_of": opp.as_of,
        "opportunity": {
            "id": str(opp.pk), "name": opp.name, "account": opp.account.name, "amount": _num(opp.amount),
            "currency": opp.currency, "stage": opp.stage, "close_date": opp.close_date,
            "owner": opp.owner.get_username(), "version": opp.version,
        },
        "budget": {"status": opp.budget_status, "amount": _num(opp.budget_amount),
                   "applicant": ref(opp.budget_applicant_id), "approver": ref(opp.budget_approver_id),
                   "deadline": opp.budget_deadline},
        "timeline": {"compelling_event": event},
    }
    for kind in ALL:
        *parents, name = kind.doc_path.split(".")
        place = data
        for part in parents:
            place = place.setdefault(part, {})
        place[name] = kind.document_value(list(getattr(opp, kind.related).all()), ref)
    # One validation of the whole tree (pydantic's core walks it), rather than a model per row.
    return d.Deal.model_validate(data)


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
    from dealpilot.engine.playbook import known_playbook, list_playbooks

    problems: list[Problem] = []
    o = doc.opportunity
    _money(o.amount, "opportunity.amount", problems)
    _money(doc.budget.amount, "budget.amount", problems)
    for i, v in enumerate(doc.value):
        _money(v.amount, f"value[{i}].amount", problems)
    if not re.fullmatch(r"[A-Za-z]{3}", o.currency):
        problems.append(Problem("opportunity.currency", "must be three letters, like CNY"))
    problems.extend(_nul_problems(doc.to_data()))
    # Shipped or published team playbooks only: a path in an uploaded document must never read
    # a server file. The stage must be one of that playbook's.
    pb = known_playbook(doc.playbook)
    if pb is None:
        known = ", ".join(list_playbooks()) or "(none installed)"
        problems.append(Problem("playbook", f"unknown playbook {doc.playbook!r} (built in: {known}; "
                                            "or a published team playbook)"))
    elif pb.stage(o.stage) is None:
        problems.append(Problem("opportunity.stage", f"{o.stage!r} is not one of {', '.join(pb.stage_ids())}"))
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


def _contacts(account: m.Account, doc: d.Deal) -> dict[str, m.Contact]:
    """The account's contact for each name of the document's people, the missing ones created:
    three queries for any number of people. An existing contact keeps its title: the contact
    may sit on other teams' deals, and the document's title is this deal's (DealStakeholder.title)."""
    titles: dict[str, str] = {}
    for person in doc.stakeholders:
        titles.setdefault(person.name, person.title or "")
    found = {c.name: c for c in m.Contact.objects.filter(account=account, name__in=titles)}
    missing = [name for name in titles if name not in found]
    if missing:
        # ignore_conflicts: a contact another save created meanwhile is read back, not an error
        m.Contact.objects.bulk_create([m.Contact(account=account, name=n, title=titles[n]) for n in missing],
                                      ignore_conflicts=True)
        found.update((c.name, c) for c in m.Contact.objects.filter(account=account, name__in=missing))
    return found


_HEADER = ("name", "amount", "currency", "stage", "close_date", "owner")


def _clear_rows(opp: m.Opportunity) -> None:
    for model in (m.DecisionStep, m.Competitor, m.Milestone, m.Pain, m.ValueItem, m.PlanStep,
                  m.Objection, m.Answer, Activity):
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
    Returns the stored deal read with its lists (`loading.with_lists()`), ready for its document.
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
        # The receivers of every write below (the deal's save, its people deleted, the history)
        # collect the deal; its search keys are written once, on leaving the block, from what it
        # then holds — the people bulk-inserted too, which send no signal.
        with search_keys.batched():
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
            contacts = _contacts(account, doc)
            write_rows([(opp, doc)], lambda _opp, person: contacts[person.name])
            # One read of what was stored serves the history's comparison, the verdict and the
            # caller's answer (it comes back with its lists, `loading.with_lists()`).
            stored = load_deal(opp.pk)
            unchanged = False
            after = deal_to_document(stored)
            if before is None:
                record_change(opp, user, "created", None, None)
            else:
                changes = _differences(before, after.to_data())
                unchanged = not changes
                for field, old, new in changes:
                    record_change(opp, user, field, old, new)
        if unchanged:  # an unchanged document must not make everyone's open forms stale
            transaction.set_rollback(True)
        else:
            # The history's receivers and the search keys rewrote these two columns of the row just read.
            stored.refresh_from_db(fields=["stage_since", "search_keys"])
            from dealpilot.deals.verdict import assess_opportunity

            # the cached score commits with the change, or not at all
            assess_opportunity(stored, document=after)
    return load_deal(opp.pk) if unchanged else stored  # unchanged: the deal as it was


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
