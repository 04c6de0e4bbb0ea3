"""A problem with one cell of a file: row, column, and a message id with its values.

Messages are English ids marked for translation; they are rendered in the reader's language
where they are shown (`text()`), so a preview in Chinese and the CLI's English say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def noop(message: str) -> str:
    """Marks a message id for the catalogue without translating it now (gettext_noop)."""
    return message


class ReadError(Exception):
    """The file as a whole cannot be read (not decodable, not a spreadsheet, empty)."""

    def __init__(self, message: str, **params: Any) -> None:
        self.message, self.params = message, params
        super().__init__(message % params if params else message)

    def text(self) -> str:
        return _render(self.message, self.params)


@dataclass(frozen=True)
class Problem:
    row: int  # the row number as a spreadsheet shows it (1 = the first line of the file)
    column: str  # the file's column heading ("" for the row as a whole)
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    value: str = ""  # the cell as the file has it, quoted in front of the message

    def text(self) -> str:
        reason = _render(self.message, self.params)
        return _render(VALUE_AND_REASON, {"value": self.value, "reason": reason}) if self.value else reason

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.text()}

    def to_data(self) -> dict[str, Any]:
        """For storing: the untranslated id and values, rendered again in each reader's language."""
        return {"row": self.row, "column": self.column, "message": self.message, "params": self.params,
                "value": self.value}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Problem:
        return cls(data["row"], data["column"], data["message"], data.get("params") or {}, data.get("value", ""))


VALUE_AND_REASON = noop("%(value)s %(reason)s")


def _render(message: str, params: dict[str, Any]) -> str:
    try:
        from django.utils.translation import gettext

        message = gettext(message)
    except Exception:  # outside Django (the plain library): English
        pass
    return message % params if params else message
