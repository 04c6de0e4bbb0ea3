from __future__ import annotations

from django.urls import path

from dealpilot.pipeline.views import board, export, saved, table

urlpatterns = [
    path("pipeline/", table.pipeline_table, name="pipeline"),
    path("pipeline/totals/", table.pipeline_totals, name="pipeline_totals"),
    path("pipeline/export.csv", export.export_csv, name="pipeline_export_csv"),
    path("pipeline/export.xlsx", export.export_xlsx, name="pipeline_export_xlsx"),
    path("pipeline/board/", board.pipeline_board, name="pipeline_board"),
    path("pipeline/board/<int:pk>/stage/", board.move_card, name="pipeline_move"),
    path("pipeline/views/", saved.view_save, name="pipeline_view_save"),
    path("pipeline/views/<int:pk>/", saved.view_open, name="pipeline_view"),
    path("pipeline/views/<int:pk>/delete/", saved.view_delete, name="pipeline_view_delete"),
]
