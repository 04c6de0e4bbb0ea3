"""The API's tables: personal tokens and their request counters, webhooks and their deliveries."""

from dealpilot.api.models.tokens import ApiToken, TokenRequestCount
from dealpilot.api.models.webhooks import EVENTS, Webhook, WebhookDelivery

__all__ = ["EVENTS", "ApiToken", "TokenRequestCount", "Webhook", "WebhookDelivery"]
