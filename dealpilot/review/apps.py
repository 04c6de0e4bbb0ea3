from __future__ import annotations

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "dealpilot.review"
    label = "review"
    verbose_name = "Deal review"
    default_auto_field = "django.db.models.BigAutoField"
