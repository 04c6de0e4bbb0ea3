"""The background job that sends a delivery (`dealpilot.jobs`; the worker imports this module
through ApiConfig.ready)."""

from __future__ import annotations

from typing import Any

from dealpilot.api.models import WebhookDelivery
from dealpilot.api.webhooks.delivery import deliver
from dealpilot.jobs import JobError, job_function


@job_function("webhook")
def send_delivery(job: Any, progress: Any) -> dict[str, Any]:
    progress.set_total(1)
    delivery = deliver(int(job.params["delivery"]))
    progress.advance(1, errors=0 if delivery.status == WebhookDelivery.Status.DELIVERED else 1)
    last = delivery.attempts[-1] if delivery.attempts else {}
    if delivery.status != WebhookDelivery.Status.DELIVERED:
        raise JobError(f"{delivery.webhook.url} did not accept the delivery after {len(delivery.attempts)} "
                       f"attempts (last: {last.get('status') or last.get('error')})")
    return {"delivery": delivery.pk, "attempts": len(delivery.attempts), "status": last.get("status")}
