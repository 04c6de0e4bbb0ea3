"""Shared by the playbook tests: the web tests' cast and two example deals (one open, one won)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.review.conftest import example_document, write_example
from tests.web.conftest import Cast, cast, login  # noqa: F401  (fixtures shared with the web tests)


@pytest.fixture
def deals(cast: Cast) -> dict[str, Any]:  # noqa: F811
    open_deal = write_example(cast.rep_a)
    won_doc = example_document()
    won_doc = won_doc.model_copy(update={"opportunity": won_doc.opportunity.model_copy(update={"stage": "won"})})
    won = write_example(cast.rep_b, won_doc)
    return {"open": open_deal, "won": won}
