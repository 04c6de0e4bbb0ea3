"""What reading a note proposes, as plain typed data with a JSON form (`to_dict`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Proposal:
    """One sentence of the note, read as an answer to a criterion."""

    criterion: str
    dimension: str
    status: str  # yes / partly / no
    evidence: str  # the sentence, as written
    sentence: int  # its index in `NoteProposals.sentences`
    start: int  # where the sentence sits in the note (for highlighting)
    end: int
    source: str | None  # a stakeholder id: the one the sentence names, else the activity's first participant
    date: dt.date  # the activity's, or a past date the sentence names
    confidence: float  # 0..1
    alternatives: tuple[str, ...] = ()  # the next likeliest criteria, best first
    cue: str = ""  # the words that set the status ("还没", "not yet", "听说")
    hearsay: bool = False
    amounts: tuple[float, ...] = ()
    dates: tuple[dt.date, ...] = ()  # every date the sentence names
    terms: tuple[str, ...] = ()  # the lexicon words that matched

    def top(self, k: int = 3) -> list[str]:
        return [self.criterion, *self.alternatives][:k]


@dataclass(frozen=True)
class PersonProposal:
    name: str
    title: str | None
    sentence: int


@dataclass(frozen=True)
class PainProposal:
    text: str
    category: str  # make_money / save_money / manage_risk
    owner: str | None
    sentence: int


@dataclass(frozen=True)
class CompetitorProposal:
    name: str
    known: bool  # already on the deal
    sentence: int


@dataclass(frozen=True)
class ObjectionProposal:
    text: str
    raised_by: str | None
    sentence: int


@dataclass(frozen=True)
class NoteSentence:
    index: int
    text: str
    start: int
    end: int
    lang: str


@dataclass
class NoteProposals:
    sentences: list[NoteSentence]
    proposals: list[Proposal] = field(default_factory=list)
    people: list[PersonProposal] = field(default_factory=list)
    pains: list[PainProposal] = field(default_factory=list)
    competitors: list[CompetitorProposal] = field(default_factory=list)
    objections: list[ObjectionProposal] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)  # stakeholder ids the note names, in order

    def for_sentence(self, index: int) -> Proposal | None:
        return next((p for p in self.proposals if p.sentence == index), None)

    def to_dict(self) -> dict[str, Any]:
        def plain(obj: Any) -> Any:
            data = asdict(obj)
            for k, v in data.items():
                if isinstance(v, dt.date):
                    data[k] = v.isoformat()
                elif isinstance(v, (tuple, list)):
                    data[k] = [x.isoformat() if isinstance(x, dt.date) else x for x in v]
            return data

        return {"proposals": [plain(p) for p in self.proposals], "people": [plain(p) for p in self.people],
                "pains": [plain(p) for p in self.pains], "competitors": [plain(c) for c in self.competitors],
                "objections": [plain(o) for o in self.objections], "mentioned": list(self.mentioned),
                "sentences": [plain(s) for s in self.sentences]}
