from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .factory import make_history, run, write_csv, write_documents

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
PIPELINE = SHARED / "data" / "crm-sales-opportunities" / "sales_pipeline.csv"


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_csv(make_history(3000, seed=7), tmp_path_factory.mktemp("hist") / "history.csv")


@pytest.fixture(scope="session")
def trained(history: Path) -> tuple[Path, dict[str, Any]]:
    """The synthetic history trained once through the CLI: (model file, train JSON)."""
    model = history.parent / "model.pkl"
    result = run("train", str(history), "--outcome", "status", "--won", "Won", "--lost", "Lost",
                 "-o", str(model), "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    return model, json.loads(result.output)


@pytest.fixture(scope="session")
def doc_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_documents(tmp_path_factory.mktemp("docs") / "closed", 60, seed=3)


@pytest.fixture(scope="session")
def pipeline() -> Path:
    if not PIPELINE.is_file():
        pytest.skip(f"shared dataset not found at {PIPELINE} (it sits beside the clone as ../shared)")
    return PIPELINE
