from __future__ import annotations

from django.urls import path

from dealpilot.deals.views import directory, documents, history, lists

urlpatterns = [
    path("deals/", lists.deal_list, name="deal_list"),
    path("deals/new/", lists.deal_new, name="deal_new"),
    path("deals/upload/", documents.upload_new, name="deal_upload_new"),
    path("deals/<int:pk>/document.<str:fmt>", documents.download, name="deal_document"),
    path("deals/<int:pk>/upload/", documents.upload_replace, name="deal_upload"),
    path("deals/<int:pk>/history/", history.deal_history, name="deal_history"),
    path("accounts/<int:pk>/", directory.account_page, name="account_page"),
    path("contacts/<int:pk>/", directory.contact_page, name="contact_page"),
]
