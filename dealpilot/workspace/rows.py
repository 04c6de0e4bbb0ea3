"""The deal's list-shaped facts, edited through one set of views: each kind (see
dealpilot/deals/rowkinds.py) names its model, form, place in the deal document and section."""

from __future__ import annotations

from typing import Any

from dealpilot.deals.rowkinds import FACTS_BY_KEY, RowKind
from dealpilot.workspace import forms


def get_kind(slug: str) -> RowKind | None:
    return FACTS_BY_KEY.get(slug)


def form_of(kind: RowKind) -> Any:
    """The kind's form class (named in the registry, defined in workspace.forms)."""
    return getattr(forms, kind.form)
