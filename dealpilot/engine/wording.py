"""Words the rules put into messages, in both languages: enumerations, lists, names."""

from __future__ import annotations

from dealpilot.engine.playbook import Text

BUDGET = {
    "unknown": Text(zh="未知", en="unknown"), "none": Text(zh="无预算", en="none"),
    "planned": Text(zh="已列入计划", en="planned"), "requested": Text(zh="已提交申请", en="requested"),
    "approved": Text(zh="已批准", en="approved"), "allocated": Text(zh="已到位", en="allocated"),
}
ATTITUDE = {
    "champion": Text(zh="倡导者", en="champion"), "supporter": Text(zh="支持者", en="supporter"),
    "neutral": Text(zh="中立", en="neutral"), "skeptic": Text(zh="怀疑者", en="skeptic"),
    "opponent": Text(zh="反对者", en="opponent"), "unknown": Text(zh="态度未知", en="attitude unknown"),
}
ACCESS = {
    "none": Text(zh="未接触", en="no access"), "indirect": Text(zh="间接接触", en="indirect access"),
    "met": Text(zh="见过面", en="met"), "regular": Text(zh="经常联系", en="regular contact"),
}
STATUS = {
    "yes": Text(zh="是", en="yes"), "partly": Text(zh="部分", en="partly"),
    "no": Text(zh="否", en="no"), "unknown": Text(zh="未知", en="unknown"),
}
OBJECTION = {
    "raised": Text(zh="已提出", en="raised"), "understood": Text(zh="已理解", en="understood"),
    "root_cause_found": Text(zh="已找到根因", en="root cause found"),
    "resolved": Text(zh="已解决", en="resolved"),
}
TECHNIQUE = {
    "direct": Text(zh="直接问", en="direct"), "side": Text(zh="从侧面问", en="from the side"),
    "glad": Text(zh="对方乐于回答", en="glad to answer"),
}
#: What a question is for, in the order a first meeting asks them: who they are and what they do,
#: how they see the need, then where they stand towards us.
PURPOSE = {
    "role": Text(zh="了解角色与职责", en="role and responsibilities"), "need": Text(zh="了解需求", en="need"),
    "attitude": Text(zh="了解态度", en="attitude"),
}
PURPOSE_ORDER = {p: i for i, p in enumerate(PURPOSE)}
SEVERITY = {
    "high": Text(zh="高", en="high"), "medium": Text(zh="中", en="medium"), "low": Text(zh="低", en="low"),
}


def days_text(n: int) -> str:
    """A count of days in English ("1 day", "2 days"); Chinese needs no plural ("1 天")."""
    return f"{n} day" if abs(n) == 1 else f"{n} days"


def join(items: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def text(zh: str, en: str) -> Text:
    return Text(zh=zh, en=en)
