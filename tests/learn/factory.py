"""Plain factories for learn tests: closed-deal histories with a known signal and known leaks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from click.testing import CliRunner, Result

from dealpilot.cli.learn import learn

REGION_EFFECT = {"north": 0.6, "south": -0.4, "east": 0.0, "west": -0.2}
LEAKS = {"close_value", "close_date", "final_result", "invoice_amount", "cycle_days"}
SIGNAL = {"fit_score", "discount_asked", "region"}
NOISE = {"industry", "employees"}


def run(*args: str) -> Result:
    """`dealpilot learn …` in-process, as a user would type it."""
    return CliRunner().invoke(learn, list(args), catch_exceptions=False)


def true_logit(df: pd.DataFrame) -> np.ndarray:
    return (0.2 + 1.2 * df["fit_score"].to_numpy() - 0.8 * df["discount_asked"].to_numpy()
            + df["region"].map(REGION_EFFECT).to_numpy())


def make_history(n: int = 3000, seed: int = 0, open_share: float = 0.1, **kw: Any) -> pd.DataFrame:
    """Deals whose outcome follows a logistic signal in three columns, plus leaks, an id and noise.

    Leaks: close_value (0 for every lost deal), close_date, final_result (named for the outcome),
    invoice_amount (an innocent name, but 0 exactly when lost), cycle_days (close minus creation).
    """
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "deal_ref": [f"D-{seed}-{i:06d}" for i in range(n)],
        "fit_score": rng.normal(size=n).round(3),
        "discount_asked": rng.normal(size=n).round(3),
        "region": rng.choice(list(REGION_EFFECT), size=n),
        "industry": rng.choice(["retail", "banking", "energy", "health", "public"], size=n),
        "employees": rng.integers(10, 5000, size=n),
    })
    won = rng.random(n) < 1 / (1 + np.exp(-true_logit(df)))
    created = pd.Timestamp("2023-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 700, size=n)), unit="D")
    cycle = rng.integers(20, 200, size=n)
    df["created"] = created.strftime("%Y-%m-%d")
    df["close_date"] = (created + pd.to_timedelta(cycle, unit="D")).strftime("%Y-%m-%d")
    df["cycle_days"] = cycle
    amount = rng.integers(1000, 90000, size=n)
    df["close_value"] = np.where(won, amount, 0)
    df["invoice_amount"] = np.where(won, amount, 0)
    df["final_result"] = np.where(won, "W", "L")
    df["status"] = np.where(won, "Won", "Lost")
    is_open = rng.random(n) < open_share
    df.loc[is_open, "status"] = "Open"
    for col in ("close_date", "cycle_days", "close_value", "invoice_amount", "final_result"):
        df[col] = df[col].astype(object)
        df.loc[is_open, col] = None
    for k, v in kw.items():
        df[k] = v
    return df


def write_csv(df: pd.DataFrame, path: Path, **kw: Any) -> Path:
    df.to_csv(path, index=False, **kw)
    return path


# --- deal documents ---------------------------------------------------------------------

CRITERIA = ["pain_will_act", "pain_confirmed_with_owner", "power_decider_contact", "power_supporter",
            "value_quantified", "collaborate_mutual_plan", "compelling_event_known", "vision_prefers_us"]


def make_document(i: int, rng: np.random.Generator, stage: str | None = None) -> dict[str, Any]:
    """A deal whose chance of being won rises with its checklist answers and budget status."""
    quality = rng.random()
    answers = {}
    for c in CRITERIA:
        status = "yes" if rng.random() < quality else rng.choice(["no", "unknown", "partly"])
        answers[c] = {"status": str(status), "evidence": "noted in the meeting" if status == "yes" else None,
                      "source": "s1" if status == "yes" else None, "date": "2024-05-01"}
        answers[c] = {k: v for k, v in answers[c].items() if v is not None}
    budget = "approved" if rng.random() < quality else str(rng.choice(["unknown", "none", "planned"]))
    if stage is None:
        stage = "won" if rng.random() < 1 / (1 + np.exp(-(6 * quality - 3))) else "lost"
    access = "regular" if rng.random() < quality else "none"
    return {
        "schema": "dealpilot/1",
        "as_of": "2024-06-01",
        "opportunity": {"id": f"opp-{i}", "name": f"Deal {i}", "account": f"Account {i % 17}",
                        "amount": float(rng.integers(10, 500)) * 1000, "stage": stage},
        "stakeholders": [
            {"id": "s1", "name": "Chen", "roles": ["decider"], "access": access, "attitude": "supporter"},
            {"id": "s2", "name": "Wang", "roles": ["user"], "access": "none"},
        ],
        "budget": {"status": budget},
        "answers": answers,
    }


def write_documents(folder: Path, n: int, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"deal-{i:03d}.yaml").write_text(yaml.safe_dump(make_document(i, rng), allow_unicode=True), encoding="utf-8")
    return folder


def today() -> dt.date:
    return dt.date(2024, 6, 1)
