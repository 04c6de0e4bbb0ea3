"""Sending one delivery: signed POST, each attempt logged with the answer; retried with
backoff (WEBHOOK_RETRY_SECONDS, doubled each time) up to WEBHOOK_MAX_ATTEMPTS, from the job."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone

from dealpilot.api.models import WebhookDelivery
from dealpilot.api.webhooks.signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature,
)

_KEPT = 1000  # characters of a receiver's answer kept in the log


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def attempt(delivery: WebhookDelivery) -> dict[str, Any]:
    """One POST; the log entry of it. 2xx is delivered; anything else (or no answer) is not."""
    body = body_of(delivery)
    stamp = int(time.time())
    request = urllib.request.Request(delivery.webhook.url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": "DealPilot-Webhook/1",
        EVENT_HEADER: delivery.event, DELIVERY_HEADER: str(delivery.pk), TIMESTAMP_HEADER: str(stamp),
        SIGNATURE_HEADER: signature(delivery.webhook.secret, stamp, body)})
    entry: dict[str, Any] = {"at": timezone.now().isoformat(), "status": None, "body": "", "error": ""}
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT) as answer:  # noqa: S310 (admin's URL)
            entry["status"], entry["body"] = answer.status, answer.read(_KEPT).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        entry["status"], entry["body"] = exc.code, exc.read(_KEPT).decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        entry["error"] = str(getattr(exc, "reason", exc))[:_KEPT]
    return entry


def deliver(delivery_id: int, sleep: Callable[[float], None] = time.sleep) -> WebhookDelivery:
    """Try until a 2xx or the attempts run out; every attempt is saved as it happens."""
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)
    attempts = max(1, settings.WEBHOOK_MAX_ATTEMPTS)
    while delivery.status == WebhookDelivery.Status.PENDING:
        entry = attempt(delivery)
        delivery.attempts = [*delivery.attempts, entry]
        if entry["status"] is not None and 200 <= entry["status"] < 300:
            delivery.status, delivery.delivered_at = WebhookDelivery.Status.DELIVERED, timezone.now()
        elif len(delivery.attempts) >= attempts:
            delivery.status = WebhookDelivery.Status.FAILED
        delivery.save(update_fields=["attempts", "status", "delivered_at"])
        if delivery.status == WebhookDelivery.Status.PENDING:
            sleep(settings.WEBHOOK_RETRY_SECONDS * 2 ** (len(delivery.attempts) - 1))
    return delivery
