"""The one door check: the deal a user may see (or edit), or 404 — for every view alike."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from dealpilot.deals.models import Account, Contact, Opportunity, OpportunityQuerySet

_MAX_ID = 2**63 - 1  # larger ids would overflow PostgreSQL's bigint and fail with a 500


def _user(request_or_user: Any) -> Any:
    return request_or_user.user if isinstance(request_or_user, HttpRequest) else request_or_user


def object_id(pk: Any) -> int:
    """A URL's id as the database can look it up, or Http404 (not a number, or out of range)."""
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
    `write` is where a read-only share would be refused. `queryset` says what to read with the
    deal (e.g. `deals.loading.with_lists()`); by default its account, owner and team.
    """
    user = _user(request_or_user)
    qs = Opportunity.objects.select_related("account", "owner", "team") if queryset is None else queryset
    if not isinstance(qs, OpportunityQuerySet):
        qs = Opportunity.objects.filter(pk__in=qs.values("pk"))
    try:
        return qs.visible_to(user).get(pk=object_id(pk))
    except Opportunity.DoesNotExist:
        raise Http404 from None


def visible_accounts(user: Any) -> QuerySet[Account]:
    """Accounts on which the user can see at least one deal."""
    return Account.objects.filter(pk__in=Opportunity.objects.visible_to(user).values("account_id"))


def get_account_for_user(request_or_user: Any, pk: Any) -> Account:
    try:
        return visible_accounts(_user(request_or_user)).get(pk=object_id(pk))
    except Account.DoesNotExist:
        raise Http404 from None


def get_contact_for_user(request_or_user: Any, pk: Any) -> Contact:
    user = _user(request_or_user)
    try:
        return Contact.objects.select_related("account").filter(
            account__in=visible_accounts(user)).get(pk=object_id(pk))
    except Contact.DoesNotExist:
        raise Http404 from None
