from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "dealpilot.imports"
    label = "imports"
    verbose_name = "Imports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        try:  # the background-job kind; the jobs app may be missing in an older checkout
            from dealpilot.imports import job  # noqa: F401
        except ImportError as exc:  # pragma: no cover - depends on dealpilot.jobs being installed
            if "dealpilot.jobs" not in str(exc):
                raise
