from __future__ import annotations

from django.urls import path

from dealpilot.workspace.views import checklist, opportunity, page, rows, stakeholders

urlpatterns = [
    path("deals/<int:pk>/", page.deal_page, name="deal_page"),
    path("deals/<int:pk>/section/<slug:name>/", page.section, name="workspace_section"),
    path("deals/<int:pk>/verdict/", page.section, {"name": "verdict"}, name="deal_verdict"),
    path("deals/<int:pk>/edit/<slug:block>/", opportunity.edit_block, name="workspace_block"),
    path("deals/<int:pk>/stakeholders/new/", stakeholders.stakeholder_new, name="workspace_stakeholder_new"),
    path("deals/<int:pk>/stakeholders/<int:sid>/", stakeholders.stakeholder_edit, name="workspace_stakeholder"),
    path("deals/<int:pk>/stakeholders/<int:sid>/row/", stakeholders.stakeholder_row,
         name="workspace_stakeholder_row"),
    path("deals/<int:pk>/stakeholders/<int:sid>/delete/", stakeholders.stakeholder_delete,
         name="workspace_stakeholder_delete"),
    path("deals/<int:pk>/rows/<slug:kind>/new/", rows.row_new, name="workspace_row_new"),
    path("deals/<int:pk>/rows/<slug:kind>/<int:row_id>/", rows.row_edit, name="workspace_row"),
    path("deals/<int:pk>/rows/<slug:kind>/<int:row_id>/delete/", rows.row_delete, name="workspace_row_delete"),
    path("deals/<int:pk>/answers/<slug:cid>/", checklist.answer, name="workspace_answer"),
]
