from __future__ import annotations

from django.urls import path

from dealpilot.review import views

urlpatterns = [
    path("deals/<int:pk>/review/", views.review_page, name="deal_review"),
    path("deals/<int:pk>/review.md", views.review_markdown, name="deal_review_markdown"),
    path("deals/<int:pk>/charts/powermap.json", views.powermap_json, name="deal_chart_powermap"),
    path("deals/<int:pk>/charts/radar.json", views.radar_json, name="deal_chart_radar"),
    path("deals/<int:pk>/charts/trend.json", views.trend_json, name="deal_chart_trend"),
]
