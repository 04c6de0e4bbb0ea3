from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dealpilot.accounts"
    label = "accounts"
    verbose_name = _("Users and teams")
    default_auto_field = "django.db.models.BigAutoField"
