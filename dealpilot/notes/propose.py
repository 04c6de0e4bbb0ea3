"""From a note to proposed answers: each sentence scored against every criterion of the playbook.

A criterion's score for a sentence adds three things: the playbook lexicon's words it contains
(longer words count more; a word several criteria share counts less for each), the character
n-gram similarity of the sentence to the criterion's texts and questions, and what the sentence
holds besides words — money for budget and value, a date for the timeline, a named person whose
role the criterion asks about. The best criterion is proposed (the next two as alternatives)
when the score clears a threshold; a sentence with no lexicon word and little similarity
proposes nothing. The status comes from the clause the winning words sit in (`cues`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import Any

from dealpilot.notes.cues import CONTRAST, read_clauses, read_status
from dealpilot.notes.extras import competitor_names, is_objection, pain_category
from dealpilot.notes.index import PlaybookIndex, playbook_index
from dealpilot.notes.money import read_amounts
from dealpilot.notes.people import PeopleIndex, Person
from dealpilot.notes.results import (
    CompetitorProposal,
    NoteProposals,
    NoteSentence,
    ObjectionProposal,
    PainProposal,
    PersonProposal,
    Proposal,
)
from dealpilot.notes.sentences import Sentence, split_sentences
from dealpilot.notes.when import read_dates

#: Tuned on the tuning half of bench/data/notes_*.yaml (see bench/bench_notes.py).
SIM_WEIGHT = 2.0
MIN_SCORE = 1.0
MIN_SIMILARITY_ALONE = 0.30
ALTERNATIVE_SHARE = 0.35  # an alternative needs this share of the best score
MONEY_FACTS = ("budget", "value")
DATE_FACTS = ("timeline", "mutual_plan")
ROLE_BOOST = 0.8
MONEY_BOOST = 0.6
DATE_BOOST = 0.5
MAX_NOTE_CHARS = 20_000

_CLAUSE = re.compile(r"[，,：:]|但是|但|不过|可是|然而|\bbut\b|\bhowever\b|\bthough\b", re.IGNORECASE)


def _clauses(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _CLAUSE.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _term_weight(term: str) -> float:
    length = len(term) if re.search(r"[\u3400-\u9fff]", term) else max(1, len(term) // 3)
    return 1.0 + 0.15 * min(length, 6)


def score_sentence(index: PlaybookIndex, text: str, *, amounts: bool = False, dates: bool = False,
                   roles: set[str] | None = None) -> tuple[dict[str, float], dict[str, list[tuple[str, int, int]]]]:
    """Each criterion's score for the sentence, and the lexicon hits behind it."""
    hits: dict[str, list[tuple[str, int, int]]] = {}
    taken: list[tuple[int, int]] = []
    for term, a, b in sorted(index.term_hits(text), key=lambda h: (h[1], -(h[2] - h[1]))):
        if any(x < b and a < y for x, y in taken):
            continue
        taken.append((a, b))
        for cid in index.term_criteria.get(term, []):
            hits.setdefault(cid, []).append((term, a, b))
    sims = index.similarity(index.vector(text))
    scores: dict[str, float] = {}
    for e in index.entries:
        lex = sum(_term_weight(t) / math.sqrt(len(index.term_criteria.get(t, [1]))) for t, _a, _b in hits.get(e.id, []))
        extra = 0.0
        if amounts and e.fact in MONEY_FACTS:
            extra += MONEY_BOOST
        if dates and e.fact in DATE_FACTS:
            extra += DATE_BOOST
        if roles and e.role in roles:
            extra += ROLE_BOOST
        sim = sims.get(e.id, 0.0)
        if lex == 0 and sim < MIN_SIMILARITY_ALONE and extra == 0:
            continue
        scores[e.id] = lex + SIM_WEIGHT * sim + (extra if lex or sim >= MIN_SIMILARITY_ALONE else 0.0)
    return scores, hits


def _people(deal: Any) -> list[Person]:
    return [Person(s.id, s.name, s.title or "", tuple(s.roles)) for s in deal.stakeholders]


def propose(note: str, deal: Any, playbook: Any = None, *, on: dt.date | None = None,
            participants: Sequence[str] = ()) -> NoteProposals:
    """Proposals for a note about `deal` (an engine `Deal`), written on day `on` (default: the
    deal's as_of, else today) after an activity with `participants` (stakeholder ids).

    Pure and offline: nothing leaves the process, nothing is written."""
    if playbook is None:
        from dealpilot.engine.playbook import get_playbook

        playbook = get_playbook(deal.playbook)
    day = on or deal.as_of or dt.date.today()
    index = playbook_index(playbook)
    people = PeopleIndex(_people(deal))
    roles_of = {s.id: set(s.roles) for s in deal.stakeholders}
    dims = {c.id: d.id for d, c in playbook.criteria()}
    known_competitors = [c.name for c in deal.competitors]
    names = {s.name for s in deal.stakeholders}
    sentences = split_sentences(note[:MAX_NOTE_CHARS])
    result = NoteProposals([NoteSentence(s.index, s.text, s.start, s.end, s.lang) for s in sentences])
    fallback = next((p for p in participants if p in roles_of), None)
    for s in sentences:
        _read_sentence(s, result, index, people, roles_of, dims, day, fallback, known_competitors, names)
    return result


def _read_sentence(s: Sentence, result: NoteProposals, index: PlaybookIndex, people: PeopleIndex,
                   roles_of: dict[str, set[str]], dims: dict[str, str], day: dt.date, fallback: str | None,
                   known_competitors: list[str], names: set[str]) -> None:
    mentions, newcomers = people.scan(s.text)
    for m in mentions:
        if m.id not in result.mentioned:
            result.mentioned.append(m.id)
    for np in newcomers:
        if all(p.name != np.name for p in result.people):
            result.people.append(PersonProposal(np.name, np.title, s.index))
    amounts = read_amounts(s.text)
    dates = read_dates(s.text, day)
    roles = set().union(*(roles_of.get(m.id, set()) for m in mentions)) if mentions else set()
    scores, hits = score_sentence(index, s.text, amounts=bool(amounts), dates=bool(dates), roles=roles)
    source = mentions[0].id if mentions else fallback
    category = pain_category(s.text)
    if category:
        result.pains.append(PainProposal(s.text, category, source if mentions else None, s.index))
    for name, known in competitor_names(s.text, known_competitors, names):
        if all(c.name != name for c in result.competitors):
            result.competitors.append(CompetitorProposal(name, known, s.index))
    if is_objection(s.text):
        result.objections.append(ObjectionProposal(s.text, mentions[0].id if mentions else None, s.index))
    if not scores:
        return
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, top = ranked[0]
    if top < MIN_SCORE:
        return
    alternatives = tuple(cid for cid, sc in ranked[1:3] if sc >= ALTERNATIVE_SHARE * top)
    # The status is read in the clauses that hold the winning words or no criterion's words at all:
    # "王总认可方案，但预算还没批" answers the budget with the second clause, not the first.
    spans = [(a, b) for _t, a, b in hits.get(best, [])]
    others = [(a, b) for cid, hs in hits.items() if cid != best for _t, a, b in hs]
    scope: list[str] = []
    flags: list[bool] = []
    for a, b in _clauses(s.text):
        mine = any(a <= x < b for x, _y in spans)
        if mine or not any(a <= x < b for x, _y in others):
            scope.append(s.text[a:b])
            flags.append(mine)
    reading = read_clauses(scope, flags, bool(CONTRAST.search(s.text))) if scope else read_status(s.text)
    status = reading.status
    hearsay = reading.hearsay or read_status(s.text).hearsay  # "据吴芳透露，…" colours the whole sentence
    if hearsay and status == "yes":
        status = "partly"
    past = [d for d in dates if d <= day]
    confidence = top / (top + 1.5)
    if hearsay:
        confidence *= 0.7
    elif reading.doubt and status == "partly":
        confidence *= 0.9
    result.proposals.append(Proposal(
        criterion=best, dimension=dims.get(best, ""), status=status, evidence=s.text, sentence=s.index,
        start=s.start, end=s.end, source=source, date=past[-1] if past else day,
        confidence=round(min(0.95, confidence), 2), alternatives=alternatives, cue=reading.cue,
        hearsay=hearsay, amounts=tuple(amounts), dates=tuple(dates),
        terms=tuple(dict.fromkeys(t for t, _a, _b in hits.get(best, [])))))
