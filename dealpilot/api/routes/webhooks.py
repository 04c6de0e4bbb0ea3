"""Webhooks (admins): register a URL and its events, list them with their recent deliveries,
remove one. The secret that signs deliveries is shown when the webhook is registered."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from pydantic import AnyHttpUrl, Field

from dealpilot.accounts.models import Role, role_of
from dealpilot.api.admins import require_admin
from dealpilot.api.errors import problems_response
from dealpilot.api.models import EVENTS, Webhook, WebhookDelivery
from dealpilot.api.routes.deals import READ, WRITE
from dealpilot.api.schemas import ErrorOut
from dealpilot.deals.access import object_id
from dealpilot.engine.errors import Problem

router = Router()
_SHOWN_DELIVERIES = 20


class WebhookIn(Schema):
    url: AnyHttpUrl
    events: list[str] = Field(min_length=1, description=", ".join(EVENTS))


class AttemptOut(Schema):
    at: str
    status: int | None
    body: str
    error: str


class DeliveryOut(Schema):
    id: int
    event: str
    status: str
    created_at: str
    attempts: list[AttemptOut]


class WebhookOut(Schema):
    id: int
    url: str
    events: list[str]
    active: bool
    deliveries: list[DeliveryOut] = Field(description="the latest deliveries, newest first")


class WebhookCreated(WebhookOut):
    secret: str = Field(description="signs every delivery (HMAC-SHA256); keep it with the receiver")


def _delivery(d: WebhookDelivery) -> dict[str, Any]:
    return {"id": d.pk, "event": d.event, "status": d.status, "created_at": d.created_at.isoformat(),
            "attempts": d.attempts}


def _hook(h: Webhook, deliveries: bool = True) -> dict[str, Any]:
    shown = [_delivery(d) for d in h.deliveries.all()[:_SHOWN_DELIVERIES]] if deliveries else []
    return {"id": h.pk, "url": h.url, "events": h.events, "active": h.active, "deliveries": shown}


def get_webhook_for_user(request: HttpRequest, pk: Any) -> Webhook:
    """A webhook for an admin; 404 for anyone else (its URL and existence are the admin's)."""
    if role_of(request.user) != Role.ADMIN:
        raise Http404
    try:
        return Webhook.objects.get(pk=object_id(pk))
    except Webhook.DoesNotExist:
        raise Http404 from None


@router.get("", response={200: list[WebhookOut], 403: ErrorOut, **READ}, summary="List webhooks (admins)")
def list_webhooks(request: HttpRequest) -> list[dict[str, Any]]:
    require_admin(request, "manage webhooks")
    return [_hook(h) for h in Webhook.objects.all()]


@router.post("", response={201: WebhookCreated, **WRITE}, summary="Register a webhook (admins)")
def create_webhook(request: HttpRequest, payload: WebhookIn) -> Any:
    require_admin(request, "manage webhooks")
    unknown = [e for e in payload.events if e not in EVENTS]
    if unknown:
        return problems_response([Problem(f"body.events[{payload.events.index(e)}]",
                                          f"{e!r} is not one of {', '.join(EVENTS)}") for e in unknown])
    url = str(payload.url)
    if len(url) > 500 or "\x00" in url:
        return problems_response([Problem("body.url", "is too long")])
    hook = Webhook.objects.create(url=url, events=sorted(set(payload.events)), created_by=request.user)
    return Status(201, {**_hook(hook, deliveries=False), "secret": hook.secret})


@router.get("/{webhook_id}", response={200: WebhookOut, 403: ErrorOut, **READ}, summary="Get a webhook (admins)")
def get_webhook(request: HttpRequest, webhook_id: int) -> dict[str, Any]:
    return _hook(get_webhook_for_user(request, webhook_id))


@router.delete("/{webhook_id}", response={204: None, **WRITE}, summary="Remove a webhook (admins)")
def delete_webhook(request: HttpRequest, webhook_id: int) -> HttpResponse:
    get_webhook_for_user(request, webhook_id).delete()
    return HttpResponse(status=204)
