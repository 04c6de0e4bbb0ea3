"""The method itself, as plain Python over plain data. Imports nothing from Django.

Doors (web app, CLI, API, importers) call these functions; none re-implements a rule.
"""

from dealpilot.engine.document import Deal, dump_document, loads_document, parse_document, read_document
from dealpilot.engine.errors import DocumentError, EngineError, PlaybookError, Problem
from dealpilot.engine.playbook import Playbook, get_playbook, list_playbooks, load_playbook

__all__ = [
    "Deal", "DocumentError", "EngineError", "Playbook", "PlaybookError", "Problem",
    "dump_document", "get_playbook", "list_playbooks", "load_playbook", "loads_document",
    "parse_document", "read_document",
]
