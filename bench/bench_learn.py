"""Benchmark: train on 100,000 synthetic closed deals with 20 mixed columns; prediction throughput.

Prints `BENCH learn.train100k seconds=<s> target=30` (the whole `learn train` path: reading the
CSV, column decisions, leak guard, time-ordered evaluation, calibration, final fit) and the
prediction throughput with and without per-deal explanations.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import click
import numpy as np
import pandas as pd

from dealpilot.learn.explain import explain
from dealpilot.learn.predict import probability, typed_rows
from dealpilot.learn.train import train

ROWS = 100_000


def synthetic(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    created = pd.Timestamp("2021-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 1400, n)), unit="D")
    df = pd.DataFrame({
        "created_at": created.strftime("%Y-%m-%d"),
        "first_meeting": (created + pd.to_timedelta(rng.integers(0, 60, n), unit="D")).strftime("%Y-%m-%d"),
        "amount": rng.lognormal(10, 1, n).round(2),
        "employees": rng.integers(5, 20000, n),
        "discount_pct": rng.uniform(0, 30, n).round(1),
        "meetings": rng.poisson(4, n),
        "emails": rng.poisson(20, n),
        "demo_score": rng.normal(0, 1, n).round(3),
        "competitors": rng.integers(0, 5, n),
        "contacts": rng.integers(1, 12, n),
        "region": rng.choice(["north", "south", "east", "west", "central"], n),
        "industry": rng.choice([f"ind{i}" for i in range(25)], n),
        "product": rng.choice([f"p{i}" for i in range(12)], n),
        "source": rng.choice(["web", "event", "partner", "outbound", "referral"], n),
        "owner": rng.choice([f"rep{i}" for i in range(80)], n),
        "segment": rng.choice(["smb", "mid", "enterprise"], n),
        "budget": rng.choice(["unknown", "none", "planned", "approved"], n),
        "champion": rng.choice(["yes", "no"], n),
        "tier": rng.choice(["A", "B", "C", "D"], n),
        "days_since_contact": rng.exponential(10, n).round(0),
    })
    logit = (0.8 * df["demo_score"] - 0.05 * df["discount_pct"] + 0.15 * df["meetings"]
             + df["budget"].map({"unknown": -0.3, "none": -1.0, "planned": 0.2, "approved": 0.9})
             + df["champion"].map({"yes": 0.7, "no": -0.3}) - 0.5
             # an interaction and a threshold, so boosting has something a linear model misses
             + 1.2 * ((df["segment"] == "enterprise") & (df["champion"] == "yes"))
             - 1.0 * (df["days_since_contact"] > 25))
    df["outcome"] = np.where(rng.random(n) < 1 / (1 + np.exp(-logit)), "Won", "Lost")
    return df


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deals.csv"
        df = synthetic(ROWS)
        df.to_csv(path, index=False)
        start = time.perf_counter()
        bundle = train([path], "outcome", "Won")
        seconds = time.perf_counter() - start
        ev = bundle["evaluation"]["blend"]
        nb = bundle["evaluation"]["references"]["naive_bayes"]
        click.echo(f"model={bundle['model']} calibration={bundle['calibration']} auc={ev['auc']} ece={ev['ece']} "
                   f"naive_bayes_auc={nb['auc']} naive_bayes_ece={nb['ece']} columns={len(bundle['schema']['columns'])}")

        typed = typed_rows(bundle, df, "bench")
        start = time.perf_counter()
        probability(bundle, typed)
        plain = ROWS / (time.perf_counter() - start)
        few = typed.head(500)
        start = time.perf_counter()
        explain(bundle, few, [str(i) for i in range(len(few))], None, [])
        explained = len(few) / (time.perf_counter() - start)
    click.echo(f"BENCH learn.predict rows_per_second={plain:.0f}")
    click.echo(f"BENCH learn.predict_explained rows_per_second={explained:.0f}")
    click.echo(f"BENCH learn.train100k seconds={seconds:.1f} target=30")


if __name__ == "__main__":
    main()
