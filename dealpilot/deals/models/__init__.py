"""The deal data model: it holds the whole `dealpilot/1` document of every opportunity."""

from dealpilot.deals.models.choices import (
    Access,
    AnswerStatus,
    Attitude,
    BudgetStatus,
    CompetitorPosition,
    Influence,
    ObjectionStatus,
    PainCategory,
    StepStatus,
)
from dealpilot.deals.models.directory import Account, Contact
from dealpilot.deals.models.facts import (
    Answer,
    Competitor,
    DecisionStep,
    Milestone,
    Objection,
    Pain,
    PlanStep,
    ValueItem,
)
from dealpilot.deals.models.history import ChangeRecord
from dealpilot.deals.models.opportunity import LOST, WON, Opportunity, OpportunityQuerySet
from dealpilot.deals.models.stakeholder import DealStakeholder

__all__ = [
    "Access", "Account", "Answer", "AnswerStatus", "Attitude", "BudgetStatus", "ChangeRecord",
    "Competitor", "CompetitorPosition", "Contact", "DealStakeholder", "DecisionStep", "Influence",
    "Milestone", "Objection", "ObjectionStatus", "Opportunity", "OpportunityQuerySet", "Pain",
    "LOST", "PainCategory", "PlanStep", "StepStatus", "ValueItem", "WON",
]
