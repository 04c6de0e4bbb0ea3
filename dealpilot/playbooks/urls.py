from __future__ import annotations

from django.urls import path

from dealpilot.playbooks import views

urlpatterns = [
    path("playbooks/", views.playbook_list, name="playbook_list"),
    path("playbooks/copy/", views.playbook_copy, name="playbook_copy"),
    path("playbooks/import/", views.playbook_import, name="playbook_import"),
    path("playbooks/<str:ref>/edit/", views.playbook_edit, name="playbook_edit"),
    path("playbooks/<str:ref>/preview/", views.playbook_preview, name="playbook_preview"),
    path("playbooks/<str:ref>/publish/", views.playbook_publish, name="playbook_publish"),
    path("playbooks/<str:ref>/export/", views.playbook_export, name="playbook_export"),
]
