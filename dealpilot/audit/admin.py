"""The audit trail in Django's admin too: read only (nobody edits or deletes what happened)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from dealpilot.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "action_label", "target", "address")
    list_filter = ("action",)
    search_fields = ("username", "target", "address")
    date_hierarchy = "at"
    readonly_fields = ("at", "user", "username", "action", "target", "detail", "address")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
