"""The one error the learn package raises for bad input: a bilingual, one-line explanation."""

from __future__ import annotations


class LearnError(Exception):
    """Bad input (file, columns, outcome, model). Doors show `text(lang)` and change nothing."""

    def __init__(self, zh: str, en: str) -> None:
        self.zh = zh
        self.en = en
        super().__init__(f"{zh} / {en}")

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh
