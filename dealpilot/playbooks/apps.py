from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlaybooksConfig(AppConfig):
    name = "dealpilot.playbooks"
    label = "playbooks"
    verbose_name = _("Playbooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dealpilot.engine.playbook import set_playbook_source
        from dealpilot.playbooks import rescore  # noqa: F401  (registers the re-scoring job)
        from dealpilot.playbooks.store import published

        set_playbook_source(published)
