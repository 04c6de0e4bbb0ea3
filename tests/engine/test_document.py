"""Reading deal documents: every problem reported at once, each naming its path."""

from __future__ import annotations

import pytest

from dealpilot.engine import DocumentError, get_playbook, loads_document, parse_document


def _problems(data: object, **kw: object) -> list[str]:
    with pytest.raises(DocumentError) as exc:
        parse_document(data, **kw)  # type: ignore[arg-type]
    return [str(p) for p in exc.value.problems]


def test_every_problem_is_reported_at_once_with_its_path() -> None:
    found = _problems({
        "opportunity": {"name": "ERP", "account": "ACME", "stage": "dreaming"},
        "stakeholders": [
            {"id": "s1", "name": "Li", "attitude": "freindly", "roles": ["boss"]},
            {"id": "s1", "name": "Wang", "colour": "blue"},
        ],
        "decision_chain": [{"name": "Board", "owner": "s99"}],
        "answers": {"no_such_criterion": {"status": "yes"}},
    }, playbook=get_playbook("ppvvcc"))
    assert "stakeholders[0].attitude: 'freindly' is not one of champion, supporter, neutral, skeptic, opponent, unknown" in found
    assert "stakeholders[1].colour: unknown key" in found
    assert "stakeholders[1].id: duplicate stakeholder id 's1'" in found
    assert "decision_chain[0].owner: no stakeholder 's99'" in found
    # The playbook's own checks run even though the document has other errors.
    assert any(p.startswith("opportunity.stage: 'dreaming' is not one of lead") for p in found)
    assert any(p.startswith("stakeholders[0].roles[0]: 'boss'") for p in found)
    assert "answers.no_such_criterion: no criterion 'no_such_criterion' in playbook 'ppvvcc'" in found


def test_a_missing_opportunity_and_a_non_mapping_are_clear() -> None:
    assert "opportunity: required" in _problems({"stakeholders": []})
    assert _problems(["not", "a", "deal"]) == ["(document): a deal document must be a mapping of keys to values"]


def test_an_unquoted_yaml_yes_is_read_as_the_answer_yes() -> None:
    deal = loads_document("opportunity: {name: ERP, account: ACME}\nanswers:\n  pain_top_priority: {status: yes}\n")
    assert deal.answers["pain_top_priority"].status.value == "yes"


def test_broken_yaml_names_the_line() -> None:
    with pytest.raises(DocumentError) as exc:
        loads_document("opportunity:\n  name: [unclosed\n", source="deal.yaml")
    assert "deal.yaml is not valid" in str(exc.value) and "line" in str(exc.value)


def test_a_reference_spelled_with_the_python_field_name_is_checked_too() -> None:
    """`for_` and `with_` (the models' own field names) are accepted as well as `for` and `with`:
    a dangling reference must be a problem in either spelling, not a crash when it is stored."""
    import pytest

    from dealpilot.engine.document import parse_document
    from dealpilot.engine.errors import DocumentError

    data = {"opportunity": {"name": "x", "account": "y"}, "stakeholders": [
        {"id": "s1", "name": "甲", "relationships": [{"with_": "s9"}]}], "value": [{"for_": "s8", "metric": "m"}]}
    with pytest.raises(DocumentError) as caught:
        parse_document(data)
    assert {(p.path, p.message) for p in caught.value.problems} >= {
        ("stakeholders[0].relationships[0].with", "no stakeholder 's9'"), ("value[0].for", "no stakeholder 's8'")}


def test_a_reference_written_as_yaml_binary_is_checked_as_the_text_written() -> None:
    """`!!binary aGVsbG8=` used to become bytes, pass the reference check, and be decoded by the
    model into `hello`, a person nobody has: the store then failed. It is the text written."""
    text = ("opportunity: {name: ERP, account: ACME}\nstakeholders:\n  - {id: s1, name: Li}\n"
            "mutual_plan:\n  - {step: Kick-off, owner: !!binary aGVsbG8=}\n")
    with pytest.raises(DocumentError) as exc:
        loads_document(text)
    assert [str(p) for p in exc.value.problems] == ["mutual_plan[0].owner: no stakeholder 'aGVsbG8='"]
