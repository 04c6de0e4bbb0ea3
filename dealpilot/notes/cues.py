"""Negation, doubt and hearsay: what turns "the budget is approved" into `no` or `partly`.

"还没有预算" / "预算还没批下来" / "not yet approved" say no; "他不太认可" / "maybe next year" say
partly; "听说…" / "apparently …" is hearsay: at most partly, and less sure. Words that look
negative but are not ("不错", "没问题", "not only") are taken out first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Looks negative, is not: removed before the cues are read.
_FALSE_NEG_ZH = re.compile(r"不错|不仅|不但|不断|不少|不久|不管|不用担心|没问题|毫不犹豫|不得不|不可或缺|"
                           r"差不多|不光|无论|未来|不止|少不了|离不开|不外乎|不过|不同|不然|不如我们|无缝|无论如何|"
                           r"不超过|不低于|不少于|不高于|不晚于|不迟于|不多于")
_FALSE_NEG_EN = re.compile(r"\b(?:no problem|not only|no doubt|without delay|no later than|not just|"
                           r"no issue|no issues|none other|no more than|no less than|not exceed\w*|not more than)\b", re.IGNORECASE)

_DOUBT_ZH = re.compile(r"不太|不大|不一定|不确定|不完全|不全|不算|不是很|没那么|没完全|可能|也许|或许|好像|似乎|"
                       r"大概|犹豫|观望|还在考虑|考虑一下|再看看|有待|待定|初步|部分|一部分|基本上?|原则上|口头|间接|只通过|"
                       r"还要再|需要再|担心|顾虑|疑虑|不放心|有意向|意向|暂时|还在评估|说不准|半信半疑|一般般|还行|还要看|要看情况|得看|看情况|争取")
_NEG_ZH = re.compile(r"还没有?|尚未|没有|没|并未|未|不|无|别|缺乏|缺少|拒绝|否决|否定|砍掉|砍了|取消|搁置|冻结|暂停|"
                     r"推迟|延后|落选|出局|反对|叫停|落后|说不清|不够")
_HEARSAY_ZH = re.compile(r"听说|据说|传闻|听.{1,8}说|据.{1,8}(?:透露|说)|有人说|小道消息|道听途说|转述|侧面了解")

_DOUBT_EN = re.compile(r"\b(?:maybe|might|perhaps|possibly|probably|unsure|not sure|uncertain|seems?|seemed|hesitant|"
                       r"lukewarm|not really|not fully|not quite|not entirely|not completely|partly|partially|"
                       r"some|initial|preliminary|tentative(?:ly)?|in principle|verbally|still (?:considering|deciding|"
                       r"thinking|evaluating)|depends|leaning|open to|worried|concerned?|concerns|doubts?|"
                       r"skeptical|sceptical|so-so|half|indirectly|only through)\b", re.IGNORECASE)
_NEG_EN = re.compile(r"\b(?:not|no|never|none|nobody|nothing|without|n't|yet to|declined|rejected|refused|"
                     r"cancel(?:l)?ed|frozen|on hold|postponed|cut|lack|lacks|lacking|blocked|vetoed|dropped)\b|n't\b",
                     re.IGNORECASE)
_HEARSAY_EN = re.compile(r"\b(?:heard|hear|rumou?rs?|apparently|reportedly|according to|word is|supposedly|allegedly|"
                         r"second-?hand|gossip|we were told that|someone said)\b", re.IGNORECASE)


# A worry that the same words say is settled: "他的顾虑打消了" / "his concern went away".
_RESOLVED = re.compile(r"打消|消除了|化解了|解决了|放心了|没有顾虑了|认可了|\b(?:went away|resolved|reassured|addressed|settled)\b",
                       re.IGNORECASE)
_WORRY = re.compile(r"担心|顾虑|疑虑|不放心|\b(?:worried|concerned?|concerns|doubts?)\b", re.IGNORECASE)
CONTRAST = re.compile(r"但是|但|不过|可是|然而|\bbut\b|\bhowever\b|\bthough\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    status: str  # yes / partly / no
    negated: bool
    doubt: bool
    hearsay: bool
    cue: str  # the words that decided it ("" for a plain yes)


def read_status(text: str) -> Reading:
    """The status a sentence states, from its own words."""
    zh = _FALSE_NEG_ZH.sub("  ", text)
    en = _FALSE_NEG_EN.sub("  ", zh)
    doubt = _DOUBT_ZH.search(zh) or _DOUBT_EN.search(en)
    # 不太认可 is doubt, not a plain no: read negation with the doubt words blanked out
    rest = _DOUBT_EN.sub(" ", _DOUBT_ZH.sub(" ", en))
    neg = _NEG_ZH.search(rest) or _NEG_EN.search(rest)
    hearsay = _HEARSAY_ZH.search(text) or _HEARSAY_EN.search(text)
    if doubt and not neg and _WORRY.search(doubt.group()) and _RESOLVED.search(text):
        return Reading("yes", False, False, bool(hearsay), _RESOLVED.search(text).group())  # type: ignore[union-attr]
    if neg:
        status, cue = "no", neg.group()
    elif doubt or hearsay:
        status, cue = "partly", (doubt or hearsay).group()  # type: ignore[union-attr]
    else:
        status, cue = "yes", ""
    return Reading(status, bool(neg), bool(doubt), bool(hearsay), cue.strip())


def read_clauses(clauses: list[str], hit: list[bool], contrast: bool) -> Reading:
    """The status of a sentence from its clauses: those holding the criterion's words (`hit`) and
    those without any criterion's words (the predicate often sits there: "林慧是管钱的人，我们至今
    没能约到她"). Yes and no joined by a contrast ("…，但没有具体时间表") make partly."""
    readings = [read_status(c) for c in clauses]
    text = " ".join(clauses)
    hearsay = any(r.hearsay for r in readings)
    votes = [r for r, h in zip(readings, hit, strict=True) if h or r.status != "yes"]
    if not votes:
        return read_status(text)
    statuses = {r.status for r in votes}
    first = next((r for r in votes if r.status != "yes"), votes[0])
    if "no" in statuses and ("yes" in statuses or "partly" in statuses) and contrast:
        return Reading("partly", True, True, hearsay, first.cue)
    for wanted in ("no", "partly"):
        if wanted in statuses:
            r = next(r for r in votes if r.status == wanted)
            return Reading(wanted, r.negated, r.doubt, hearsay, r.cue)
    return Reading("yes", False, False, hearsay, "")
