"""Translated words written into the compiled templates, one compiled copy per language.

A deal page says about 130 fixed words (`{{ _("Checklist") }}`). Looking each up in Django's
catalogue on every request cost about half a millisecond, for words that only change with the
language. So each language gets its own overlay of the Jinja environment, and when that overlay
compiles a template it replaces every `_("literal")` (and `_("literal", name=value)`) by the
active catalogue's text: the first becomes plain template data, the second a `%` of that text with
the values, escaped as `translate()` escapes them. Anything else (a message that is not a literal,
`ngettext`, text the catalogue cannot format) is left to the runtime `_()` in `jinja.py`, which
answers the same. Templates are compiled once per language and process, as before per process.
"""

from __future__ import annotations

from typing import Any

import jinja2
from django.template.backends.jinja2 import Jinja2 as DjangoJinja2
from django.utils import translation
from jinja2 import nodes
from jinja2.visitor import NodeTransformer

TRANSLATE_NAMES = frozenset({"_", "gettext"})


class _FoldTranslations(NodeTransformer):
    """Replaces `_("literal", name=value…)` calls by the translated literal (see the module text)."""

    def __init__(self, environment: jinja2.Environment) -> None:
        self.environment = environment

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        node = self.generic_visit(node)  # type: ignore[assignment]
        if not (isinstance(node.node, nodes.Name) and node.node.name in TRANSLATE_NAMES
                and len(node.args) == 1 and isinstance(node.args[0], nodes.Const)
                and isinstance(node.args[0].value, str) and node.dyn_args is None and node.dyn_kwargs is None):
            return node
        text = translation.gettext(node.args[0].value)
        if node.kwargs:
            folded: nodes.Expr = nodes.Mod(
                nodes.MarkSafeIfAutoescape(nodes.Const(text)),
                nodes.Dict([nodes.Pair(nodes.Const(k.key), k.value) for k in node.kwargs]),
            )
        else:
            try:
                text = text % {}  # as `translate()` does: "%%" becomes "%"
            except (KeyError, TypeError, ValueError):
                return node  # a placeholder with no value: fail at run time, as before
            folded = nodes.MarkSafeIfAutoescape(nodes.Const(text))
        return folded.set_lineno(node.lineno).set_environment(self.environment)


class PageEnvironment(jinja2.Environment):
    """A Jinja environment whose `language` overlays compile templates with their words in place."""

    language: str | None = None

    def compile(self, source: Any, name: str | None = None, filename: str | None = None,  # type: ignore[override]
                raw: bool = False, defer_init: bool = False) -> Any:
        if self.language is not None:
            if isinstance(source, str):
                source = self.parse(source, name, filename)
            with translation.override(self.language):
                source = _FoldTranslations(self).visit(source)
        return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]

    def for_language(self, language: str | None) -> jinja2.Environment:
        """The overlay for `language` (made once; it keeps its own compiled templates)."""
        if language is None or self.language is not None:
            return self
        overlays: dict[str, PageEnvironment] = self.__dict__.setdefault("_overlays", {})
        overlay = overlays.get(language)
        if overlay is None:
            overlay = self.overlay()  # type: ignore[assignment]
            overlay.language = language
            overlay.__dict__.pop("_overlays", None)
            overlays[language] = overlay
        return overlay


class Jinja2(DjangoJinja2):
    """Django's Jinja2 backend, reading templates from the active language's overlay."""

    @property  # type: ignore[override]
    def env(self) -> jinja2.Environment:
        base = self.__dict__["_env"]
        return base.for_language(translation.get_language()) if isinstance(base, PageEnvironment) else base

    @env.setter
    def env(self, value: jinja2.Environment) -> None:
        self.__dict__["_env"] = value
