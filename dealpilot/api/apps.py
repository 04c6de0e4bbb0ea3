from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dealpilot.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The webhook events follow every door's changes (the change history's records); the
        # worker must know the delivery job's kind.
        from dealpilot.api.webhooks import events, jobs  # noqa: F401
