"""An import's stored file as a table: written to a temporary file for the readers, which
stream from disk (calamine and the csv module both want a path or a file)."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dealpilot.imports.mapping import Mapping, auto_map
from dealpilot.imports.models import ImportRun
from dealpilot.imports.reading import Table, open_table

PREVIEW_CHECK_ROWS = 5000  # the preview checks this many rows at once; the import checks them all


@contextmanager
def run_table(run: ImportRun, sheet: str | None = None, header_row: int | None = None) -> Iterator[Table]:
    suffix = Path(run.filename).suffix[:10]
    with tempfile.NamedTemporaryFile(suffix=suffix) as f:
        f.write(bytes(run.data))
        f.flush()
        yield open_table(f.name, run.filename, sheet=sheet if sheet is not None else (run.sheet or None),
                         header_row=header_row if header_row is not None else (run.header_row or None))


def run_mapping(run: ImportRun, table: Table) -> Mapping:
    if run.mapping:
        return Mapping.from_data(run.mapping)
    return auto_map(table.headers)


class Limited(Table):
    """The first rows of a table only (the preview's check)."""

    limit: int = PREVIEW_CHECK_ROWS

    def records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        return itertools.islice(super().records(), self.limit)


def limited(table: Table, limit: int = PREVIEW_CHECK_ROWS) -> Table:
    copy = Limited(**{f: getattr(table, f) for f in table.__dataclass_fields__})
    copy.limit = limit
    return copy


def failed_rows(table: Table, reasons: dict[int, str]) -> Iterator[list[Any]]:
    """The file's header and each row that had a problem, with a reason column."""
    yield [*table.headers, "reason"]
    for number, record in table.records():
        if number in reasons:
            yield [*(record.get(h, "") for h in table.headers), reasons[number]]
