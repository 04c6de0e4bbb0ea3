from __future__ import annotations

from django.contrib import admin

from dealpilot.pipeline.models import ExchangeRate, SavedView


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("currency", "rate", "valid_from")
    list_filter = ("currency",)
    ordering = ("currency", "-valid_from")


@admin.register(SavedView)
class SavedViewAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "team", "shared_with_team")
    raw_id_fields = ("owner",)
