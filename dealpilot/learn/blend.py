"""Small histories: refuse below 30 closed deals, shrink toward the rules estimate up to 500.

A model learned from 60 deals is mostly noise around the base rate; the method's own estimate
(the rules score mapped to a probability) is a better anchor until the history is large. The
weight of the learned model grows as sqrt(n / 500): 0.24 at 30 deals, 0.45 at 100, 1 from 500.
"""

from __future__ import annotations

import math

import numpy as np

from dealpilot.learn.errors import LearnError

MIN_CLOSED = 30
MIN_PER_OUTCOME = 5
FULL_WEIGHT_AT = 500


def require_history(n_won: int, n_lost: int) -> None:
    n = n_won + n_lost
    if n_won == 0 or n_lost == 0:
        only = "赢单" if n_lost == 0 else "丢单"
        only_en = "won" if n_lost == 0 else "lost"
        raise LearnError(f"已关闭的商机只有一种结果（全部是{only}，共 {n} 个）：无法学习什么导致赢或输",
                         f"the closed deals have one outcome only (all {n} are {only_en}): nothing to learn what wins or loses")
    if n < MIN_CLOSED:
        raise LearnError(f"只有 {n} 个已关闭商机，至少需要 {MIN_CLOSED} 个才能学习：样本太少时学到的只是噪声，请继续使用规则评分",
                         f"only {n} closed deals; at least {MIN_CLOSED} are needed to learn: from fewer the model learns noise, keep using the rules score")
    if min(n_won, n_lost) < MIN_PER_OUTCOME:
        raise LearnError(f"赢单 {n_won} 个、丢单 {n_lost} 个：每种结果至少需要 {MIN_PER_OUTCOME} 个",
                         f"{n_won} won and {n_lost} lost: at least {MIN_PER_OUTCOME} of each outcome are needed")


def weight(n_closed: int) -> float:
    """How much the learned probability counts against the prior (0..1)."""
    return round(min(1.0, math.sqrt(n_closed / FULL_WEIGHT_AT)), 3)


def blend(learned: np.ndarray, prior: np.ndarray, w: float) -> np.ndarray:
    return w * np.asarray(learned, dtype=float) + (1 - w) * np.asarray(prior, dtype=float)
