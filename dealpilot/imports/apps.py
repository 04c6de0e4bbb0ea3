from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "dealpilot.imports"
    label = "imports"
    verbose_name = "Imports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dealpilot.imports import job  # noqa: F401 - registers the "import" job kind for the worker
