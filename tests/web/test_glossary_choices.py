"""The model choices, the filters and the forecast categories read as the glossary, in zh and en."""

from __future__ import annotations

import pytest
from django.utils import translation

from dealpilot.deals.models import choices
from dealpilot.engine import glossary
from dealpilot.forecast.models import CALL_CHOICES, EVIDENCE_CHOICES
from dealpilot.pipeline.labels import FLAG_NAMES, SEVERITY_NAMES

MODEL_CHOICES = [(choices.Attitude, "attitude"), (choices.Access, "access"),
                 (choices.Influence, "influence"), (choices.BudgetStatus, "budget"),
                 (choices.CompetitorPosition, "competitor_position"), (choices.PainCategory, "pain_category"),
                 (choices.ObjectionStatus, "objection"), (choices.AnswerStatus, "answer_status"),
                 (choices.StepStatus, "step_status")]
LANGS = [("zh-hans", "zh"), ("en", "en")]


def same(shown: object, word: str, lang: str) -> bool:
    # English labels stand alone capitalised; the glossary's English also sits inside sentences.
    return str(shown) == word if lang == "zh" else str(shown).casefold() == word.casefold()


@pytest.mark.parametrize("code, lang", LANGS)
@pytest.mark.parametrize("enum, name", MODEL_CHOICES, ids=[n for _, n in MODEL_CHOICES])
def test_model_choices_read_as_the_glossary(enum: type, name: str, code: str, lang: str) -> None:
    with translation.override(code):
        wrong = {v: str(label) for v, label in enum.choices
                 if not same(label, glossary.ENUMS[name][v].get(lang), lang)}
    assert not wrong, f"{name}: {wrong} (glossary: {glossary.ENUMS[name]})"


@pytest.mark.parametrize("code, lang", LANGS)
def test_forecast_categories_read_as_the_glossary(code: str, lang: str) -> None:
    with translation.override(code):
        for v, label in CALL_CHOICES + EVIDENCE_CHOICES:
            assert same(label, glossary.FORECAST_CATEGORY[v].get(lang), lang), (v, str(label))
        # "Commit" is also a stage: each keeps its own word.
        assert str(dict(CALL_CHOICES)["commit"]) != glossary.STAGE["commit"].get(lang) or lang == "en"


@pytest.mark.parametrize("code, lang", LANGS)
def test_severity_filter_reads_as_the_glossary(code: str, lang: str) -> None:
    with translation.override(code):
        for v, label in SEVERITY_NAMES.items():
            assert same(label, glossary.SEVERITY[v].get(lang), lang)


@pytest.mark.parametrize("code, lang", LANGS)
def test_pipeline_flag_filter_names_every_flag_as_the_glossary(code: str, lang: str) -> None:
    from dealpilot.engine.playbook import FLAG_IDS
    from dealpilot.pipeline.filters import PipelineFilters

    assert set(FLAG_NAMES) == set(FLAG_IDS)  # a flag added to the engine is offered by the filter
    with translation.override(code):
        wrong = {f: str(n) for f, n in FLAG_NAMES.items() if not same(n, glossary.FLAG[f].get(lang), lang)}
        offered = {v: str(label) for v, label in PipelineFilters.base_fields["flag"].choices}
        assert offered["coach_not_supporter"] == str(FLAG_NAMES["coach_not_supporter"])
    assert not wrong
    assert offered["decision_chain_out_of_order"] == ("决策链顺序颠倒" if lang == "zh" else "Decision chain out of order")


@pytest.mark.parametrize("code, lang", LANGS)
def test_the_cli_and_markdown_headings_read_as_the_pages(code: str, lang: str) -> None:
    from django.utils.translation import gettext

    from dealpilot.engine.report import label

    with translation.override(code):
        for key, msgid in [("flags", "Red flags"), ("no_flags", "No red flags."), ("plan", "Call plan"),
                           ("dimensions", "Dimensions")]:
            assert label(key, lang) == gettext(msgid), key
        for t, msgid in [("side", "from the side"), ("glad", "glad to answer")]:
            assert same(gettext(msgid), glossary.TECHNIQUE[t].get(lang), lang), t


@pytest.mark.django_db
@pytest.mark.parametrize("code, lang", LANGS)
def test_the_shipped_stages_read_as_the_glossary(code: str, lang: str) -> None:
    from dealpilot.deals.stages import workspace_stages

    with translation.override(code):
        shown = workspace_stages().labels()
    assert shown == {sid: word.get(lang) for sid, word in glossary.STAGE.items()}
    assert list(shown) == ["lead", "qualify", "develop", "propose", "negotiate", "commit", "won", "lost"]
