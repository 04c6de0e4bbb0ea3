from __future__ import annotations

from django.urls import path

from dealpilot.api import views

urlpatterns = [
    path("settings/tokens/", views.token_list, name="api_tokens"),
    path("settings/tokens/<int:pk>/revoke/", views.token_revoke, name="api_token_revoke"),
]
