from __future__ import annotations

from django.urls import path

from dealpilot.home import views

urlpatterns = [
    path("home/", views.home, name="home"),
    path("home/score-history.json", views.score_history_json, name="home_score_history"),
]
