"""Choice lists, mirroring the engine's document enums with translated labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Attitude(models.TextChoices):
    CHAMPION = "champion", _("Champion")
    SUPPORTER = "supporter", _("Supporter")
    NEUTRAL = "neutral", _("Neutral")
    SKEPTIC = "skeptic", _("Skeptic")
    OPPONENT = "opponent", _("Opponent")
    UNKNOWN = "unknown", _("Unknown")


class Access(models.TextChoices):
    NONE = "none", _("No access")
    INDIRECT = "indirect", _("Indirect")
    MET = "met", _("Met")
    REGULAR = "regular", _("Regular")


class Influence(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class BudgetStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    NONE = "none", _("No budget")
    PLANNED = "planned", _("Planned")
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    ALLOCATED = "allocated", _("Allocated")


class CompetitorPosition(models.TextChoices):
    INCUMBENT = "incumbent", _("Incumbent")
    PREFERRED = "preferred", _("Preferred")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    MENTIONED = "mentioned", _("Mentioned")
    ELIMINATED = "eliminated", _("Eliminated")


class PainCategory(models.TextChoices):
    MAKE_MONEY = "make_money", _("Make money")
    SAVE_MONEY = "save_money", _("Save money")
    MANAGE_RISK = "manage_risk", _("Manage risk")


class ObjectionStatus(models.TextChoices):
    RAISED = "raised", _("Raised")
    UNDERSTOOD = "understood", _("Understood")
    ROOT_CAUSE_FOUND = "root_cause_found", _("Root cause found")
    RESOLVED = "resolved", _("Resolved")


class AnswerStatus(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class StepStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    BLOCKED = "blocked", _("Blocked")
