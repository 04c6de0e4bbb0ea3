"""The call plan of a deal due this week: whom to talk to and what to ask, from the engine's coach."""

from __future__ import annotations

from dataclasses import dataclass, field

from dealpilot.deals.convert import deal_to_document
from dealpilot.deals.models import Opportunity
from dealpilot.deals.verdict import assess_document
from dealpilot.engine.results import CallPlanEntry

#: Conversations shown per deal, and questions per conversation (the deal page has the rest).
CONVERSATIONS = 2
QUESTIONS = 3


@dataclass
class CallPlan:
    entries: list[CallPlanEntry] = field(default_factory=list)  # questions trimmed
    assessed: bool = True  # False: the engine could not assess the deal (no plan to show)


def call_plan(opp: Opportunity) -> CallPlan:
    """The first conversations of the coach's plan for `opp` (read with `with_lists`), not cached:
    the home page writes nothing."""
    assessment = assess_document(deal_to_document(opp))
    if assessment is None:
        return CallPlan(assessed=False)
    return CallPlan([CallPlanEntry(e.stakeholder, e.name, e.questions[:QUESTIONS])
                     for e in assessment.call_plan[:CONVERSATIONS]])
