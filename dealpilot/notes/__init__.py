"""Meeting notes to evidence, offline, in Chinese and English (framework-free, like the engine).

    from dealpilot.notes import propose
    found = propose(note_text, deal, playbook, on=visit_day, participants=["s1", "s4"])
    found.proposals  # criterion, status, evidence (the sentence), source, date, confidence, …

Nothing leaves the process: jieba's dictionary ships inside its package, the lexicons sit in the
playbooks' YAML, the similarity is computed here.
"""

from dealpilot.notes.apply import apply_proposals
from dealpilot.notes.propose import propose
from dealpilot.notes.results import NoteProposals, Proposal

__all__ = ["NoteProposals", "Proposal", "apply_proposals", "propose"]
