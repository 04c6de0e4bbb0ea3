"""Deal documents to attack the parser with: the example document with one to three things
wrong with it (wrong types, impossible dates, huge numbers, deep nesting, unknown keys, unicode,
aliases, long reporting lines), as YAML or JSON, plus the attacks known to have worked."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import yaml
from hypothesis import example
from hypothesis import strategies as st

from tests.security.world import EXAMPLE

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


def known(**more: Any) -> Any:
    """Each known attack as an explicit example of the test (with `more` arguments)."""
    def add(test: Any) -> Any:
        for doc in KNOWN:
            test = example(doc=doc, **more)(test)
        return test
    return add
