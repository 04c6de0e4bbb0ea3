from __future__ import annotations

from django.urls import path

from dealpilot.exports import views

urlpatterns = [
    path("export/everything.zip", views.everything_zip, name="export_everything"),
]
