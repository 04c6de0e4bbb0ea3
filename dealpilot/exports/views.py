"""The everything-ZIP download, streamed as it is written (see `bundle`)."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import get_language, override
from django.views.decorators.http import require_GET

from dealpilot.audit import record
from dealpilot.exports import bundle


def _in_language(chunks: Iterator[bytes], language: str) -> Iterator[bytes]:
    # The body is written after the view has returned, when the request's language may be gone.
    with override(language):
        yield from chunks


@login_required
@require_GET
def everything_zip(request: HttpRequest) -> StreamingHttpResponse:
    user = request.user  # the access rule: bundle reads only what this user may see
    record(request, "export", target="everything.zip",
           detail={"format": "zip", "deals": bundle.visible_deals(user).count()})
    chunks = _in_language(bundle.zip_chunks(user), get_language())
    response = StreamingHttpResponse(chunks, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{bundle.filename()}"'
    return response
