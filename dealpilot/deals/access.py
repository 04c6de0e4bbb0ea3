"""The one door check: the deal a user may see (or edit), or 404 — for every view alike."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from dealpilot.accounts.models import Team, profile_of, role_of
from dealpilot.deals.compiled_sql import STAND_INS, compiled, field_names, loaded, run
from dealpilot.deals.models import Account, Contact, Opportunity, OpportunityQuerySet
from dealpilot.deals.models.opportunity import visibility_for

_MAX_ID = 2**63 - 1  # larger ids would overflow PostgreSQL's bigint and fail with a 500


def _user(request_or_user: Any) -> Any:
    return request_or_user.user if isinstance(request_or_user, HttpRequest) else request_or_user


def _pk(pk: Any) -> int:
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < value <= _MAX_ID:
        raise Http404
    return value


def get_deal_for_user(request_or_user: Any, pk: Any, write: bool = False,
                      queryset: QuerySet[Opportunity] | None = None) -> Opportunity:
    """The deal `pk` if the user may see it (and edit it, with `write`); otherwise Http404.

    404 rather than 403: whether a deal outside one's permissions exists is itself a secret.
    Everyone who may see a deal may edit it today (rep: own + shared, manager: team, admin: all);
    `write` is where a read-only share would be refused.
    """
    user = _user(request_or_user)
    if queryset is None:
        return _visible_deal(user, _pk(pk))
    qs = queryset
    if not isinstance(qs, OpportunityQuerySet):
        qs = Opportunity.objects.filter(pk__in=qs.values("pk"))
    try:
        return qs.visible_to(user).get(pk=_pk(pk))
    except Opportunity.DoesNotExist:
        raise Http404 from None


# The deal row with its account, owner and team, in the order their models' fields are declared.
_JOINED = (("account", Account), ("owner", get_user_model()), ("team", Team))


def _deal_query(role: str, with_team: bool) -> QuerySet[Any]:
    """Deal STAND_INS[0] if visible to user STAND_INS[1] of team STAND_INS[2] (the rule of visible_to)."""
    condition = visibility_for(role, STAND_INS[1], STAND_INS[2] if with_team else None)
    qs = Opportunity.objects.filter(pk=STAND_INS[0])
    if condition is not None:
        qs = qs.filter(condition)
    columns = field_names(Opportunity) + [f"{name}__{f}" for name, model in _JOINED for f in field_names(model)]
    return qs.values_list(*columns)


def _visible_deal(user: Any, pk: int) -> Opportunity:
    """`select_related("account", "owner", "team").visible_to(user).get(pk=pk)`, with SQL compiled once."""
    role = role_of(user)
    if role is None:
        raise Http404
    profile = profile_of(user)
    team_id = profile.team_id if profile is not None else None
    query = compiled(("visible deal", role, team_id is not None), lambda: _deal_query(role, team_id is not None))
    rows = run(query, pk, user.pk, team_id)
    if not rows:
        raise Http404
    row, db = rows[0], connection.alias
    names = field_names(Opportunity)
    opp = loaded(Opportunity, db, names, row[: len(names)])
    start = len(names)
    for name, model in _JOINED:
        fields = field_names(model)
        values = row[start: start + len(fields)]
        start += len(fields)
        related = loaded(model, db, fields, values) if values[0] is not None else None
        Opportunity._meta.get_field(name).set_cached_value(opp, related)
    return opp


def visible_accounts(user: Any) -> QuerySet[Account]:
    """Accounts on which the user can see at least one deal."""
    return Account.objects.filter(pk__in=Opportunity.objects.visible_to(user).values("account_id"))


def get_account_for_user(request_or_user: Any, pk: Any) -> Account:
    try:
        return visible_accounts(_user(request_or_user)).get(pk=_pk(pk))
    except Account.DoesNotExist:
        raise Http404 from None


def get_contact_for_user(request_or_user: Any, pk: Any) -> Contact:
    user = _user(request_or_user)
    try:
        return Contact.objects.select_related("account").filter(
            account__in=visible_accounts(user)).get(pk=_pk(pk))
    except Contact.DoesNotExist:
        raise Http404 from None
