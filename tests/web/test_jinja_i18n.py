"""Page words are written into each language's compiled templates: the words follow the
language of each request, values put into a sentence are still escaped, and a message that
cannot be written in advance still behaves as at run time."""

from __future__ import annotations

import pytest
from django.template import engines
from django.utils import translation

SOURCE = '<h2>{{ _("Checklist") }}</h2><p>{{ _("Page %(n)s of %(total)s", n=n, total=2) }}</p>'


def _render(source: str, language: str, **context: object) -> str:
    with translation.override(language):
        return engines["jinja2"].from_string(source).render(context)


def test_the_same_template_speaks_each_requests_language() -> None:
    assert _render(SOURCE, "zh-hans", n=1) == "<h2>检查清单</h2><p>第 1 页，共 2 页</p>"
    assert _render(SOURCE, "en", n=1) == "<h2>Checklist</h2><p>Page 1 of 2</p>"
    assert _render(SOURCE, "zh-hans", n=3) == "<h2>检查清单</h2><p>第 3 页，共 2 页</p>"


def test_a_named_template_is_compiled_once_per_language() -> None:
    backend = engines["jinja2"]
    with translation.override("zh-hans"):
        zh = backend.get_template("workspace/_checklist.html").template
        assert backend.get_template("workspace/_checklist.html").template is zh
    with translation.override("en"):
        en = backend.get_template("workspace/_checklist.html").template
    assert en is not zh
    assert "检查清单" in zh.render(checklist=[]) and "Checklist" in en.render(checklist=[])


def test_values_put_into_a_translated_sentence_are_escaped() -> None:
    html = _render('{{ _("Page %(n)s of %(total)s", n=n, total=2) }}', "en", n="<b>1</b>")
    assert html == "Page &lt;b&gt;1&lt;/b&gt; of 2"


def test_percent_signs_and_unknown_words_read_as_at_run_time() -> None:
    assert _render('{{ _("100%% sure") }}|{{ _("no such word") }}', "zh-hans") == "100% sure|no such word"


def test_a_placeholder_without_its_value_still_fails_at_run_time() -> None:
    template = '{{ _("Page %(n)s of %(total)s") }}'
    with pytest.raises(KeyError):
        _render(template, "en")

