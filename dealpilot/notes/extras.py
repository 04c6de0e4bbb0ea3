"""Besides answers, a note names pains (make money / save money / manage risk), competitors and
objections: each proposed for the rep to add to the deal."""

from __future__ import annotations

import re

_PAIN = re.compile(r"痛点|头疼|问题|困扰|难题|瓶颈|太慢|成本高|浪费|出错|风险|合规|流失|下滑|积压|延误|停机|卡脖子|"
                   r"\b(?:pain|problem|headache|struggl\w*|bottleneck|too slow|losing|churn|backlog|downtime|"
                   r"compliance|risk|waste|errors?)\b", re.IGNORECASE)
_CATEGORY = (
    ("manage_risk", re.compile(r"风险|合规|安全|审计|监管|停机|故障|泄露|罚款|处罚|事故|断供|追溯|"
                               r"\b(?:risk|complian\w*|security|audit|regulat\w*|downtime|outage|breach|fine|recall)\b",
                               re.IGNORECASE)),
    ("make_money", re.compile(r"收入|增长|销售额|营收|市场份额|新客户|丢单|订单|交期|扩产|营业额|"
                              r"\b(?:revenue|growth|sales|market share|new customers|orders|upsell|win more)\b",
                              re.IGNORECASE)),
    ("save_money", re.compile(r"成本|费用|人工|效率|节省|浪费|库存|加班|人力|返工|"
                              r"\b(?:cost|costs|expens\w*|efficien\w*|sav\w*|waste|inventory|overtime|headcount|rework)\b",
                              re.IGNORECASE)),
)
_OBJECTION = re.compile(r"担心|顾虑|异议|质疑|太贵|不放心|反对|疑虑|价格高|觉得贵|不认可|有意见|"
                        r"\b(?:concern\w*|worried|objection\w*|pushback|push back|too expensive|doubts?|skeptic\w*|"
                        r"sceptic\w*|hesitant|not (?:really |fully |quite )?convinced)\b", re.IGNORECASE)
_COMP_ZH = re.compile(r"(?:友商|竞争对手|竞品|对手)(?:是|有|：|:|\s)?(?P<name>[A-Za-z][\w&.-]+(?:\s[A-Z][\w&.-]+)?|"
                      r"[\u4e00-\u9fff]{2,4}?)(?=[，。,、也的和在报还]|$)")
_COMP_ZH_AFTER = re.compile(r"(?P<name>[A-Z][\w&.-]+(?:\s[A-Z][\w&.-]+)?)\s?(?:也在|也来|也报|也参与|的报价|的方案)")
_COMP_EN = re.compile(r"(?:also (?:talking to|looking at|evaluating|considering|speaking with)|competitors? (?:is|are|like)?\s?|"
                      r"competing (?:with|against)|up against|shortlisted)\s(?P<name>[A-Z][\w&.-]+(?:\s[A-Z][\w&.-]+)?)")


def pain_category(text: str) -> str | None:
    """The need a pain comes down to, or None when the sentence names no pain."""
    if not _PAIN.search(text):
        return None
    for category, pattern in _CATEGORY:
        if pattern.search(text):
            return category
    return "save_money"  # a problem that names no money or risk is most often a cost of doing things badly


def is_objection(text: str) -> bool:
    return bool(_OBJECTION.search(text))


def competitor_names(text: str, known: list[str], people: set[str]) -> list[tuple[str, bool]]:
    """(name, already on the deal) for every competitor the sentence names."""
    out: list[tuple[str, bool]] = []
    lowered = text.lower()
    for name in known:
        if name and name.lower() in lowered:
            out.append((name, True))
    for pattern in (_COMP_ZH, _COMP_ZH_AFTER, _COMP_EN):
        for m in pattern.finditer(text):
            name = m.group("name").strip(" .")
            if (len(name) < 2 or name in people or any(name.lower() == n.lower() for n, _ in out)
                    or name.lower() in ("the", "our", "their", "them", "us")):
                continue
            out.append((name, False))
    return out
