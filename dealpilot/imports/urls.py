from __future__ import annotations

from django.urls import path

from dealpilot.imports import views

urlpatterns = [
    path("import/", views.import_start, name="import_start"),
    path("import/<int:pk>/", views.import_run, name="import_run"),
    path("import/<int:pk>/start/", views.import_go, name="import_go"),
    path("import/<int:pk>/revert/", views.import_revert, name="import_revert"),
    path("import/<int:pk>/failed-rows.csv", views.import_failed_rows, name="import_failed_rows"),
]
