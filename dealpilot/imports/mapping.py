"""Which column of the file fills which field: matched by heading (English and Chinese, the
presets' names first), corrected by the user, with constants and value tables.

Plain data (no Django): a Mapping goes to and from JSON/YAML with `to_data()` / `from_data()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dealpilot.imports.problems import ReadError, noop
from dealpilot.imports.values import key

# field id → label id (translated where shown). The order is the mapping form's.
FIELDS: dict[str, str] = {
    "external_id": noop("External id"),
    "account": noop("Account"),
    "name": noop("Deal name"),
    "amount": noop("Amount"),
    "currency": noop("Currency"),
    "stage": noop("Stage"),
    "close_date": noop("Close date"),
    "owner": noop("Owner"),
    "team": noop("Team"),
    "budget_status": noop("Budget status"),
    "budget_amount": noop("Budget"),
    "competitors": noop("Competitors"),
    "next_step": noop("Next step"),
    "next_step_date": noop("Next step due"),
    "contact_name": noop("Contact"),
    "contact_title": noop("Contact title"),
    "contact_role": noop("Contact role"),
    "industry": noop("Industry"),
    "city": noop("City"),
}
REQUIRED = ("account", "name")
MODES = ("create", "update", "both")
# Fields with a value table: what the file says → our value (stage id, username, currency code …).
TABLE_FIELDS = ("stage", "owner", "currency", "budget_status", "contact_role", "team")

PRESETS: dict[str, dict[str, str]] = {
    "salesforce": {
        "Opportunity ID": "external_id", "Opportunity Name": "name", "Account Name": "account",
        "Amount": "amount", "Opportunity Currency": "currency", "Currency": "currency",
        "Stage": "stage", "Close Date": "close_date", "Opportunity Owner": "owner",
        "Owner Role": "team", "Next Step": "next_step", "Primary Contact": "contact_name",
        "Contact: Full Name": "contact_name", "Title": "contact_title", "Contact Role": "contact_role",
        "Main Competitor(s)": "competitors", "Competitors": "competitors", "Budget": "budget_amount",
        "Industry": "industry", "Billing City": "city",
    },
    "hubspot": {
        "Record ID": "external_id", "Deal ID": "external_id", "Deal Name": "name",
        "Associated Company": "account", "Company name": "account", "Amount": "amount",
        "Currency": "currency", "Deal Stage": "stage", "Close Date": "close_date",
        "Deal owner": "owner", "HubSpot Team": "team", "Next step": "next_step",
        "Associated Contact": "contact_name", "Job Title": "contact_title", "Industry": "industry",
        "City": "city",
    },
    "zh-crm": {
        "商机编号": "external_id", "商机ID": "external_id", "客户名称": "account", "商机名称": "name",
        "金额（元）": "amount", "金额（万元）": "amount", "销售阶段": "stage", "预计成交日期": "close_date",
        "负责人": "owner", "所属团队": "team", "所属部门": "team", "币种": "currency",
        "预算": "budget_amount", "预算（万元）": "budget_amount", "预算状态": "budget_status",
        "竞争对手": "competitors", "下一步": "next_step", "下一步日期": "next_step_date",
        "联系人": "contact_name", "职务": "contact_title", "角色": "contact_role", "行业": "industry",
        "城市": "city",
    },
}

# Headings any file may use, besides the presets'.
ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "external id", "opportunity_id", "deal id", "编号", "外部编号", "商机编码"),
    "account": ("account", "company", "customer", "client", "客户", "公司", "客户名", "公司名称", "客户公司"),
    "name": ("deal", "opportunity", "deal name", "name", "商机", "项目名称", "机会名称", "商机名"),
    "amount": ("amount", "value", "deal value", "close_value", "金额", "商机金额", "合同金额", "预计金额",
               "金额(元)", "金额(万元)", "金额万元"),
    "currency": ("currency", "货币"),
    "stage": ("stage", "deal_stage", "status", "阶段", "商机阶段", "状态"),
    "close_date": ("close date", "expected close date", "closing date", "成交日期", "结单日期",
                   "预计签约日期", "预计结单日期", "赢单日期"),
    "owner": ("owner", "sales rep", "sales_agent", "salesperson", "rep", "销售", "销售负责人", "所有人",
              "跟进人", "业务员"),
    "team": ("team", "sales team", "团队", "销售团队", "部门"),
    "budget_status": ("budget status",),
    "budget_amount": ("budget", "budget amount", "预算金额"),
    "competitors": ("competitor", "competitors", "竞品", "竞争者"),
    "next_step": ("next step", "next action", "下一步计划", "下一步行动", "下步计划"),
    "next_step_date": ("next step date", "next step due",),
    "contact_name": ("contact", "contact name", "primary contact", "联系人姓名", "客户联系人"),
    "contact_title": ("contact title", "job title", "title", "职位", "联系人职务"),
    "contact_role": ("contact role", "buying role", "联系人角色", "采购角色"),
    "industry": ("industry", "sector", "所属行业"),
    "city": ("city", "所在城市", "地区"),
}

# Values any file may use; a user's value table is looked up first.
DEFAULT_VALUES: dict[str, dict[str, str]] = {
    "stage": {
        **dict.fromkeys(["lead", "prospecting", "new", "appointmentscheduled", "线索", "初步接洽", "潜在客户",
                         "初步沟通"], "lead"),
        **dict.fromkeys(["qualify", "qualification", "qualified", "qualifiedtobuy", "需求确认", "资格确认",
                         "验证"], "qualify"),
        **dict.fromkeys(["develop", "needsanalysis", "valueproposition", "iddecisionmakers",
                         "perceptionanalysis", "engaging", "presentationscheduled", "decisionmakerboughtin",
                         "方案", "方案制定", "需求分析", "方案设计"], "develop"),
        **dict.fromkeys(["propose", "proposal", "proposalpricequote", "quote", "报价", "提案", "方案报价",
                         "投标"], "propose"),
        **dict.fromkeys(["negotiate", "negotiation", "negotiationreview", "contractsent", "谈判", "商务谈判"],
                        "negotiate"),
        **dict.fromkeys(["commit", "签约", "合同审批", "待签约", "verbalcommit"], "commit"),
        **dict.fromkeys(["won", "closedwon", "win", "赢单", "成交", "已成交", "签单", "赢"], "won"),
        **dict.fromkeys(["lost", "closedlost", "loss", "输单", "丢单", "失败", "已流失", "输"], "lost"),
    },
    "currency": {
        **dict.fromkeys(["人民币", "rmb", "元", "¥", "cny"], "CNY"),
        **dict.fromkeys(["美元", "$", "us$", "usd"], "USD"),
        **dict.fromkeys(["欧元", "€", "eur"], "EUR"),
        **dict.fromkeys(["港币", "港元", "hkd"], "HKD"),
        **dict.fromkeys(["日元", "jpy"], "JPY"),
    },
    "budget_status": {
        **dict.fromkeys(["unknown", "未知"], "unknown"), **dict.fromkeys(["none", "无预算", "没有预算"], "none"),
        **dict.fromkeys(["planned", "计划中", "已规划"], "planned"),
        **dict.fromkeys(["requested", "已申请", "申请中"], "requested"),
        **dict.fromkeys(["approved", "已批准", "已审批"], "approved"),
        **dict.fromkeys(["allocated", "已拨付", "已到位"], "allocated"),
    },
    "contact_role": {
        **dict.fromkeys(["decider", "decisionmaker", "economicbuyer", "决策者", "决策人"], "decider"),
        **dict.fromkeys(["fundapprover", "预算审批人", "资金审批人", "财务"], "fund_approver"),
        **dict.fromkeys(["approver", "审批人"], "approver"),
        **dict.fromkeys(["influencer", "影响者", "影响人"], "influencer"),
        **dict.fromkeys(["user", "enduser", "使用者", "用户"], "user"),
        **dict.fromkeys(["technicalevaluator", "technicalbuyer", "evaluator", "技术评估者", "技术评估"],
                        "technical_evaluator"),
        **dict.fromkeys(["coach", "champion", "内线", "教练", "内线教练"], "coach"),
        **dict.fromkeys(["gatekeeper", "把关人", "采购"], "gatekeeper"),
        **dict.fromkeys(["initiator", "发起人"], "initiator"),
    },
}


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # field → heading of the file
    constants: dict[str, str] = field(default_factory=dict)  # field → the same text on every row
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field → {file's value: ours}
    amount_unit: int = 1  # 10,000 when the amounts are in 万元
    mode: str = "create"
    skip_bad: bool = False  # import the good rows and list the bad ones (else: all or nothing)
    preset: str = ""

    def source(self, name: str) -> str:
        """How a field is filled, for the preview: a heading, a constant, or ''."""
        return self.columns.get(name) or (f'"{self.constants[name]}"' if name in self.constants else "")

    def tables(self) -> dict[str, dict[str, str]]:
        """Each field's value table keyed for lookup (`values.key`): the user's over the defaults."""
        return {name: {**{key(raw): ours for raw, ours in DEFAULT_VALUES.get(name, {}).items()},
                       **{key(raw): ours for raw, ours in self.values.get(name, {}).items()}}
                for name in TABLE_FIELDS}

    def to_data(self) -> dict[str, Any]:
        return {"preset": self.preset, "columns": dict(self.columns), "constants": dict(self.constants),
                "values": {k: dict(v) for k, v in self.values.items() if v}, "amount_unit": self.amount_unit,
                "mode": self.mode, "skip_bad": self.skip_bad}

    @classmethod
    def from_data(cls, data: Any) -> Mapping:
        """A mapping from a YAML/JSON object; ReadError naming the first thing it does not accept."""
        if not isinstance(data, dict):
            raise ReadError(noop("A mapping must be an object with columns, constants and values."))
        columns = _strings(data.get("columns") or {}, "columns")
        constants = _strings(data.get("constants") or {}, "constants")
        for name in (*columns, *constants):
            if name not in FIELDS:
                raise ReadError(noop("The mapping names an unknown field: %(field)s"), field=name)
        values_raw = data.get("values") or {}
        if not isinstance(values_raw, dict):
            raise ReadError(noop("A mapping's values must be tables of text."))
        values = {name: _strings(table or {}, name) for name, table in values_raw.items()}
        for name in values:
            if name not in TABLE_FIELDS:
                raise ReadError(noop("The mapping has a value table for a field without one: %(field)s"),
                                field=name)
        mode = str(data.get("mode") or "create")
        if mode not in MODES:
            raise ReadError(noop("The mode must be create, update or both, not %(mode)s"), mode=mode)
        unit = data.get("amount_unit", 1)
        if unit not in (1, 10_000, "1", "10000"):
            raise ReadError(noop("The amount unit must be 1 or 10000."))
        return cls(columns, constants, values, int(unit), mode, bool(data.get("skip_bad")),
                   str(data.get("preset") or ""))


def _strings(table: Any, where: str) -> dict[str, str]:
    if not isinstance(table, dict) or not all(isinstance(v, (str, int, float)) for v in table.values()):
        raise ReadError(noop("The mapping's %(part)s must be a table of text."), part=where)
    return {str(k): str(v) for k, v in table.items() if str(v) != ""}


def auto_map(headings: list[str], preset: str = "") -> Mapping:
    """Each field from the first heading that names it: the preset's names, then any preset's,
    then the generic English and Chinese ones."""
    if preset and preset not in PRESETS:
        raise ReadError(noop("Unknown preset %(preset)s (known: salesforce, hubspot, zh-crm)."), preset=preset)
    tables = [PRESETS[preset]] if preset else []
    tables += [t for name, t in PRESETS.items() if name != preset]
    tables.append({alias: f for f, names in ALIASES.items() for alias in names})
    keyed = [{key(h): f for h, f in t.items()} for t in tables]
    columns: dict[str, str] = {}
    for table in keyed:
        for heading in headings:
            name = table.get(key(heading))
            if name and name not in columns and heading not in columns.values():
                columns[name] = heading
    unit = 10_000 if "万" in columns.get("amount", "") else 1
    return Mapping(columns=columns, amount_unit=unit, preset=preset)


def mapping_for(headings: list[str], preset: str = "", given: Any = None) -> Mapping:
    """The mapping an import without the wizard uses (the CLI, the API): matched by name (the
    preset's names first), then what `given` (a mapping object) says over it. ReadError when
    `given` is not a mapping or names columns the file does not have."""
    mapping = auto_map(headings, preset)
    if given is None:
        return mapping
    stated = Mapping.from_data(given)
    missing = sorted(h for h in stated.columns.values() if h not in headings)
    if missing:
        raise ReadError(noop("The mapping names columns the file does not have: %(columns)s"),
                        columns=", ".join(missing))
    mapping.columns = {f: h for f, h in mapping.columns.items() if h not in stated.columns.values()}
    mapping.columns.update(stated.columns)
    for name in stated.constants:
        mapping.columns.pop(name, None)
    mapping.constants, mapping.values = stated.constants, stated.values
    if "amount_unit" in given:
        mapping.amount_unit = stated.amount_unit
    mapping.mode, mapping.skip_bad = stated.mode, stated.skip_bad
    return mapping
