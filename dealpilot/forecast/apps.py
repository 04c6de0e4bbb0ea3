from __future__ import annotations

from django.apps import AppConfig


class ForecastConfig(AppConfig):
    name = "dealpilot.forecast"
    label = "forecast"
    verbose_name = "Forecast"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dealpilot.forecast import training  # noqa: F401  (registers the training job's kind for the worker)
