from __future__ import annotations

from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "dealpilot.pipeline"
    label = "pipeline"
    verbose_name = "Pipeline"
    default_auto_field = "django.db.models.BigAutoField"
