"""Playbooks as data: dimensions, criteria, stages, roles, flag settings and the question bank.

Playbooks are YAML files shipped in `dealpilot/engine/playbooks/`. They are validated on load;
a bad one raises PlaybookError whose problems name the file, the path inside it and the issue.
Nothing in the engine is hard-wired to the six PPVVCC dimensions: BANT and MEDDICC ship too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from dealpilot.engine.document import BUDGET_ORDER, Deal
from dealpilot.engine.errors import PlaybookError, Problem
from dealpilot.engine.stage_rules import (  # WON, LOST, OUTCOMES: importable from here too
    LOST,  # noqa: F401
    OUTCOMES,  # noqa: F401
    STAGE_ID,
    STAGE_ID_MAX,
    WON,  # noqa: F401
    stage_problems,
)

PLAYBOOK_DIR = Path(__file__).parent / "playbooks"
DEFAULT_PLAYBOOK = "ppvvcc"

#: The key facts a criterion can concern.
FACTS = ("decision_chain", "participation", "budget", "competitors", "timeline",
         "pains", "value", "mutual_plan", "objections")

#: Fact checks a criterion can declare. A "yes" whose check fails is a contradiction and is not
#: fully credited (see scoring). `role_present:<role>` / `role_reached:<role>` take a role id;
#: `budget_at_least:<status>` takes a budget status.
CHECKS = ("role_present", "role_reached", "budget_at_least", "pain_confirmed", "pain_owner_known",
          "compelling_event", "dated_milestone", "mutual_plan", "competitors_known",
          "value_quantified", "value_agreed", "decision_chain_known", "supporter_present",
          "stakeholders_reached", "buying_roles_reached")

#: Flag ids the engine knows how to compute.
FLAG_IDS = ("pain_unconfirmed", "pain_stale", "no_decider_access", "no_fund_access", "no_supporter",
            "hostile_influencer", "single_threaded", "budget_unconfirmed", "no_compelling_event",
            "competitor_favoured", "value_unquantified", "no_mutual_plan",
            "open_objections_near_close", "close_date_unreachable", "stage_ahead_of_evidence",
            "coach_not_supporter", "decision_chain_out_of_order")

#: What a role means to the rules: the one who decides (`no_decider_access`, intro paths, the
#: forecast), the one who approves the budget (with the budget's approver: `no_fund_access`) and
#: the coach (`coach_not_supporter`; not part of the buying group). A playbook marks its roles
#: with `kind`; one that does not keeps the shipped ids' meaning (`CONVENTIONAL_ROLES`).
ROLE_KINDS = ("decides", "approves_budget", "coach")
CONVENTIONAL_ROLES = {"decides": "decider", "approves_budget": "fund_approver", "coach": "coach"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A product text in both languages."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Lexicon(_Strict):
    """Words and phrases that, in a note, point at a criterion (read by `dealpilot.notes`).

    Optional: a playbook without lexicons still loads; notes then match on its texts alone."""

    zh: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(default_factory=list, max_length=200)
    en: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(default_factory=list, max_length=200)

    def get(self, lang: str) -> list[str]:
        return self.en if lang == "en" else self.zh


class Criterion(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    weight: float = Field(gt=0, le=10)
    text: Text
    fact: Literal[FACTS] | None = None  # type: ignore[valid-type]
    role: str | None = None
    checks: list[str] = Field(default_factory=list)
    hint: Text | None = None  # what good evidence looks like
    lexicon: Lexicon | None = None  # words in a note that bear on this criterion

    @field_validator("checks")
    @classmethod
    def _known_checks(cls, v: list[str]) -> list[str]:
        for c in v:
            name = c.split(":", 1)[0]
            if name not in CHECKS:
                raise ValueError(f"unknown check {c!r} (known: {', '.join(CHECKS)})")
        return v


class Dimension(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Text
    description: Text
    weight: float = Field(default=1.0, gt=0)
    criteria: list[Criterion] = Field(min_length=1)


class StageRequirements(_Strict):
    min_score: float = Field(default=0, ge=0, le=100)
    budget_at_least: str | None = None
    # A named relaxation of this stage's budget gate: these statuses are accepted in place of
    # `budget_at_least` (e.g. state-owned customers release money after signature, so `commit`
    # may accept `approved` rather than `allocated`). Applies to this stage only.
    accept_budget: list[str] = Field(default_factory=list)
    roles_reached: list[str] = Field(default_factory=list)
    min_stakeholders_reached: int = Field(default=0, ge=0)
    pain_confirmed: bool = False
    compelling_event: bool = False

    @field_validator("budget_at_least")
    @classmethod
    def _budget(cls, v: str | None) -> str | None:
        if v is not None and v not in BUDGET_ORDER:
            raise ValueError(f"{v!r} is not one of {', '.join(BUDGET_ORDER)}")
        return v

    @field_validator("accept_budget")
    @classmethod
    def _accepted(cls, v: list[str]) -> list[str]:
        for status in v:
            if status not in BUDGET_ORDER:
                raise ValueError(f"{status!r} is not one of {', '.join(BUDGET_ORDER)}")
        return v


class Stage(_Strict):
    id: str = Field(pattern=STAGE_ID, max_length=STAGE_ID_MAX)
    name: Text
    probability: float = Field(ge=0, le=1)  # the conventional stage weight, for comparison
    closed: bool = False
    requires: StageRequirements = Field(default_factory=StageRequirements)
    focus: dict[str, float] = Field(default_factory=dict)  # dimension id -> how much this stage needs it


class Role(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Text
    description: Text
    kind: Literal["decides", "approves_budget", "coach"] | None = None


class FlagSetting(_Strict):
    severity: Literal["high", "medium", "low"]
    dimension: str
    enabled: bool = True
    # The flag's boundary where it has one (days to close, contacts reached, a dimension score);
    # None keeps the engine's default (see flags.DEFAULT_THRESHOLDS).
    threshold: float | None = None


class Question(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    purpose: Literal["role", "need", "attitude"]
    technique: Literal["direct", "side", "glad"]
    criteria: list[str] = Field(min_length=1)
    roles: list[str] = Field(default_factory=list)  # empty: anyone may be asked
    text: Text


class ForecastRule(_Strict):
    """What a forecast category requires of a deal's evidence (see engine/forecast.py)."""

    stage_gate: str | None = None  # the gate of this stage must be met (with every earlier one)
    no_high_flags: bool = False
    roles_reached: list[str] = Field(default_factory=list)
    # A mutual plan to signature: at least one step, every open step owned and dated, none
    # due after the close date.
    mutual_plan_dated: bool = False
    min_score: float = Field(default=0, ge=0, le=100)


class ForecastRules(_Strict):
    commit: ForecastRule
    best_case: ForecastRule


#: A playbook without a `forecast` section is judged by these (engine.forecast.DEFAULT_RULES);
#: it must then have the stages they gate on.
DEFAULT_FORECAST = ForecastRules(
    commit=ForecastRule(stage_gate="commit", no_high_flags=True, roles_reached=["decider", "fund_approver"],
                        mutual_plan_dated=True),
    best_case=ForecastRule(stage_gate="propose", roles_reached=["decider"]),
)


class Playbook(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    name: Text
    description: Text
    freshness_days: int = Field(gt=0)
    pain_freshness_days: int = Field(gt=0)
    dimensions: list[Dimension] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    flags: dict[str, FlagSetting] = Field(default_factory=dict)
    questions: list[Question] = Field(default_factory=list)
    # Optional: a playbook without it gets DEFAULT_FORECAST (engine.forecast.DEFAULT_RULES).
    forecast: ForecastRules | None = None

    # --- look-ups ---------------------------------------------------------------------
    def dimension(self, did: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == did)

    def criteria(self) -> list[tuple[Dimension, Criterion]]:
        return [(d, c) for d in self.dimensions for c in d.criteria]

    def criterion(self, cid: str) -> Criterion | None:
        return next((c for _, c in self.criteria() if c.id == cid), None)

    def stage(self, sid: str) -> Stage | None:
        return next((s for s in self.stages if s.id == sid), None)

    def stage_ids(self) -> list[str]:
        """Every stage id, in the playbook's order."""
        return [s.id for s in self.stages]

    def open_stages(self) -> list[Stage]:
        """The stages a deal moves through before it is won or lost, in order."""
        return [s for s in self.stages if not s.closed]

    def role(self, rid: str) -> Role | None:
        return next((r for r in self.roles if r.id == rid), None)

    def role_for(self, kind: str) -> str | None:
        """The id of the role with this meaning (see ROLE_KINDS), or None if the playbook has none."""
        marked = next((r.id for r in self.roles if r.kind == kind), None)
        if marked is not None:
            return marked
        role = self.role(CONVENTIONAL_ROLES[kind])
        return role.id if role is not None and role.kind is None else None

    # --- consistency ------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """Cross-references inside the playbook (ids unique, every reference resolves)."""
        out: list[Problem] = []
        dim_ids = [d.id for d in self.dimensions]
        role_ids = {r.id for r in self.roles}
        crit_ids: set[str] = set()
        for i, d in enumerate(self.dimensions):
            if dim_ids.count(d.id) > 1:
                out.append(Problem(f"dimensions[{i}].id", f"duplicate dimension id {d.id!r}"))
            for j, c in enumerate(d.criteria):
                where = f"dimensions[{i}].criteria[{j}]"
                if c.id in crit_ids:
                    out.append(Problem(f"{where}.id", f"duplicate criterion id {c.id!r}"))
                crit_ids.add(c.id)
                if c.role is not None and c.role not in role_ids:
                    out.append(Problem(f"{where}.role", f"no role {c.role!r}"))
                for k, chk in enumerate(c.checks):
                    name, _, arg = chk.partition(":")
                    if name in ("role_present", "role_reached") and arg not in role_ids:
                        out.append(Problem(f"{where}.checks[{k}]", f"no role {arg!r}"))
                    if name == "budget_at_least" and arg not in BUDGET_ORDER:
                        out.append(Problem(f"{where}.checks[{k}]", f"{arg!r} is not a budget status"))
        for kind in ROLE_KINDS:
            if sum(r.kind == kind for r in self.roles) > 1:
                out.append(Problem("roles", f"more than one role of kind {kind!r}"))
        stage_ids = self.stage_ids()
        out += stage_problems(self.stages)
        for i, s in enumerate(self.stages):
            for r in s.requires.roles_reached:
                if r not in role_ids:
                    out.append(Problem(f"stages[{i}].requires.roles_reached", f"no role {r!r}"))
            for did in s.focus:
                if did not in dim_ids:
                    out.append(Problem(f"stages[{i}].focus.{did}", f"no dimension {did!r}"))
        for fid, f in self.flags.items():
            if fid not in FLAG_IDS:
                out.append(Problem(f"flags.{fid}", f"unknown flag (known: {', '.join(FLAG_IDS)})"))
            if f.dimension not in dim_ids:
                out.append(Problem(f"flags.{fid}.dimension", f"no dimension {f.dimension!r}"))
        for name in ("commit", "best_case"):
            rule = getattr(self.forecast or DEFAULT_FORECAST, name)
            if rule.stage_gate is not None and rule.stage_gate not in stage_ids:
                if self.forecast is None:
                    out.append(Problem("forecast", f"without a forecast section the {name} rule gates on stage "
                                                   f"{rule.stage_gate!r}, which this playbook does not have; "
                                                   "add a forecast section"))
                    continue
                out.append(Problem(f"forecast.{name}.stage_gate", f"no stage {rule.stage_gate!r}"))
                for k, r in enumerate(rule.roles_reached):
                    if r not in role_ids:
                        out.append(Problem(f"forecast.{name}.roles_reached[{k}]", f"no role {r!r}"))
        q_ids: set[str] = set()
        for i, q in enumerate(self.questions):
            if q.id in q_ids:
                out.append(Problem(f"questions[{i}].id", f"duplicate question id {q.id!r}"))
            q_ids.add(q.id)
            for k, cid in enumerate(q.criteria):
                if cid not in crit_ids:
                    out.append(Problem(f"questions[{i}].criteria[{k}]", f"no criterion {cid!r}"))
            for k, rid in enumerate(q.roles):
                if rid not in role_ids:
                    out.append(Problem(f"questions[{i}].roles[{k}]", f"no role {rid!r}"))
        return out

    def document_problems(self, deal: Deal) -> list[Problem]:
        """What a deal document says that this playbook does not know."""
        return self.data_problems(deal.to_data())

    def data_problems(self, data: dict[str, Any]) -> list[Problem]:
        """The same check on raw document data, so it runs alongside the document's own errors."""
        out: list[Problem] = []
        opp = data.get("opportunity")
        stage = opp.get("stage", "lead") if isinstance(opp, dict) else None
        if isinstance(stage, str) and self.stage(stage) is None:
            out.append(Problem("opportunity.stage", f"{stage!r} is not one of "
                                                    f"{', '.join(s.id for s in self.stages)}"))
        role_ids = [r.id for r in self.roles]
        people = data.get("stakeholders")
        for i, s in enumerate(people if isinstance(people, list) else []):
            roles = s.get("roles") if isinstance(s, dict) else None
            for k, r in enumerate(roles if isinstance(roles, list) else []):
                if isinstance(r, str) and r not in role_ids:
                    out.append(Problem(f"stakeholders[{i}].roles[{k}]", f"{r!r} is not one of {', '.join(role_ids)}"))
        answers = data.get("answers")
        for cid in answers if isinstance(answers, dict) else {}:
            if self.criterion(str(cid)) is None:
                out.append(Problem(f"answers.{cid}", f"no criterion {cid!r} in playbook {self.id!r}"))
        return out


def _pydantic_problems(exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors():
        path = ""
        for part in err["loc"]:
            path += f"[{part}]" if isinstance(part, int) else ("." if path else "") + str(part)
        out.append(Problem(path or "(playbook)", err["msg"]))
    return out


def parse_playbook(data: Any, source: str = "<playbook>") -> Playbook:
    if not isinstance(data, dict):
        raise PlaybookError([Problem("(playbook)", "a playbook must be a mapping")], source)
    try:
        pb = Playbook.model_validate(data)
    except ValidationError as exc:
        raise PlaybookError(_pydantic_problems(exc), source) from None
    problems = pb.problems()
    if problems:
        raise PlaybookError(problems, source)
    return pb


def load_playbook(path: str | Path) -> Playbook:
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PlaybookError([Problem("(file)", f"cannot read: {exc}")], str(p)) from None
    except yaml.YAMLError as exc:
        raise PlaybookError([Problem("(file)", f"not valid YAML: {exc}")], str(p)) from None
    return parse_playbook(data, str(p))


def list_playbooks() -> list[str]:
    """The ids of the playbooks shipped with the package."""
    return list(_builtin_ids())


@lru_cache(maxsize=1)
def _builtin_ids() -> tuple[str, ...]:
    # The shipped folder does not change while a process runs; a deal page asks three times.
    return tuple(sorted(p.stem for p in PLAYBOOK_DIR.glob("*.yaml")))


@lru_cache(maxsize=32)
def _builtin(pid: str) -> Playbook:
    return load_playbook(PLAYBOOK_DIR / f"{pid}.yaml")


#: Where playbooks other than the shipped ones come from: a function of an id returning the
#: current (version, data) of that playbook, or None when it has none. The web app registers
#: its published team playbooks here (dealpilot.playbooks); the engine itself stores nothing.
_source: Callable[[str], tuple[int, Any] | None] | None = None


def set_playbook_source(source: Callable[[str], tuple[int, Any] | None] | None) -> None:
    global _source
    _source = source
    _custom.cache_clear()


def playbook_source() -> Callable[[str], tuple[int, Any] | None] | None:
    return _source


def is_shipped(ref: str) -> bool:
    return ref in _builtin_ids()


@lru_cache(maxsize=64)
def _custom(pid: str, version: int, data_json: str) -> Playbook:
    # Keyed by (id, version): a published version never changes, so neither does its parse.
    # The data is part of the key only to build the value; equal keys carry equal data.
    return parse_playbook(json.loads(data_json), f"{pid} v{version}")


def custom_playbook(pid: str, version: int, data: Any) -> Playbook:
    return _custom(pid, version, json.dumps(data, sort_keys=True, ensure_ascii=False))


def known_playbook(ref: str) -> Playbook | None:
    """A shipped or a published team playbook by id, else None: never a file, so an id that
    arrives in a document or a form cannot make the server read a path."""
    if ref in _builtin_ids():
        return _builtin(ref)
    found = _source(ref) if _source is not None and "/" not in ref else None
    return custom_playbook(ref, found[0], found[1]) if found is not None else None


def get_playbook(ref: str | None = None) -> Playbook:
    """A shipped playbook by id, a published team playbook by id (through the registered
    source), or a playbook file by path. Unknown ids raise PlaybookError."""
    ref = ref or DEFAULT_PLAYBOOK
    if ref in _builtin_ids():
        return _builtin(ref)
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        return load_playbook(ref)
    found = _source(ref) if _source is not None else None
    if found is not None:
        return custom_playbook(ref, found[0], found[1])
    raise PlaybookError([Problem("playbook", f"unknown playbook {ref!r} (built in: {', '.join(list_playbooks())})")])
