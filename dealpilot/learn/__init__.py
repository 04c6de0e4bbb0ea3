"""Learning from history: a calibrated, explained win probability that never learns from the close.

Framework-free (imports nothing from Django). Doors call `train`, `load_model`, `predict_rows`
and `predict_documents`; the CLI lives in `dealpilot.cli.learn`.
"""

from __future__ import annotations

from dealpilot.learn.errors import LearnError

__all__ = ["LearnError"]
