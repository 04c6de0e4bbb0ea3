"""Fuzzing, bounded: deal documents mutated from the example, and random values in every form.

Whatever comes in, the answer is never a 5xx or an unexpected exception: a document is parsed
or refused with DocumentError naming each problem (and quoting at most a short excerpt of a
value); an upload or form post is saved or refused with a 4xx, and a refusal changes nothing.
Each example runs in a savepoint that is rolled back, so every example meets the same world.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import inspect
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from dealpilot.engine.document import loads_document
from dealpilot.engine.errors import DocumentError
from dealpilot.engine.playbook import get_playbook
from tests.security.doors import doors, post, then_undo
from tests.security.routes import Route, all_routes
from tests.security.world import EXAMPLE, World, answer, browser, csrf_post, dump, make_world

FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
# Through the web an example costs up to a second or two (a 600-person deal saved and shown):
# fewer of them, and no shrinking, which could take minutes. A failure still reads well: a
# document is shown as the steps that made it.
WEB_FUZZ = settings(FUZZ, max_examples=30, phases=[Phase.explicit, Phase.reuse, Phase.generate])

# The longest problem message a refusal may show: a short excerpt of a value, never all of it.
MAX_MESSAGE = 1000
# A refused upload answers with the form and its problems; far more means a value was echoed.
MAX_REFUSAL_PAGE = 300_000

# --- deal documents ------------------------------------------------------------------------

BASE = yaml.safe_load(EXAMPLE)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*path, i))
    return out


PATHS = [p for p in _paths(BASE) if p]


def _bomb(levels: int, fan: int) -> str:
    """Aliases that expand to fan**levels items (kept small: the point is the echo, not the RAM)."""
    parts = [f"&b0 [{', '.join(['x'] * fan)}]"]
    parts += [f"&b{i} [{', '.join([f'*b{i - 1}'] * fan)}]" for i in range(1, levels)]
    return "[" + ", ".join(parts) + "]"


# Text that only the parser sees: YAML's own dates, floats, tags and aliases, and nesting.
RAW_YAML = [
    "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "2026-02-29", "-5.0e+15", "1.0e+400",
    "-.inf", ".nan", "0x7fffffffffffffffffff", "&self [*self]", _bomb(5, 8), "!!binary aGVsbG8=",
    "!!python/name:os.system", "!!set {a, b}", "~", "'\x00'", "[" * 50_000 + "]" * 50_000,
    "{" * 2_000 + "}" * 2_000,
]
RAW_JSON = [
    "NaN", "-Infinity", "1e400", "-5e15", "1" * 400, '"2026-02-30"', '"\\ud800"', '"\\u0000"',
    "[" * 100_000 + "]" * 100_000, '{"a":' * 5_000 + "1" + "}" * 5_000,
]

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["长" * 20_000, "2026-02-30", "0000-01-01", "s1", "s999", "yes", "", "\x00"]),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=4),
                   st.dictionaries(st.text(max_size=8), SCALARS, max_size=3))


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    node = data
    for part in path[:-1]:
        node = node[part]
    if not isinstance(node, dict | list) or (isinstance(node, list) and not 0 <= path[-1] < len(node)) \
            or (isinstance(node, dict) and path[-1] not in node):
        raise LookupError(path)
    return node


def _line(n: int) -> list[dict[str, Any]]:
    """n people, each the boss of the next: the power map has to lay out n levels."""
    return [{"id": f"s{i}", "name": f"第{i}人", **({"reports_to": f"s{i - 1}"} if i > 1 else {})}
            for i in range(1, n + 1)]


class Doc:
    """A document to try; shown in a failure as the steps that made it, not its 200 kB of text."""

    def __init__(self, text: str, fmt: str, steps: tuple[str, ...]) -> None:
        self.text, self.fmt, self.steps = text, fmt, steps  # fmt: "yaml" or "json"

    def __repr__(self) -> str:
        return f"Doc({self.fmt}, {len(self.text)} characters: {'; '.join(self.steps)})"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]}…({len(text)} characters)"


@st.composite
def documents(draw: Any) -> Doc:
    """The example with one to three things wrong with it, as YAML or JSON text."""
    fmt = draw(st.sampled_from(["yaml", "json"]))
    data = copy.deepcopy(BASE)
    raws: list[str] = []
    steps: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(PATHS))
        what = draw(st.sampled_from(["set", "set", "drop", "add", "raw", "repeat", "chain"]))
        if what == "chain":
            n = draw(st.integers(min_value=2, max_value=600))
            data["stakeholders"] = _line(n)
            steps.append(f"stakeholders = a reporting line of {n}")
            continue
        try:
            parent = _parent(data, path)
        except (LookupError, TypeError):
            continue
        key = path[-1]
        where = ".".join(str(p) for p in path)
        if what == "set":
            parent[key] = draw(VALUES)
            steps.append(f"{where} = {_short(parent[key])}")
        elif what == "drop":
            del parent[key]
            steps.append(f"{where} dropped")
        elif what == "add" and isinstance(parent[key], dict):
            name = draw(st.text(min_size=1, max_size=12))
            parent[key][name] = draw(VALUES)
            steps.append(f"{where}.{name!r} = {_short(parent[key][name])} added")
        elif what == "raw":
            raws.append(draw(st.sampled_from(RAW_YAML if fmt == "yaml" else RAW_JSON)))
            parent[key] = f"__RAW_{len(raws) - 1}__"
            steps.append(f"{where} = {_short(raws[-1])} (as written)")
        elif what == "repeat" and isinstance(parent[key], list) and parent[key]:
            times = draw(st.integers(min_value=2, max_value=60))
            parent[key] = parent[key] * times
            steps.append(f"{where} repeated {times} times")
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, default=str)
        for i, raw in enumerate(raws):
            text = text.replace(f'"__RAW_{i}__"', raw)
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        for i, raw in enumerate(raws):
            text = text.replace(f"__RAW_{i}__", raw)
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        cut = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:cut]
        steps.append(f"cut at {cut}")
    return Doc(text, fmt, tuple(steps))


def _written(fmt: str, path: tuple[Any, ...], raw: str) -> Doc:
    """The example with one value written as given (for the known attacks, tried every run)."""
    data = copy.deepcopy(BASE)
    _parent(data, path)[path[-1]] = "__RAW__"
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, default=str).replace('"__RAW__"', raw)
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).replace("__RAW__", raw)
    return Doc(text, fmt, (f"{'.'.join(map(str, path))} = {_short(raw)} (as written)",))


def _reporting_line(n: int) -> Doc:
    data = copy.deepcopy(BASE)
    data["stakeholders"] = _line(n)
    return Doc(json.dumps(data, ensure_ascii=False, default=str), "json", (f"stakeholders = a reporting line of {n}",))


# The attacks known to have worked, tried on every run before the random ones.
KNOWN = [
    _written("yaml", ("as_of",), "2026-02-30"),
    _written("yaml", ("opportunity", "close_date"), "2026-13-01"),
    _written("yaml", ("opportunity", "close_date"), "0000-01-01"),
    _written("yaml", ("schema",), _bomb(4, 8)),
    _written("yaml", ("stakeholders", 0, "roles"), "[" * 50_000 + "]" * 50_000),
    _written("json", ("stakeholders", 0, "roles"), "[" * 100_000 + "]" * 100_000),
    _reporting_line(600),
]


def _known(**more: Any) -> Any:
    def add(test: Any) -> Any:
        for doc in KNOWN:
            test = example(doc=doc, **more)(test)
        return test
    return add


def _parsed_or_refused(doc: Doc) -> None:
    try:
        loads_document(doc.text, fmt=doc.fmt if doc.fmt == "json" else None, playbook=get_playbook("ppvvcc"))
    except DocumentError as exc:
        assert exc.problems, "refused without saying why"
        for problem in exc.problems:
            assert problem.path and problem.message, problem
            assert len(problem.message) <= MAX_MESSAGE, f"{problem.path}: {problem.message[:300]}…"


@FUZZ
@_known()
@given(doc=documents())
def test_any_document_is_parsed_or_refused_with_its_problems(doc: Doc) -> None:
    _parsed_or_refused(doc)


def _upload(client: Any, url: str, doc: Doc) -> Any:
    return csrf_post(client, url, {"document": SimpleUploadedFile(f"deal.{doc.fmt}", doc.text.encode("utf-8"))})


@pytest.fixture
def world(cast: Any) -> World:
    return make_world(cast)


@WEB_FUZZ
@_known(replace=True)
@given(doc=documents(), replace=st.booleans())
def test_any_uploaded_document_is_saved_or_refused_and_a_refusal_changes_nothing(
        world: World, doc: Doc, replace: bool) -> None:
    client = browser(world.cast.rep_a)
    url = f"/deals/{world.deal.pk}/upload/" if replace else "/deals/upload/"
    before = dump()

    def attempt() -> Any:
        response = _upload(client, url, doc)
        if response.status_code != 302:
            assert dump() == before, f"a refused upload ({response.status_code}) changed the database"
            return response, {}
        deal = response["Location"]
        return response, {page: client.get(page) for page in (
            deal, f"{deal}review/", f"{deal}charts/powermap.json", f"{deal}review.md")}

    response, pages = then_undo(attempt)
    assert response.status_code in (302, 400, 409, 413), f"{answer(response)} from {url}"
    if response.status_code != 302:
        assert len(response.content) <= MAX_REFUSAL_PAGE, f"a {len(response.content)}-byte refusal"
    broken = {page: answer(r) for page, r in pages.items() if r.status_code >= 500}
    assert not broken, f"the saved deal does not open: {broken}"


# --- every form ----------------------------------------------------------------------------


def _form_fields() -> list[str]:
    """Every field of every form of the project's apps (so new fields are fuzzed too)."""
    names = {"version", "knows", "works_closely", "csrfmiddlewaretoken"}
    for config in apps.get_app_configs():
        if not config.name.startswith("dealpilot."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, forms.BaseForm):
                names |= set(value.base_fields)
    return sorted(names - {"csrfmiddlewaretoken", "document"})


FIELDS = _form_fields()


def _nasty(w: World) -> Any:
    ids = [str(p.pk) for deal in (w.deal, w.other) for p in deal.stakeholders.all()]
    return st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=40),  # control characters and NUL included
        st.sampled_from(["", " ", "\x00", "长" * 5_000, "x" * 100_000, "<script>alert(1)</script>",
                         "{{ 7*7 }}", "' OR 1=1 --", "\u202e", "🙂" * 100, "\r\n"]),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.sampled_from(["-5e15", "1e400", "NaN", "inf", "-0", "0.000001", "1" * 40,
                         "10000000000000000.01", "99999999999999999999.99", "1_000"]),
        st.sampled_from(["2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "10000-01-01",
                         "-0001-01-01", "2026-1-1", "31/12/2026"]),
        # This deal's people (a reporting loop is one pick away), other deals' people, other
        # teams' users, and ids no database holds.
        st.sampled_from([*ids, str(w.other.pk), str(w.cast.rep_b.pk), "0", "-1", str(2**63), str(2**64)]),
        st.lists(st.sampled_from(ids), max_size=3),
        st.lists(st.text(max_size=6), max_size=3),
    )


_NAME = re.compile(r'name="([a-z_]+)"')


@dataclass(frozen=True)
class FormDoor:
    route: str
    url: str
    plausible: dict[str, Any]  # data the owner's POST is saved with
    fields: tuple[str, ...]  # the fields its form shows (every known field when it has no GET)


def _saves(client: Any, url: str, data: dict[str, Any]) -> bool:
    before = dump()

    def call() -> bool:
        post(client, url, data)
        return dump() != before

    return then_undo(call)


@pytest.fixture
def form_doors(world: World) -> dict[str, list[FormDoor]]:
    """Every door whose POST, as the deal's owner with plausible data, saves something: by route."""
    owner = browser(world.cast.rep_a)
    routes = [r for r in all_routes() if r.namespace != "admin" and r.name != "logout"]
    found: dict[str, list[FormDoor]] = {}
    for route, url, data in doors(world, routes):
        if not _saves(owner, url, data):
            continue
        page = owner.get(url)
        shown = set(_NAME.findall(page.content.decode())) & set(FIELDS) if page.status_code == 200 else set()
        found.setdefault(route.name, []).append(FormDoor(route.name, url, data, tuple(sorted(shown or FIELDS))))
    assert {"workspace_row_new", "workspace_row", "workspace_row_delete", "workspace_answer",
            "workspace_stakeholder", "workspace_stakeholder_new", "workspace_block", "deal_new",
            "deal_upload"} <= set(found), sorted(found)
    return found


@settings(WEB_FUZZ, max_examples=60)
@given(data=st.data())
def test_any_form_post_is_saved_or_refused_and_a_refusal_changes_nothing(
        world: World, form_doors: dict[str, list[FormDoor]], data: Any) -> None:
    route = data.draw(st.sampled_from(sorted(form_doors)), label="route")
    door = data.draw(st.sampled_from(form_doors[route]), label="door")
    names = st.one_of(st.sampled_from(door.fields), st.sampled_from(FIELDS))
    fields = data.draw(st.dictionaries(names, _nasty(world), min_size=1, max_size=4), label="fields")
    client = browser(world.cast.rep_a)
    before = dump()

    def attempt() -> Any:
        response = post(client, door.url, {**door.plausible, **fields})
        if response.status_code >= 400:
            assert dump() == before, f"a refusal ({response.status_code}) changed the database"
            return response, {}
        pages = [f"/deals/{world.deal.pk}/", f"/deals/{world.deal.pk}/review/", response.get("Location")]
        return response, {page: client.get(page) for page in pages if page}

    response, pages = then_undo(attempt)
    assert response.status_code < 500, f"{door.url}: {answer(response)}"
    broken = {page: answer(r) for page, r in pages.items() if r.status_code >= 500}
    assert not broken, f"after the save, pages do not open: {broken}"


# --- every page's query string -------------------------------------------------------------

_PARAMETER = re.compile(r"""request\.GET\.get\(["'](\w+)["']""")


def _query_parameters() -> list[str]:
    """The query parameters the project's views read, found in their source (and one unknown)."""
    names = {"x"}
    for config in apps.get_app_configs():
        if config.name.startswith("dealpilot."):
            for path in Path(config.path).rglob("*.py"):
                names |= set(_PARAMETER.findall(path.read_text(encoding="utf-8")))
    return sorted(names)


QUERY_VALUES = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=20),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["-1", "0", "9" * 30, "last", "NaN", "1e400", "x", "//evil.example",
                     "https://evil.example/", "-score", "score,name", "\x00"]),
)


QUERY_NAMES = _query_parameters()


def _reads_query(route: Route) -> bool:
    source = inspect.getsourcefile(inspect.unwrap(route.callback)) or ""
    return source.startswith(str(Path(__file__).resolve().parents[2] / "dealpilot")) and \
        bool(_PARAMETER.search(Path(source).read_text(encoding="utf-8")))


@pytest.fixture
def pages(world: World) -> list[str]:
    """The pages whose views read a query string (found in their source), each with its ids."""
    routes = [r for r in all_routes() if r.namespace != "admin" and r.name != "logout" and _reads_query(r)]
    found = sorted({url for _route, url, _data in doors(world, routes)})
    assert {"/deals/", "/accounts/login/", f"/deals/{world.deal.pk}/history/"} <= set(found), found
    return found


@settings(WEB_FUZZ, max_examples=60)
@given(data=st.data())
def test_any_query_string_on_any_page_is_answered_without_a_server_error(
        world: World, pages: list[str], data: Any) -> None:
    page = data.draw(st.sampled_from(pages), label="page")
    query = data.draw(st.dictionaries(st.sampled_from(QUERY_NAMES), QUERY_VALUES, min_size=1, max_size=3),
                      label="query")
    user = data.draw(st.sampled_from([world.cast.rep_a, None]), label="user")
    client = browser(user)
    before = dump()
    response = client.get(page, query)
    assert response.status_code < 500, f"{page}?{query}: {answer(response)}"
    assert dump() == before or page.startswith("/accounts/"), "a GET changed the database"
