"""The method itself, as plain Python over plain data. Imports nothing from Django.

Doors (web app, CLI, API, importers) call these functions; none re-implements a rule.
"""

from dealpilot.engine.assess import Assessment, assess
from dealpilot.engine.document import (
    Deal,
    dump_document,
    loads_document,
    parse_document,
    read_document,
)
from dealpilot.engine.errors import DocumentError, EngineError, PlaybookError, Problem
from dealpilot.engine.playbook import Playbook, Text, get_playbook, list_playbooks, load_playbook
from dealpilot.engine.results import (
    CallPlanEntry,
    Coaching,
    CriterionResult,
    DimensionResult,
    Flag,
    IntroPath,
    StageCheck,
)

__all__ = [
    "Assessment", "CallPlanEntry", "Coaching", "CriterionResult", "Deal", "DimensionResult",
    "DocumentError", "EngineError", "Flag", "IntroPath", "Playbook", "PlaybookError", "Problem",
    "StageCheck", "Text", "assess", "dump_document", "get_playbook", "list_playbooks",
    "load_playbook", "loads_document", "parse_document", "read_document",
]
