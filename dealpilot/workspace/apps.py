from __future__ import annotations

from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "dealpilot.workspace"
    label = "workspace"
    verbose_name = "Deal workspace"
