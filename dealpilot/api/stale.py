"""409: the deal moved on since the version a change was based on; nothing was written, and
the answer holds the deal as it is now, to start again from."""

from __future__ import annotations

from django.http import HttpResponse

from dealpilot.api.errors import json_response
from dealpilot.deals.convert import MissingVersion, deal_to_document
from dealpilot.deals.history import StaleVersion
from dealpilot.deals.loading import with_lists


def conflict(pk: int, exc: StaleVersion) -> HttpResponse:
    current = with_lists().get(pk=pk)
    detail = ("the document does not say which version it was written from (opportunity.version)"
              if isinstance(exc, MissingVersion) else f"the deal changed meanwhile: it is at version {current.version}")
    return json_response({"detail": detail, "current_version": current.version,
                          "document": deal_to_document(current).to_data()}, 409)
