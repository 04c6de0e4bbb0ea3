from __future__ import annotations

from django.apps import AppConfig


class ForecastConfig(AppConfig):
    name = "dealpilot.forecast"
    label = "forecast"
    verbose_name = "Forecast"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dealpilot.forecast import training

        training.register()  # the worker must know the training job's kind
