"""The deal document `dealpilot/1`: typed models, parsing with path-named errors, writing.

A deal document is the lossless interchange format of DealPilot: what the CLI reads, what the
web app exports and imports, what the API returns. Parsing reports every problem at once, each
naming its path (``stakeholders[1].attitude: 'freindly' is not one of champion, …``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from dealpilot.engine import limits as lim
from dealpilot.engine.errors import DocumentError, Problem, excerpt
from dealpilot.engine.reporting import reporting_loop

SCHEMA = "dealpilot/1"


class Attitude(StrEnum):
    champion = "champion"
    supporter = "supporter"
    neutral = "neutral"
    skeptic = "skeptic"
    opponent = "opponent"
    unknown = "unknown"


class Access(StrEnum):
    none = "none"
    indirect = "indirect"
    met = "met"
    regular = "regular"


class Influence(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


class BudgetStatus(StrEnum):
    unknown = "unknown"
    none = "none"
    planned = "planned"
    requested = "requested"
    approved = "approved"
    allocated = "allocated"


BUDGET_ORDER = [s.value for s in BudgetStatus]  # later in the list = further along


class CompetitorPosition(StrEnum):
    incumbent = "incumbent"
    preferred = "preferred"
    shortlisted = "shortlisted"
    mentioned = "mentioned"
    eliminated = "eliminated"


class PainCategory(StrEnum):
    make_money = "make_money"
    save_money = "save_money"
    manage_risk = "manage_risk"


class ObjectionStatus(StrEnum):
    raised = "raised"
    understood = "understood"
    root_cause_found = "root_cause_found"
    resolved = "resolved"


class AnswerStatus(StrEnum):
    yes = "yes"
    partly = "partly"
    no = "no"
    unknown = "unknown"


class StepStatus(StrEnum):
    """Status of a decision-chain step, a milestone or a mutual-plan step."""

    pending = "pending"
    in_progress = "in_progress"
    done = "done"
    blocked = "blocked"


class ActivityKind(StrEnum):
    visit = "visit"
    call = "call"
    meeting = "meeting"
    message = "message"
    email = "email"


class RelationKind(StrEnum):
    knows = "knows"
    works_closely = "works_closely"


# Every text and list of a document is capped (see dealpilot.engine.limits): what the parser
# accepts, the database holds and the pages show without slowing down.
Name = Annotated[str, Field(min_length=1, max_length=lim.NAME_MAX)]
Key = Annotated[str, Field(min_length=1, max_length=lim.KEY_MAX)]
LongText = Annotated[str, Field(min_length=1, max_length=lim.TEXT_MAX)]
OptText = Annotated[str, Field(max_length=lim.TEXT_MAX)] | None
Money = Annotated[float, Field(ge=float(lim.MONEY_MIN), le=float(lim.MONEY_MAX))] | None


def _rows(**kw: Any) -> Any:
    return Field(default_factory=list, max_length=lim.MAX_ROWS, **kw)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False, populate_by_name=True)


class Opportunity(_Model):
    id: Annotated[str, Field(max_length=lim.KEY_MAX)] | None = None
    name: Name
    account: Name
    amount: Money = None
    currency: str = Field(default="CNY", min_length=3, max_length=3)
    stage: Key = "lead"
    close_date: dt.date | None = None
    owner: Annotated[str, Field(max_length=lim.NAME_MAX)] | None = None
    #: The deal's version when the document was written (downloads carry it; replacing checks it).
    version: int | None = Field(default=None, ge=1, lt=2**31)


class Relationship(_Model):
    """A tie between two stakeholders besides the reporting line (backwards-compatible addition)."""

    with_: Key = Field(alias="with")
    kind: RelationKind = RelationKind.knows


class Stakeholder(_Model):
    id: Key
    name: Name
    title: Annotated[str, Field(max_length=lim.TITLE_MAX)] | None = None
    reports_to: Key | None = None
    roles: list[Key] = _rows()
    influence: Influence = Influence.medium
    attitude: Attitude = Attitude.unknown
    access: Access = Access.none
    last_contact: dt.date | None = None
    relationships: list[Relationship] = Field(default_factory=list, max_length=lim.MAX_RELATIONSHIPS)


class DecisionStep(_Model):
    name: LongText
    owner: Key | None = None
    status: StepStatus = StepStatus.pending
    due: dt.date | None = None


class Budget(_Model):
    status: BudgetStatus = BudgetStatus.unknown
    amount: Money = None
    applicant: Key | None = None
    approver: Key | None = None
    deadline: dt.date | None = None


class Competitor(_Model):
    name: LongText
    position: CompetitorPosition = CompetitorPosition.mentioned
    strengths: OptText = None
    our_differentiation: OptText = None


class CompellingEvent(_Model):
    text: LongText
    date: dt.date | None = None


class Milestone(_Model):
    name: LongText
    date: dt.date | None = None
    status: StepStatus = StepStatus.pending


class Timeline(_Model):
    compelling_event: CompellingEvent | None = None
    milestones: list[Milestone] = _rows()


class Pain(_Model):
    text: LongText
    category: PainCategory
    owner: Key | None = None
    confirmed_with: Key | None = None
    confirmed_on: dt.date | None = None
    impact: OptText = None


class ValueItem(_Model):
    for_: Key | None = Field(default=None, alias="for")
    metric: LongText
    amount: Money = None
    period: OptText = None
    agreed: bool = False


class PlanStep(_Model):
    step: LongText
    owner: Key | None = None
    due: dt.date | None = None
    status: StepStatus = StepStatus.pending


class Objection(_Model):
    text: LongText
    raised_by: Key | None = None
    status: ObjectionStatus = ObjectionStatus.raised


class Answer(_Model):
    status: AnswerStatus = AnswerStatus.unknown

    @field_validator("status", mode="before")
    @classmethod
    def _yaml_booleans(cls, v: Any) -> Any:
        # YAML 1.1 reads an unquoted `status: yes` as True; a rep means the answer "yes".
        if v is True:
            return "yes"
        if v is False:
            return "no"
        return v

    evidence: OptText = None
    source: Key | None = None
    date: dt.date | None = None


class Activity(_Model):
    """A visit, call, meeting, message or email with the customer (backwards-compatible addition)."""

    kind: ActivityKind
    date: dt.date
    ours: list[Name] = Field(default_factory=list, max_length=lim.MAX_RELATIONSHIPS)  # our people, by name
    stakeholders: list[Key] = Field(default_factory=list, max_length=lim.MAX_STAKEHOLDERS)  # theirs, by id
    note: Annotated[str, Field(max_length=lim.NOTE_MAX)] | None = None
    next_step: OptText = None
    next_step_due: dt.date | None = None


class Deal(_Model):
    """One opportunity and everything known about it."""

    schema_: str = Field(default=SCHEMA, alias="schema")
    playbook: Key = "ppvvcc"
    as_of: dt.date | None = None
    opportunity: Opportunity
    stakeholders: list[Stakeholder] = Field(default_factory=list, max_length=lim.MAX_STAKEHOLDERS)
    decision_chain: list[DecisionStep] = _rows()
    budget: Budget = Field(default_factory=Budget)
    competitors: list[Competitor] = _rows()
    timeline: Timeline = Field(default_factory=Timeline)
    pains: list[Pain] = _rows()
    value: list[ValueItem] = _rows()
    mutual_plan: list[PlanStep] = _rows()
    objections: list[Objection] = _rows()
    answers: dict[Key, Answer] = Field(default_factory=dict, max_length=lim.MAX_ANSWERS)
    activities: list[Activity] = _rows()

    def stakeholder(self, sid: str | None) -> Stakeholder | None:
        for s in self.stakeholders:
            if s.id == sid:
                return s
        return None

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-compatible data in the document's own key order; empty optionals dropped."""
        data = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        return _tidy(data)


# --- parsing -----------------------------------------------------------------------------


def _tidy(value: Any) -> Any:
    """Drop empty relationship lists and write whole-number floats as integers (stable output)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in ("relationships", "activities") and v == []:
                continue  # optional additions: a document without them writes as it did before
            out[k] = _tidy(v)
        return out
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = {"with_": "with", "for_": "for", "schema_": "schema"}.get(part, part)
            out += ("." if out else "") + str(part)
    return out or "(document)"


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        options = expected.replace("'", "").replace(" or ", ", ")
        return f"{excerpt(value)} is not one of {options}"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required"
    if kind == "string_too_long":
        return f"is longer than {err.get('ctx', {}).get('max_length')} characters"
    if kind == "too_long":
        return f"has more than {err.get('ctx', {}).get('max_length')} items"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"{excerpt(value)} is not a date (use YYYY-MM-DD)"
    return err["msg"][0].lower() + err["msg"][1:] if err.get("msg") else kind


def _reference_problems(data: dict[str, Any]) -> list[Problem]:
    """Stakeholders are referenced by id everywhere: check every reference, on the raw data."""
    problems: list[Problem] = []
    people = data.get("stakeholders")
    people = people if isinstance(people, list) else []
    ids: list[str] = [p["id"] for p in people if isinstance(p, dict) and isinstance(p.get("id"), str)]
    seen: set[str] = set()
    for i, sid in enumerate(ids):
        if sid in seen:
            problems.append(Problem(f"stakeholders[{i}].id", f"duplicate stakeholder id {excerpt(sid)}"))
        seen.add(sid)

    def check(path: str, ref: Any) -> None:
        if ref is not None and isinstance(ref, str) and ref not in seen:
            problems.append(Problem(path, f"no stakeholder {excerpt(ref)}"))

    def rows(key: str) -> list[tuple[int, dict[str, Any]]]:
        val = data.get(key)
        return [(i, r) for i, r in enumerate(val) if isinstance(r, dict)] if isinstance(val, list) else []

    for i, p in enumerate(people):
        if not isinstance(p, dict):
            continue
        check(f"stakeholders[{i}].reports_to", p.get("reports_to"))
        if p.get("reports_to") is not None and p.get("reports_to") == p.get("id"):
            problems.append(Problem(f"stakeholders[{i}].reports_to", "a stakeholder cannot report to themself"))
        rels = p.get("relationships")
        if isinstance(rels, list):
            for j, r in enumerate(rels):
                if isinstance(r, dict):
                    check(f"stakeholders[{i}].relationships[{j}].with", _either(r, "with"))
    problems.extend(_loop_problems(people))
    for key, field in (("decision_chain", "owner"), ("mutual_plan", "owner"), ("objections", "raised_by"),
                       ("value", "for")):
        for i, r in rows(key):
            check(f"{key}[{i}].{field}", _either(r, field))
    for i, r in rows("pains"):
        check(f"pains[{i}].owner", r.get("owner"))
        check(f"pains[{i}].confirmed_with", r.get("confirmed_with"))
    budget = data.get("budget")
    if isinstance(budget, dict):
        check("budget.applicant", budget.get("applicant"))
        check("budget.approver", budget.get("approver"))
    answers = data.get("answers")
    if isinstance(answers, dict):
        for cid, a in answers.items():
            if isinstance(a, dict):
                check(f"answers.{cid}.source", a.get("source"))
    for i, r in rows("activities"):
        who = r.get("stakeholders")
        for j, ref in enumerate(who if isinstance(who, list) else []):
            check(f"activities[{i}].stakeholders[{j}]", ref)
    return problems


def _either(row: dict[str, Any], key: str) -> Any:
    """A field that is a Python keyword is read by its alias (`for`) or, as the models also accept
    (populate_by_name), by its field name (`for_`): a reference must be checked in both spellings."""
    value = row.get(key)
    return value if value is not None else row.get(f"{key}_")


def _loop_problems(people: list[Any]) -> list[Problem]:
    """A reporting line must have a top: s1 → s2 → s1 is refused (the rule forms use too)."""
    index: dict[str, int] = {}
    bosses: dict[str, str | None] = {}
    for i, p in enumerate(people):
        if isinstance(p, dict) and isinstance(p.get("id"), str) and p["id"] not in index:
            boss = p.get("reports_to")
            index[p["id"]] = i
            bosses[p["id"]] = boss if isinstance(boss, str) and boss != p["id"] else None
    loop = reporting_loop(bosses)
    if loop is None:
        return []
    names = " → ".join(excerpt(sid, 20) for sid in [*loop[:5], loop[0]]) if len(loop) <= 5 else (
        " → ".join(excerpt(sid, 20) for sid in loop[:3]) + f" → … ({len(loop)} people)")
    return [Problem(f"stakeholders[{index[loop[0]]}].reports_to", f"makes a reporting loop: {names}")]


def parse_document(data: Any, *, playbook: Any = None) -> Deal:
    """Validate plain data as a `dealpilot/1` document; raise DocumentError listing every problem.

    With a playbook (a `dealpilot.engine.playbook.Playbook`), also check the stage, the roles
    and the criterion ids of the answers against it.
    """
    if not isinstance(data, dict):
        raise DocumentError([Problem("(document)", "a deal document must be a mapping of keys to values")])
    problems: list[Problem] = []
    if data.get("schema", SCHEMA) != SCHEMA:
        problems.append(Problem("schema", f"{excerpt(data.get('schema'))} is not supported (expected {SCHEMA!r})"))
    deal: Deal | None = None
    try:
        deal = Deal.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(Problem(_path(err["loc"]), _message(dict(err))))
    problems.extend(_reference_problems(data))
    if playbook is not None:
        problems.extend(playbook.data_problems(data))
    if problems or deal is None:
        raise DocumentError(_dedupe(problems))
    return deal


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        if (p.path, p.message) not in seen:
            seen.add((p.path, p.message))
            out.append(p)
    return out


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML (libyaml's parser when installed: pure-Python parsing of a 1 MB upload takes
    seconds) where a date that does not exist stays text, so validation names its path."""

    def construct_yaml_timestamp(self, node: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):  # 2026-02-30, 0000-01-01: the model says "not a date"
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
# A document has no binary fields: `!!binary` reads as the text written, so a reference or name
# given that way is checked as text (bytes would slip past the reference check and be decoded by
# the model into a name nobody has).
_Loader.add_constructor("tag:yaml.org,2002:binary", _Loader.construct_scalar)


def _shape_error(problem: str, event: Any) -> yaml.MarkedYAMLError:
    mark = event.start_mark  # libyaml's or PyYAML's Mark: the line is what the message needs
    return yaml.MarkedYAMLError(problem=problem, problem_mark=yaml.error.Mark("", 0, mark.line, mark.column, None, 0))


_MAX_ITEMS = max(lim.MAX_STAKEHOLDERS, lim.MAX_ROWS, lim.MAX_ANSWERS, lim.MAX_RELATIONSHIPS)


def _yaml_shape_problem(text: str) -> yaml.MarkedYAMLError | None:
    """Aliases, nesting and list lengths, checked on the event stream before anything is built:
    no aliases (a 499-byte alias bomb expands to gigabytes), no deeper than the limit (building a
    deeper tree recurses once per level), no list longer than any the document allows (building
    30,000 stakeholders only to refuse them costs seconds)."""
    items: list[int] = []  # entries so far in each open collection (a mapping counts keys and values)
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return _shape_error("aliases (*name) are not allowed in a deal document", event)
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            items.pop()
            continue
        if isinstance(event, yaml.NodeEvent) and items:
            items[-1] += 1
            if items[-1] > 2 * _MAX_ITEMS:
                return _shape_error(f"a list or mapping has more than {_MAX_ITEMS} entries", event)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            items.append(0)
            if len(items) > lim.MAX_DEPTH:
                return _shape_error(f"nested more than {lim.MAX_DEPTH} levels deep", event)
    return None


def _load_yaml(text: str) -> Any:
    problem = _yaml_shape_problem(text)
    if problem is not None:
        raise problem
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a safe loader


# Strings, escapes and brackets of JSON text: brackets inside strings do not nest anything.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _json_depth_problem(text: str) -> Problem | None:
    """Measured before json.loads, whose recursion a 100,000-deep document would overflow."""
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > lim.MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                return Problem("(document)", f"nested more than {lim.MAX_DEPTH} levels deep (line {line})")
        elif token in "]}":
            depth -= 1
    return None


def loads_data(text: str, *, fmt: str | None = None, source: str = "<input>",
               max_bytes: int = lim.MAX_DOCUMENT_BYTES) -> Any:
    """Plain data of JSON or YAML text (YAML is a superset of JSON; `fmt` only sharpens the error),
    read within the limits; raise DocumentError for text that is too big, too deep or unreadable."""
    source = source if len(source) <= lim.EXCERPT_CHARS else source[: lim.EXCERPT_CHARS] + "…"
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise DocumentError([Problem("(document)", f"{source} is {size} bytes; a deal document may be at most {max_bytes} bytes")])
    kind = "JSON" if fmt == "json" else "YAML/JSON"
    deep = _json_depth_problem(text) if fmt == "json" else None  # YAML counts while composing
    if deep is not None:
        raise DocumentError([deep])
    try:
        return json.loads(text) if fmt == "json" else _load_yaml(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else (f" at line {exc.lineno}" if hasattr(exc, "lineno") else "")
        reason = getattr(exc, "problem", None) or exc
        raise DocumentError([Problem("(document)", f"{source} is not valid {kind}{line}: {reason}")]) from None


def loads_document(text: str, *, fmt: str | None = None, source: str = "<input>", playbook: Any = None,
                   max_bytes: int = lim.MAX_DOCUMENT_BYTES) -> Deal:
    """Parse JSON or YAML text as a deal document (see `loads_data` and `parse_document`)."""
    return parse_document(loads_data(text, fmt=fmt, source=source, max_bytes=max_bytes), playbook=playbook)


def read_document(path: str | Path, *, playbook: Any = None) -> Deal:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError([Problem("(file)", f"cannot read {p}: {exc.__class__.__name__}: {exc}")]) from None
    fmt = "json" if p.suffix.lower() == ".json" else None
    return loads_document(text, fmt=fmt, source=str(p), playbook=playbook)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes strings holding YAML line-break characters (NEL, LS, PS) double-quoted, where they
    are escaped; other styles fold them into plain newlines and the text would not read back.

    libyaml's emitter when PyYAML has it: the same text, about 4.5 times faster (the pure-Python
    emitter was most of the time of exporting a workspace's documents)."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if any(ch in value for ch in "\x85\u2028\u2029"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def dump_document(deal: Deal, fmt: str = "yaml") -> str:
    """Write a document as YAML (default) or JSON; reading it back gives an equal Deal."""
    data = deal.to_data()
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
