"""Splitting a note into sentences (Chinese, English or both), keeping each one's place in the note.

The place matters: the workspace highlights the very characters a proposal rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = re.compile(r"[\u3400-\u9fff]")
# A Chinese stop or a line break always ends a sentence; an English stop only before a space
# (so 3.5 and "e.g." stay whole; see _ABBREVIATIONS).
_END = re.compile(r"[。！？!?；;…\n]+|(?<=[.])\s+")
_ABBREVIATIONS = ("mr.", "mrs.", "ms.", "dr.", "e.g.", "i.e.", "vs.", "etc.", "inc.", "co.", "ltd.", "no.", "approx.")
# List markers at the start of a line: "- ", "* ", "1. ", "2、", "（3）"
_BULLET = re.compile(r"^\s*(?:[-*•·]+|\(?（?\d{1,2}[.、)）]|[一二三四五六七八九十][、.])\s*")


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    start: int  # offset in the note of the first character of `text`
    end: int  # offset after its last character
    lang: str  # "zh" when it holds Chinese characters, else "en"


def language_of(text: str) -> str:
    return "zh" if _CJK.search(text) else "en"


def split_sentences(note: str) -> list[Sentence]:
    """The note's sentences in order; blank pieces and list markers dropped."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(note):
        if m.group().strip() == "" and note[max(0, m.start() - 6):m.start()].lower().endswith(_ABBREVIATIONS):
            continue  # "Mr. Smith": the stop belongs to the abbreviation
        pieces.append((start, m.start() + len(m.group().rstrip())))  # the stop stays, the space goes
        start = m.end()
    pieces.append((start, len(note)))
    out: list[Sentence] = []
    for a, b in pieces:
        text = note[a:b]
        bullet = _BULLET.match(text)
        if bullet:
            a += bullet.end()
        while a < b and note[a].isspace():
            a += 1
        while b > a and note[b - 1].isspace():
            b -= 1
        if b - a < 2:
            continue
        chunk = note[a:b]
        out.append(Sentence(len(out), chunk, a, b, language_of(chunk)))
    return out
