from __future__ import annotations

from django.urls import path

from dealpilot.forecast.views import calibration, deal, model, moved, page, quotas

urlpatterns = [
    path("forecast/", page.forecast_page, name="forecast"),
    path("forecast/export.xlsx", page.forecast_export, name="forecast_export"),
    path("forecast/adjust/", page.forecast_adjust, name="forecast_adjust"),
    path("forecast/quotas/", quotas.quotas_page, name="forecast_quotas"),
    path("forecast/quotas/save/", quotas.quotas_save, name="forecast_quotas_save"),
    path("forecast/quotas/upload/", quotas.quotas_upload, name="forecast_quotas_upload"),
    path("forecast/moved/", moved.moved_page, name="forecast_moved"),
    path("forecast/moved/chart.json", moved.moved_chart, name="forecast_moved_chart"),
    path("forecast/calibration/", calibration.calibration_page, name="forecast_calibration"),
    path("forecast/deals/<int:pk>/odds/", deal.deal_odds, name="forecast_deal_odds"),
    path("forecast/deals/<int:pk>/call/", deal.deal_call, name="forecast_deal_call"),
    path("forecast/model/", model.model_page, name="forecast_model"),
    path("forecast/model/train/", model.model_train, name="forecast_model_train"),
    path("forecast/model/chart.json", model.model_chart, name="forecast_model_chart"),
]
