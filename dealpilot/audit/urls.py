from __future__ import annotations

from django.urls import path

from dealpilot.audit import views

urlpatterns = [
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/export.csv", views.audit_csv, name="audit_csv"),
]
