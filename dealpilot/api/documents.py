"""A request body read as a `dealpilot/1` document with the engine's own parser and limits
(size, nesting depth, the playbook's stages, roles and criteria): its problems as it words them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from dealpilot.engine.document import Deal, loads_data, parse_document
from dealpilot.engine.errors import DocumentError, Problem
from dealpilot.engine.playbook import DEFAULT_PLAYBOOK, Playbook, known_playbook


def builtin_playbook(data: Any) -> Playbook | None:
    """The shipped or published team playbook a document names (an unknown one is reported by
    save_document)."""
    pid = data.get("playbook", DEFAULT_PLAYBOOK) if isinstance(data, dict) else None
    return known_playbook(pid) if isinstance(pid, str) else None


def parse_data(data: Any) -> Deal:
    return parse_document(data, playbook=builtin_playbook(data))


def read_body(request: HttpRequest) -> Deal:
    """The body as a document, or DocumentError listing every problem (the API answers 422)."""
    try:
        text = request.body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError([Problem("(document)", "is not UTF-8 text")]) from None
    data = loads_data(text, fmt="json", source="body", max_bytes=settings.DOCUMENT_MAX_BYTES)
    return parse_data(data)
