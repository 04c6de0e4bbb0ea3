"""Webhooks an admin registers, and every delivery with its attempts and the answers to them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

EVENTS = {
    "deal.created": _("deal created"),
    "deal.updated": _("deal updated"),
    "deal.stage_changed": _("stage changed"),
    "deal.won": _("deal won"),
    "deal.lost": _("deal lost"),
    "deal.flag_raised": _("red flag raised"),
    "import.finished": _("import finished"),
}


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Webhook(models.Model):
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    # Signs each delivery (HMAC-SHA256); shown to the admin who registers the webhook.
    secret = models.CharField(_("secret"), max_length=100, default=new_secret)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries",
                                verbose_name=_("webhook"))
    event = models.CharField(_("event"), max_length=40)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # One entry per attempt: {"at", "status" (HTTP status or null), "body" (first 1,000 chars), "error"}.
    attempts = models.JSONField(_("attempts"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
