"""Every route of the URL configuration, and the URL for it with given keyword arguments.

Walked with the public API of the resolver (`url_patterns`, `pattern`, `name`, `namespace`), so
a route added anywhere is found without naming it here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

_PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the route's text when it has no name
    parts: tuple[Any, ...]  # the patterns from the root down to the endpoint
    callback: Any
    defaults: dict[str, Any]
    namespaces: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "".join(str(p) for p in self.parts)

    @property
    def namespace(self) -> str:
        return ":".join(self.namespaces)

    def kwargs(self) -> list[tuple[str, str]]:
        """(noun, kwarg) for each argument in order; the noun is the last literal path segment
        before it ("deals" for `deals/<int:pk>/`, "rows" for `rows/<slug:kind>/<int:row_id>/`)."""
        out: list[tuple[str, str]] = []
        noun = ""
        for part in self.parts:
            text = str(part)
            found = _PLACEHOLDER if isinstance(part, RoutePattern) else _GROUP
            position = 0
            for match in found.finditer(text):
                literal = [s for s in re.split(r"/", text[position:match.start()]) if s]
                noun = literal[-1] if literal else noun
                out.append((noun, match.group("name")))
                position = match.end()
            literal = [s for s in text[position:].split("/") if s and not s.startswith("(")]
            noun = literal[-1] if literal else noun
        return [(n, k) for n, k in out if k not in self.defaults]

    def url(self, values: dict[str, Any]) -> str:
        """The path that this route resolves with `values`; checked by resolving it back."""
        path = "/" + "".join(_fill(part, values) for part in self.parts)
        match = resolve(path)
        assert match.func is self.callback, f"{path} built for {self.name} resolves to {match.view_name}"
        got = {k: str(v) for k, v in match.kwargs.items() if k not in self.defaults}
        assert got == {k: str(v) for k, v in values.items()}, f"{path} resolves with {got}, not {values}"
        return path


def _fill(part: Any, values: dict[str, Any]) -> str:
    text = str(part)
    if isinstance(part, RoutePattern):
        return _PLACEHOLDER.sub(lambda m: str(values[m.group("name")]), text)
    out, position = [], 0
    for match in _GROUP.finditer(text):
        out.append(text[position:match.start()])
        depth, end = 1, match.end()
        while depth:  # to the parenthesis that closes this group
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        out.append(str(values[match.group("name")]))
        position = end
    out.append(text[position:])
    return "".join(out).removeprefix("^").removesuffix("$").replace("\\", "")


def all_routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns: list[Any], parts: tuple[Any, ...], namespaces: tuple[str, ...]) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, (*parts, p.pattern), (*namespaces, *([p.namespace] if p.namespace else [])))
            elif isinstance(p, URLPattern):
                whole = (*parts, p.pattern)
                name = ":".join((*namespaces, p.name)) if p.name else "".join(str(x) for x in whole)
                found.append(Route(name, whole, p.callback, dict(p.default_args), namespaces))

    walk(get_resolver().url_patterns, (), ())
    return found
