"""Writing accepted proposals into a deal document as checklist answers (the CLI's `--apply`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dealpilot.notes.results import Proposal

#: The confidence a proposal needs to be accepted without a person looking at it.
AUTO_ACCEPT = 0.6


def accepted_by_default(proposals: Iterable[Proposal], threshold: float = AUTO_ACCEPT) -> list[Proposal]:
    """The confident ones, one per criterion (the most confident), hearsay never."""
    best: dict[str, Proposal] = {}
    for p in proposals:
        if p.confidence >= threshold and not p.hearsay:
            if p.criterion not in best or p.confidence > best[p.criterion].confidence:
                best[p.criterion] = p
    return list(best.values())


def apply_proposals(deal: Any, proposals: Iterable[Proposal]) -> tuple[Any, list[Proposal]]:
    """A copy of the deal with each proposal written as its criterion's answer, and the ones
    written. An answer dated later than the proposal is kept: a note does not overwrite newer
    evidence."""
    from dealpilot.engine.document import Answer, AnswerStatus

    answers = dict(deal.answers)
    written = []
    for p in proposals:
        old = answers.get(p.criterion)
        if old is not None and old.status != AnswerStatus.unknown and old.date and old.date > p.date:
            continue
        answers[p.criterion] = Answer(status=AnswerStatus(p.status), evidence=p.evidence[:4000], source=p.source,
                                      date=p.date)
        written.append(p)
    return deal.model_copy(update={"answers": answers}), written
