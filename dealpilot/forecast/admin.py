from __future__ import annotations

from django.contrib import admin

from dealpilot.forecast.models import Adjustment, Quota


@admin.register(Quota)
class QuotaAdmin(admin.ModelAdmin):
    list_display = ("period", "user", "team", "amount")
    list_filter = ("period", "team")
    search_fields = ("period", "user__username", "team__name")


@admin.register(Adjustment)
class AdjustmentAdmin(admin.ModelAdmin):
    list_display = ("period", "user", "team", "amount", "author", "created_at")
    list_filter = ("period",)
    # Adjustments are a record of who said what and when: made on the forecast page, never edited.
    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
