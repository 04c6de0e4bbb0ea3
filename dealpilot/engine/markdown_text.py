"""User text placed in a Markdown file: shown as typed, never a link, an image or raw HTML."""

from __future__ import annotations

import re

# Every character that can open a link, image, autolink, HTML tag, emphasis, code span, table
# cell or entity in CommonMark/GFM; a backslash before ASCII punctuation makes it literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# What makes a line a heading, quote, list item or rule when the text starts a line.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def inline(value: object) -> str:
    """User text on one Markdown line, its Markdown-significant characters escaped."""
    if value is None:
        return ""
    text = _INLINE.sub(r"\\\1", " ".join(str(value).split()))
    match = _LINE_START.match(text)
    if match and match.group(2).isdigit():
        end = match.end()
        return text[:end] + "\\" + text[end:]
    return _LINE_START.sub(r"\1\\\2", text)


def fence(lines: list[str]) -> str:
    """A code fence longer than any run of backticks in `lines`, so no line can close it."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)
