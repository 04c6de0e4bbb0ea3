"""Accounts and contacts you may see (an account is visible when one of its deals is); admins
rename them."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from ninja import Query, Router

from dealpilot.api.admins import require_admin
from dealpilot.api.errors import problems_response
from dealpilot.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from dealpilot.api.routes.deals import READ, WRITE
from dealpilot.api.schemas import AccountOut, AccountPage, AccountPatch, ContactDetail, ContactPatch
from dealpilot.deals import models as m
from dealpilot.deals.access import get_account_for_user, get_contact_for_user, visible_accounts
from dealpilot.engine.errors import Problem

router = Router()
Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _account(account: m.Account) -> dict[str, Any]:
    return {"id": account.pk, "name": account.name,
            "contacts": [{"id": c.pk, "name": c.name, "title": c.title} for c in account.contacts.all()]}


def _contact(user: Any, contact: m.Contact) -> dict[str, Any]:
    deals = (m.Opportunity.objects.visible_to(user).filter(stakeholders__contact=contact)
             .order_by("pk").values_list("pk", flat=True).distinct())
    return {"id": contact.pk, "name": contact.name, "title": contact.title,
            "account": {"id": contact.account_id, "name": contact.account.name}, "deals": list(deals)}


@router.get("/accounts", response={200: AccountPage, **READ}, summary="List accounts")
def list_accounts(request: HttpRequest, cursor: str | None = None, limit: int = Limit) -> dict[str, Any]:
    rows, next_cursor = page(visible_accounts(request.user).prefetch_related("contacts"), cursor, limit)
    return {"items": [_account(a) for a in rows], "next_cursor": next_cursor}


@router.get("/accounts/{account_id}", response={200: AccountOut, **READ}, summary="Get an account and its contacts")
def get_account(request: HttpRequest, account_id: int) -> dict[str, Any]:
    return _account(get_account_for_user(request, account_id))


@router.patch("/accounts/{account_id}", response={200: AccountOut, **WRITE}, summary="Rename an account (admins)")
def patch_account(request: HttpRequest, account_id: int, payload: AccountPatch) -> Any:
    account = get_account_for_user(request, account_id)
    require_admin(request, "rename accounts")
    account.name = payload.name.strip()
    if not account.name:
        return problems_response([Problem("body.name", "may not be blank")])
    try:
        with transaction.atomic():
            account.save(update_fields=["name"])
    except IntegrityError:
        return problems_response([Problem("body.name", "another account already has this name")])
    return _account(account)


@router.get("/contacts/{contact_id}", response={200: ContactDetail, **READ}, summary="Get a contact")
def get_contact(request: HttpRequest, contact_id: int) -> dict[str, Any]:
    return _contact(request.user, get_contact_for_user(request, contact_id))


@router.patch("/contacts/{contact_id}", response={200: ContactDetail, **WRITE}, summary="Change a contact (admins)")
def patch_contact(request: HttpRequest, contact_id: int, payload: ContactPatch) -> Any:
    contact = get_contact_for_user(request, contact_id)
    require_admin(request, "change contacts")
    if payload.name is not None:
        contact.name = payload.name.strip()
        if not contact.name:
            return problems_response([Problem("body.name", "may not be blank")])
    if payload.title is not None:
        contact.title = payload.title.strip()
    try:
        with transaction.atomic():
            contact.save(update_fields=["name", "title"])
    except IntegrityError:
        return problems_response([Problem("body.name", "the account already has a contact of this name")])
    return _contact(request.user, contact)
