from __future__ import annotations

from django.apps import AppConfig


class DealsConfig(AppConfig):
    name = "dealpilot.deals"
    label = "deals"
    verbose_name = "Deals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dealpilot.deals import signals  # noqa: F401  (connects the write-time search keys)
