"""The reporting line: the one rule that it has a top (no loops), for documents and forms alike."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def reporting_loop(bosses: Mapping[K, K | None]) -> list[K] | None:
    """The people of a reporting loop (in walking order), or None when every chain has a top.

    `bosses` maps each person to whom they report (None or an unknown key: nobody). Iterative and
    linear: each person is walked once, so a 10,000-level chain costs no recursion.
    """
    done: set[K] = set()
    for start in bosses:
        if start in done:
            continue
        path: list[K] = []
        on_path: set[K] = set()
        node: K | None = start
        while node is not None and node in bosses and node not in done:
            if node in on_path:
                return path[path.index(node):]
            path.append(node)
            on_path.add(node)
            node = bosses[node]
        done.update(path)
    return None
