from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DealsConfig(AppConfig):
    name = "dealpilot.deals"
    label = "deals"
    verbose_name = _("Deals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dealpilot.deals import signals  # noqa: F401  (connects the write-time search keys)
