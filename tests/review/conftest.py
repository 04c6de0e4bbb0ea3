"""The web tests' named cast, plus a realistic deal (the shipped example) owned by rep A."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.deals.bulk import NewDeal, write_deals
from dealpilot.engine import read_document
from dealpilot.engine.document import Deal
from tests.web.conftest import Cast, cast, login  # noqa: F401  (fixtures shared with the web tests)

EXAMPLES = "dealpilot/engine/examples"


def example_document(lang: str = "zh") -> Deal:
    return read_document(f"{EXAMPLES}/deal.{lang}.yaml")


def write_example(owner: Any, doc: Deal | None = None) -> Any:
    doc = doc or example_document()
    return write_deals([NewDeal(doc=doc, owner=owner, team_id=owner.profile.team_id)])[0]


@pytest.fixture
def example(cast: Cast) -> Any:  # noqa: F811
    return write_example(cast.rep_a)
