"""Documents are read with limits: size, nesting, aliases, list lengths, text lengths, dates —
every breach a DocumentError naming its path, with at most a short excerpt of the value."""

from __future__ import annotations

import json

import pytest

from dealpilot.engine import DocumentError, limits, loads_document, parse_document
from dealpilot.engine.reporting import reporting_loop

_DEAL = "opportunity: {name: ERP, account: ACME}\n"


def _problems(text: str, **kw: object) -> list[str]:
    with pytest.raises(DocumentError) as exc:
        loads_document(text, **kw)  # type: ignore[arg-type]
    return [str(p) for p in exc.value.problems]


def _bomb(levels: int = 9) -> str:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    lines.append(f"schema: *l{levels - 1}")
    return "\n".join(lines) + "\n"


def test_the_alias_bomb_is_refused_with_a_short_message() -> None:
    text = _bomb()
    assert len(text.encode()) < 600
    found = _problems(text)
    assert len(found) == 1 and "alias" in found[0]
    assert len(found[0]) < 300


def test_a_single_harmless_alias_is_refused_too() -> None:
    found = _problems("x: &a ERP\nopportunity: {name: *a, account: ACME}\n")
    assert any("alias" in p for p in found)


def test_deep_yaml_nesting_is_a_document_error_not_a_recursion_error() -> None:
    found = _problems("schema: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert any("nest" in p for p in found)


def test_deep_block_yaml_nesting_is_refused() -> None:
    text = "".join("  " * i + "- \n" for i in range(200)) + "  " * 200 + "- x\n"
    assert any("nest" in p for p in _problems(text))


def test_deep_json_nesting_is_a_document_error_not_a_recursion_error() -> None:
    text = '{"schema": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert any("nest" in p for p in _problems(text, fmt="json"))
    assert any("nest" in p for p in _problems(text))


def test_brackets_inside_json_strings_do_not_count_as_nesting() -> None:
    doc = {"opportunity": {"name": "[" * 100 + "{" * 100, "account": "ACME"}}
    assert loads_document(json.dumps(doc), fmt="json").opportunity.name.startswith("[[[")


def test_the_engine_has_its_own_size_cap() -> None:
    text = _DEAL + "pad: " + "x" * limits.MAX_DOCUMENT_BYTES + "\n"
    found = _problems(text)
    assert len(found) == 1 and "bytes" in found[0]
    assert _problems(_DEAL + "pad: " + "x" * 200 + "\n", max_bytes=100)[0].endswith("at most 100 bytes")


def test_lists_are_capped() -> None:
    people = [{"id": f"s{i}", "name": f"P{i}"} for i in range(limits.MAX_STAKEHOLDERS + 1)]
    with pytest.raises(DocumentError) as exc:
        parse_document({"opportunity": {"name": "E", "account": "A"}, "stakeholders": people})
    assert [p.path for p in exc.value.problems] == ["stakeholders"]
    rows = [{"name": f"step {i}"} for i in range(limits.MAX_ROWS + 1)]
    with pytest.raises(DocumentError) as exc:
        parse_document({"opportunity": {"name": "E", "account": "A"}, "decision_chain": rows})
    assert [p.path for p in exc.value.problems] == ["decision_chain"]
    answers = {f"c{i}": {"status": "yes"} for i in range(limits.MAX_ANSWERS + 1)}
    with pytest.raises(DocumentError) as exc:
        parse_document({"opportunity": {"name": "E", "account": "A"}, "answers": answers})
    assert [p.path for p in exc.value.problems] == ["answers"]


def test_texts_are_capped_at_the_database_lengths() -> None:
    long = "x" * (limits.NAME_MAX + 1)
    with pytest.raises(DocumentError) as exc:
        parse_document({"opportunity": {"name": long, "account": "A"},
                        "stakeholders": [{"id": "k" * (limits.KEY_MAX + 1), "name": "Li"}],
                        "pains": [{"text": "t" * (limits.TEXT_MAX + 1), "category": "save_money"}]})
    paths = {p.path for p in exc.value.problems}
    assert {"opportunity.name", "stakeholders[0].id", "pains[0].text"} <= paths
    assert all(len(str(p)) < 300 for p in exc.value.problems)


def test_a_huge_value_is_quoted_as_a_short_excerpt() -> None:
    huge = "z" * 100_000
    found = _problems(f"schema: {huge}\n" + _DEAL + f"stakeholders: [{{id: s1, name: Li, attitude: {huge}}}]\n"
                      f"decision_chain: [{{name: x, owner: {huge}}}]\n")
    assert len(found) >= 3
    assert all(len(p) < 200 for p in found), found


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "0000-01-01", "'2026-02-30'", '"0000-01-01"'])
@pytest.mark.parametrize("path", ["as_of", "opportunity.close_date", "budget.deadline",
                                  "stakeholders[0].last_contact", "answers.c1.date"])
def test_every_impossible_date_is_a_document_error_naming_its_path(path: str, value: str) -> None:
    doc = {"opportunity": {"name": "ERP", "account": "ACME"}, "stakeholders": [{"id": "s1", "name": "Li"}]}
    node: dict[str, object] = doc
    parts = path.replace("[0]", ".0").split(".")
    for part in parts[:-1]:
        child = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})  # type: ignore[index]
        node = child  # type: ignore[assignment]
    node[parts[-1]] = "@@DATE@@"
    text = json.dumps(doc).replace('"@@DATE@@"', value)
    found = _problems(text)
    assert [p.split(":")[0] for p in found] == [path], found
    assert "is not a date" in found[0]


def test_a_valid_unquoted_date_still_reads_as_a_date() -> None:
    assert str(loads_document("as_of: 2026-02-28\n" + _DEAL).as_of) == "2026-02-28"


def test_amounts_are_bounded_everywhere() -> None:
    for doc in ({"opportunity": {"name": "E", "account": "A", "amount": -5e15}},
                {"opportunity": {"name": "E", "account": "A"}, "value": [{"metric": "m", "amount": -5e15}]},
                {"opportunity": {"name": "E", "account": "A"}, "budget": {"amount": 1e16}}):
        with pytest.raises(DocumentError):
            parse_document(doc)


def test_a_reporting_loop_is_refused_naming_the_people() -> None:
    with pytest.raises(DocumentError) as exc:
        parse_document({"opportunity": {"name": "E", "account": "A"},
                        "stakeholders": [{"id": "s1", "name": "A", "reports_to": "s2"},
                                         {"id": "s2", "name": "B", "reports_to": "s3"},
                                         {"id": "s3", "name": "C", "reports_to": "s1"}]})
    found = [str(p) for p in exc.value.problems]
    assert any(p.startswith("stakeholders[") and "reporting loop" in p for p in found), found


def test_reporting_loops_are_found_by_the_one_engine_rule() -> None:
    assert reporting_loop({"a": "b", "b": "a", "c": None}) == ["a", "b"]
    assert reporting_loop({"a": "b", "b": "c", "c": None}) is None
    chain = {f"s{i}": f"s{i + 1}" for i in range(5000)}
    assert reporting_loop(chain) is None
