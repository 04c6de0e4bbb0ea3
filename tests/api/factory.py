"""Documents for the API tests: the shipped example, as JSON data."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from dealpilot.deals.convert import save_document
from dealpilot.engine.document import loads_document

EXAMPLE = Path(__file__).resolve().parents[2] / "dealpilot" / "engine" / "examples" / "deal.zh.yaml"


def example_data(**opportunity: Any) -> dict[str, Any]:
    data = copy.deepcopy(loads_document(EXAMPLE.read_text(encoding="utf-8")).to_data())
    data["opportunity"].pop("id", None)
    data["opportunity"].update(opportunity)
    return data


def full_deal(owner: Any) -> Any:
    """A deal with every list filled, owned by `owner`."""
    return save_document(loads_document(EXAMPLE.read_text(encoding="utf-8")), owner)
