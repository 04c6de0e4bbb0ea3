"""Sort orders of the pipeline table: every column, ascending or descending, ties broken by id."""

from __future__ import annotations

from django.db.models import F, OrderBy

from dealpilot.deals.stages import Stages, workspace_stages

# column key -> the field it sorts by; "-key" sorts descending. Each has an index (deals models).
COLUMNS = {
    "account": "account__name", "deal": "name", "owner": "owner__username", "stage": "stage",
    "days": "stage_since", "amount": "amount", "close": "close_date", "score": "score",
    "flag": "top_flag_severity", "evidence": "evidence_share",
}
SORTS = [k for c in COLUMNS for k in (c, f"-{c}")]
DEFAULT_SORT = "-score"
# Days in stage grow as stage_since gets older: "days" ascending is stage_since descending.
_REVERSED = {"days"}


def order_by(sort: str, stages: Stages | None = None) -> list[OrderBy]:
    """Stages sort in the order a deal moves through them (the workspace's), not alphabetically."""
    key = sort.lstrip("-") if sort.lstrip("-") in COLUMNS else DEFAULT_SORT.lstrip("-")
    descending = (sort.startswith("-") if sort.lstrip("-") in COLUMNS else True) != (key in _REVERSED)
    field = (stages or workspace_stages()).rank_of() if key == "stage" else F(COLUMNS[key])
    first = field.desc() if descending else field.asc()
    return [first, F("pk").desc() if descending else F("pk").asc()]
