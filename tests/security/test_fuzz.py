"""Fuzzing, bounded: deal documents mutated from the example, and random values in every form.

Whatever comes in, the answer is never a 5xx or an unexpected exception: a document is parsed
or refused with DocumentError naming each problem (and quoting at most a short excerpt of a
value); an upload or form post is saved or refused with a 4xx, and a refusal changes nothing.
Each example runs in a savepoint that is rolled back, so every example meets the same world.
"""

from __future__ import annotations

import importlib
import inspect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from dealpilot.engine.document import loads_document
from dealpilot.engine.errors import DocumentError
from dealpilot.engine.playbook import get_playbook
from tests.security.documents import Doc, documents, known
from tests.security.doors import doors, page_routes, post, then_undo
from tests.security.routes import Route
from tests.security.world import World, answer, browser, csrf_post, dump, make_world

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


def _parsed_or_refused(doc: Doc) -> None:
    try:
        loads_document(doc.text, fmt=doc.fmt if doc.fmt == "json" else None, playbook=get_playbook("ppvvcc"))
    except DocumentError as exc:
        assert exc.problems, "refused without saying why"
        for problem in exc.problems:
            assert problem.path and problem.message, problem
            assert len(problem.message) <= MAX_MESSAGE, f"{problem.path}: {problem.message[:300]}…"


@FUZZ
@known()
@given(doc=documents())
def test_any_document_is_parsed_or_refused_with_its_problems(doc: Doc) -> None:
    _parsed_or_refused(doc)


def _upload(client: Any, url: str, doc: Doc) -> Any:
    return csrf_post(client, url, {"document": SimpleUploadedFile(f"deal.{doc.fmt}", doc.text.encode("utf-8"))})


@pytest.fixture
def world(cast: Any) -> World:
    return make_world(cast)


@WEB_FUZZ
@known(replace=True)
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
    routes = [r for r in page_routes() if r.namespace != "admin" and r.name != "logout"]
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
    routes = [r for r in page_routes() if r.namespace != "admin" and r.name != "logout" and _reads_query(r)]
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
