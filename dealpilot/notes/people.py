"""Who a sentence is about: the deal's stakeholders by name or title, and new people it names.

Chinese notes name people the way reps speak: 王总, 陈经理, 老赵, 林总监, the full name, or the
title alone (财务总监). English notes use full names, last names with Mr./Ms., first names, titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Common family names (single and double), enough to tell "李娜" from "我们" in a note.
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
             "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
_DOUBLE = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙")
_HONORIFIC = ("总监", "总经理", "总工", "总", "经理", "主任", "处长", "科长", "部长", "局长", "厂长", "主管", "老师",
              "工", "董", "书记", "行长", "院长", "秘书")
_TITLE_WORDS = ("总监", "总经理", "副总经理", "副总裁", "总裁", "董事长", "经理", "主任", "处长", "科长", "部长", "局长",
                "厂长", "主管", "工程师", "负责人", "CEO", "CFO", "CIO", "CTO", "COO", "VP", "总工")
_TITLE_ZH = re.compile(r"((?:[\u4e00-\u9fff]{0,6}?)(?:" + "|".join(sorted(_TITLE_WORDS, key=len, reverse=True)) + r"))")
_NEW_ZH = re.compile(
    r"(?P<title>[\u4e00-\u9fffA-Z]{0,8}?(?:" + "|".join(sorted(_TITLE_WORDS, key=len, reverse=True)) + r"))"
    r"(?P<name>(?:" + "|".join(_DOUBLE) + r"|[" + _SURNAMES + r"])[\u4e00-\u9fff]{1,2}?)(?=[，。,、；;：:\s说表讲提也和与同认觉希问答来对很已还在是的一等都刚今昨明这那主负先会要]|$)")
_NEW_ZH_PAREN = re.compile(
    r"(?P<name>(?:" + "|".join(_DOUBLE) + r"|[" + _SURNAMES + r"])[\u4e00-\u9fff]{1,2})[（(](?P<title>[^）)]{2,20})[）)]")
_EN_NAME = r"[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?\s[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?"
_EN_TITLE = (r"(?:(?:VP|Head|Director|Manager|Chief|Lead|Officer|Controller|Engineer)"
             r"(?:\s(?:of\s)?[A-Z][a-z]+){0,3}|(?:[A-Z][a-z]+\s){0,2}(?:Director|Manager|Officer|Lead|Engineer|Controller)"
             r"|[A-Z]{2,4}\b)")
_NEW_EN = (re.compile(rf"(?P<name>{_EN_NAME}),\s(?:the\s|their\s|who is the\s)?(?:new\s)?(?P<title>{_EN_TITLE})"),
           re.compile(rf"(?P<name>{_EN_NAME})\s\((?P<title>[^)]{{2,40}})\)"),
           re.compile(rf"\b(?:their|the|a|new)\s(?:new\s)?(?P<title>{_EN_TITLE}),?\s(?P<name>{_EN_NAME})"))


@dataclass(frozen=True)
class Person:
    """A stakeholder of the deal, as the matcher needs them."""

    id: str
    name: str
    title: str = ""
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    id: str
    start: int
    end: int


@dataclass(frozen=True)
class NewPerson:
    name: str
    title: str | None
    start: int
    end: int


def _surname(name: str) -> str:
    return name[:2] if name[:2] in _DOUBLE else name[:1]


def _is_chinese(name: str) -> bool:
    return bool(name) and all("\u4e00" <= ch <= "\u9fff" for ch in name)


class PeopleIndex:
    """The deal's people, compiled once per note: every way a note may name them, as one pattern of
    literal forms (王海涛, 王总, 老王, 海涛, 运营副总经理) plus word-bounded English forms."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        self._forms: dict[str, tuple[str, int]] = {}  # literal (lower-cased) → (id, strength)
        self._latin: list[tuple[re.Pattern[str], str, int]] = []
        by_surname: dict[str, list[Person]] = {}
        by_first: dict[str, list[Person]] = {}
        for p in people:
            if _is_chinese(p.name):
                by_surname.setdefault(_surname(p.name), []).append(p)
            elif len(p.name.split()) > 1:
                by_first.setdefault(p.name.split()[0], []).append(p)
        for p in people:
            if _is_chinese(p.name):
                self._form(p.name, p.id, 3)
                sur, given = _surname(p.name), p.name[len(_surname(p.name)):]
                alone = len(by_surname[sur]) == 1
                for h in _HONORIFIC:
                    if alone or h[0] in p.title:
                        self._form(sur + h, p.id, 2)
                if alone:
                    self._form("老" + sur, p.id, 2)
                    self._form("小" + sur, p.id, 2)
                if len(given) == 2:
                    self._form(given, p.id, 1)
            else:
                parts = p.name.split()
                self._word(re.escape(p.name), p.id, 3)
                if len(parts) > 1:
                    self._word(rf"(?:Mr|Ms|Mrs|Dr)\.?\s{re.escape(parts[-1])}", p.id, 3)
                    self._word(re.escape(parts[-1]), p.id, 1)
                    if len(by_first.get(parts[0], [])) == 1:
                        self._word(re.escape(parts[0]), p.id, 2)
            if p.title and len(p.title) >= 2:
                if _is_chinese(p.title):
                    self._form(p.title, p.id, 1)
                else:
                    self._word(re.escape(p.title), p.id, 1, re.IGNORECASE)
        body = "|".join(re.escape(f) for f in sorted(self._forms, key=len, reverse=True))
        self._literal = re.compile(body) if body else None

    def _form(self, text: str, pid: str, strength: int) -> None:
        held = self._forms.get(text)
        if held is None or held[1] < strength:
            self._forms[text] = (pid, strength)

    def _word(self, pattern: str, pid: str, strength: int, flags: int = 0) -> None:
        self._latin.append((re.compile(rf"\b{pattern}\b", flags), pid, strength))

    def _hits(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, id) of every naming, non-overlapping, the strongest and longest first."""
        found: list[tuple[int, int, int, str]] = []
        if self._literal is not None:
            for m in self._literal.finditer(text):
                pid, strength = self._forms[m.group()]
                found.append((m.start(), -strength, -m.end(), pid))
        for pattern, pid, strength in self._latin:
            for m in pattern.finditer(text):
                found.append((m.start(), -strength, -m.end(), pid))
        found.sort()
        out: list[tuple[int, int, str]] = []
        for start, _s, neg_end, pid in found:
            end = -neg_end
            if not any(a < end and start < b for a, b, _p in out):
                out.append((start, end, pid))
        return out

    def mentions(self, text: str, hits: list[tuple[int, int, str]] | None = None) -> list[Mention]:
        """The deal's people the text names, in order of first mention, each once."""
        out: list[Mention] = []
        for start, end, pid in self._hits(text) if hits is None else hits:
            if all(m.id != pid for m in out):
                out.append(Mention(pid, start, end))
        return out

    def scan(self, text: str) -> tuple[list[Mention], list[NewPerson]]:
        hits = self._hits(text)
        return self.mentions(text, hits), self.new_people(text, hits)

    def new_people(self, text: str, hits: list[tuple[int, int, str]] | None = None) -> list[NewPerson]:
        """People the text names with a title who are not on the deal yet."""
        known = [p.name for p in self.people]
        covered = [(a, b) for a, b, _p in (self._hits(text) if hits is None else hits)]
        out: list[NewPerson] = []
        found = [*_NEW_ZH.finditer(text), *_NEW_ZH_PAREN.finditer(text), *(m for p in _NEW_EN for m in p.finditer(text))]
        for m in sorted(found, key=lambda m: m.start()):
            name, title = m.group("name").strip(), m.group("title").strip()
            title = re.split(r"[和与跟的了见约位是及、，,]", title)[-1]  # "新来的采购经理" → 采购经理
            if any(name.startswith(k) for k in known) or any(a <= m.start("name") < b for a, b in covered):
                continue
            if any(n.name == name for n in out):
                continue
            out.append(NewPerson(name, title or None, m.start(), m.end()))
        return out
