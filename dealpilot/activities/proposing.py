"""An activity's note read against its deal: the proposals, and the note cut into highlighted
pieces for the page (the template escapes every piece; no markup is built here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dealpilot.activities.models import Activity
from dealpilot.deals import models as m
from dealpilot.deals.convert import deal_to_document
from dealpilot.notes import NoteProposals, propose


@dataclass(frozen=True)
class Piece:
    text: str
    sentence: int | None  # the proposal's sentence this piece is, else plain text between
    status: str = ""


def read_note(opp: m.Opportunity, activity: Activity, playbook: Any) -> tuple[NoteProposals, Any]:
    """The proposals for the activity's note, and the engine's Deal they were made against."""
    deal = deal_to_document(opp)
    keys = {p.pk: p.key for p in opp.stakeholders.all()}
    participants = [keys[pk] for pk in activity.stakeholder_ids if pk in keys]
    return propose(activity.note, deal, playbook, on=activity.date, participants=participants), deal


def pieces(note: str, found: NoteProposals) -> list[Piece]:
    out: list[Piece] = []
    at = 0
    for p in sorted(found.proposals, key=lambda p: p.start):
        if p.start > at:
            out.append(Piece(note[at:p.start], None))
        out.append(Piece(note[p.start:p.end], p.sentence, p.status))
        at = p.end
    if at < len(note):
        out.append(Piece(note[at:], None))
    return out
