"""What a playbook offers a note: per criterion, its lexicon (zh and en, from the playbook's YAML)
and a character n-gram profile of its texts and the questions that probe it.

Built once per playbook object: playbooks are frozen, so the object is the key (an edited
playbook is a new object and gets its own index)."""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dealpilot.notes.segment import words

_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'-]+")
# Words every criterion text shares, which say nothing about which criterion a sentence is about.
_STOP = {"我们", "客户", "的", "了", "和", "是", "在", "有", "这个", "一个", "已", "已经", "都", "与", "并", "对",
         "the", "a", "an", "of", "to", "and", "or", "we", "our", "us", "is", "are", "has", "have", "in", "on",
         "for", "with", "it", "they", "their", "this", "that", "be", "by", "at", "as", "who", "what", "how",
         "custom", "customer"}


def features(text: str) -> Counter[str]:
    """Character bigrams of the Chinese runs, jieba words, and English word stems."""
    out: Counter[str] = Counter()
    for run in _CJK_RUN.findall(text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    out.update("w:" + w for w in words(text) if w not in _STOP and len(w) > 1)
    return out


@dataclass
class CriterionEntry:
    id: str
    dimension: str
    fact: str | None
    role: str | None
    profile: dict[str, float] = field(default_factory=dict)  # tf-idf weights, unit length


@dataclass
class PlaybookIndex:
    entries: list[CriterionEntry]
    idf: dict[str, float]
    zh_terms: re.Pattern[str] | None
    en_terms: re.Pattern[str] | None
    term_criteria: dict[str, list[str]]  # lower-cased term → criterion ids
    postings: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # feature → (criterion, weight)

    def __post_init__(self) -> None:
        for e in self.entries:
            for f, v in e.profile.items():
                self.postings.setdefault(f, []).append((e.id, v))

    def vector(self, text: str) -> dict[str, float]:
        counts = features(text)
        vec = {f: (1 + math.log(n)) * self.idf[f] for f, n in counts.items() if f in self.idf}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {f: v / norm for f, v in vec.items()}

    def similarity(self, vec: dict[str, float]) -> dict[str, float]:
        """Cosine similarity to every criterion that shares a feature (through the inverted index)."""
        out: dict[str, float] = {}
        for f, w in vec.items():
            for cid, v in self.postings.get(f, ()):
                out[cid] = out.get(cid, 0.0) + w * v
        return out

    def term_hits(self, text: str) -> list[tuple[str, int, int]]:
        """(term, start, end) of every lexicon term in the text, longest first where they overlap."""
        hits: list[tuple[str, int, int]] = []
        for pattern in (self.zh_terms, self.en_terms):
            if pattern is not None:
                hits += [(m.group().lower(), m.start(), m.end()) for m in pattern.finditer(text)]
        return hits


def _build(playbook: Any) -> PlaybookIndex:
    docs: list[tuple[Any, Any, Counter[str]]] = []
    asked: dict[str, list[str]] = {}
    for q in playbook.questions:
        for cid in q.criteria:
            asked.setdefault(cid, []).append(q.text.zh + " " + q.text.en)
    term_criteria: dict[str, list[str]] = {}
    zh_terms: set[str] = set()
    en_terms: set[str] = set()
    for dim, c in playbook.criteria():
        text = " ".join([c.text.zh, c.text.en, c.hint.zh if c.hint else "", c.hint.en if c.hint else "",
                         *asked.get(c.id, [])])
        bag = features(text)
        if c.lexicon is not None:
            for term in c.lexicon.zh:
                zh_terms.add(term)
                term_criteria.setdefault(term.lower(), []).append(c.id)
                bag.update({f: 2 for f in features(term)})
            for term in c.lexicon.en:
                en_terms.add(term)
                term_criteria.setdefault(term.lower(), []).append(c.id)
                bag.update({f: 2 for f in features(term)})
        docs.append((dim, c, bag))
    n = len(docs)
    df: Counter[str] = Counter()
    for _d, _c, bag in docs:
        df.update(bag.keys())
    idf = {f: math.log((n + 1) / (k + 0.5)) for f, k in df.items()}
    entries = []
    for dim, c, bag in docs:
        vec = {f: (1 + math.log(k)) * idf[f] for f, k in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        entries.append(CriterionEntry(c.id, dim.id, c.fact, c.role, {f: v / norm for f, v in vec.items()}))

    def alternation(terms: set[str], latin: bool) -> re.Pattern[str] | None:
        if not terms:
            return None
        body = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        # English terms match at a word start and may take an ending ("approv" → approved)
        return re.compile(rf"\b(?:{body})" if latin else body, re.IGNORECASE if latin else 0)

    return PlaybookIndex(entries, idf, alternation(zh_terms, False), alternation(en_terms, True), term_criteria)


_lock = threading.Lock()
_built: dict[int, tuple[Any, PlaybookIndex]] = {}


def playbook_index(playbook: Any) -> PlaybookIndex:
    """The index of this very playbook object (kept while the object lives in the cache)."""
    held = _built.get(id(playbook))
    if held is not None and held[0] is playbook:
        return held[1]
    index = _build(playbook)
    with _lock:
        if len(_built) > 16:  # edited playbooks come and go; the shipped three stay hot
            _built.clear()
        _built[id(playbook)] = (playbook, index)
    return index
