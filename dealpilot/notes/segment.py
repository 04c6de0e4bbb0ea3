"""Chinese words with jieba, whose dictionary ships inside the package: nothing is downloaded.

jieba builds its prefix dictionary on first use (about half a second, then cached on disk), so
the tokenizer is made once per process, on the first note, and shared."""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

_lock = threading.Lock()
_tokenizer: Any = None
_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]+")


def tokenizer() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                tk.initialize()
                _tokenizer = tk
    return _tokenizer


def words(text: str) -> list[str]:
    """The words of a text: jieba's for Chinese runs, lower-case words for the rest."""
    out: list[str] = []
    for run in _WORD.findall(text.lower()):
        if "\u3400" <= run[0] <= "\u9fff":
            out += [w for w in tokenizer().lcut(run, HMM=False) if w.strip()]
        else:
            out.append(_stem(run))
    return out


def _stem(word: str) -> str:
    """A crude English stem, enough to meet "approved" and "approval" at "approv"."""
    for suffix in ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "al", "s", "e", "y"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word
