from __future__ import annotations

from django.contrib import admin
from django.db import models

from dealpilot.api.models import ApiToken, Webhook, WebhookDelivery


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "user", "read_only", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "digest", "last_used_at", "created_at")
    search_fields = ("name", "prefix", "user__username")


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ("url", "active", "created_by", "created_at")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "webhook", "status", "created_at", "delivered_at")
    list_filter = ("status", "event")
    readonly_fields = ("webhook", "event", "payload", "status", "attempts", "created_at", "delivered_at")
