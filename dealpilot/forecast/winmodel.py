"""The workspace's win probability: learned from its own closed deals when a model exists and
was trained on enough of them, else the rules estimate — always with where it came from.

Training reads every closed deal as a deal document and hands them to the existing learner
(`dealpilot.learn`: leak guard, honest held-out evaluation, shrinkage toward the rules score).
A new model replaces the active one only when its held-out log loss beats the active model's
on the same closed deals (most of which the old model has seen, so the test favours the old).
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Callable
from typing import Any

import numpy as np
from django.db import transaction

from dealpilot.deals.models import Opportunity
from dealpilot.engine import forecast as fc
from dealpilot.forecast.models import WinModel
from dealpilot.learn import blend
from dealpilot.learn.errors import LearnError

Step = Callable[[str, str], None]
# WinModel rows never change once written, so a bundle keyed by its row id stays true.
_BUNDLES: dict[int, dict[str, Any]] = {}


def active() -> WinModel | None:
    return WinModel.objects.filter(active=True).defer("bundle").order_by("-created_at", "-pk").first()


def bundle_of(model: WinModel) -> dict[str, Any]:
    hit = _BUNDLES.get(model.pk)
    if hit is None:
        if len(_BUNDLES) > 4:
            _BUNDLES.clear()
        raw = WinModel.objects.values_list("bundle", flat=True).get(pk=model.pk)
        hit = _BUNDLES[model.pk] = pickle.loads(bytes(raw))  # noqa: S301 - written by our own job only
    return hit


def _rows(bundle: dict[str, Any], deals: list[Any]) -> tuple[Any, np.ndarray]:
    from dealpilot.learn import documents
    from dealpilot.learn.predict import typed_rows

    frame = documents.frame_of(deals)
    return typed_rows(bundle, frame, "deals"), frame[documents.RULES].to_numpy(dtype=float)


def probability(assessment: Any, model: WinModel | None = None, known: bool = False) -> tuple[float, str]:
    """(probability, "model" | "rules") for one assessed open deal; `known`: `model` is the one in
    use (None meaning none), so it is not looked up again."""
    model = model if model is not None or known else active()
    if model is None or assessment.deal.opportunity.stage in ("won", "lost"):
        return fc.rules_probability(assessment.score), "rules"
    from dealpilot.learn.predict import probability as learned

    try:
        bundle = bundle_of(model)
        typed, rules = _rows(bundle, [assessment.deal])
        return round(float(learned(bundle, typed, rules)[0]), 4), "model"
    except LearnError:
        return fc.rules_probability(assessment.score), "rules"


def explain(assessment: Any) -> dict[str, Any]:
    """Top factors and what would raise the odds most, with the probability's source."""
    model = active()
    if model is None:
        return _rules_explanation(assessment)
    from dealpilot.learn.explain import explain as learned

    bundle = bundle_of(model)
    typed, rules = _rows(bundle, [assessment.deal])
    out = learned(bundle, typed, [assessment.deal.opportunity.name], rules, [assessment.deal])[0]
    return {"source": "model", "probability": out["probability"], "model": model,
            "raised": [{"zh": f["zh"], "en": f["en"]} for f in out["raised"]],
            "lowered": [{"zh": f["zh"], "en": f["en"]} for f in out["lowered"]],
            "actions": [{"zh": a["zh"], "en": a["en"], "gain": a["gain"]} for a in out["actions"]]}


def _rules_explanation(a: Any) -> dict[str, Any]:
    dims = sorted(a.dimensions, key=lambda d: -d.score)
    def dim(d: Any) -> dict[str, str]:
        return {"zh": f"{d.name.zh}：{d.score}", "en": f"{d.name.en}: {d.score}"}
    ev = fc.evidence(a)
    nxt = fc.BEST_CASE if ev.category == fc.PIPELINE else fc.COMMIT
    return {"source": "rules", "probability": fc.rules_probability(a.score), "model": None,
            "raised": [dim(d) for d in dims[:3] if d.score >= 50],
            "lowered": [dim(d) for d in reversed(dims[-3:]) if d.score < 50],
            "actions": [{"zh": t.zh, "en": t.en, "gain": None} for t in ev.missing.get(nxt, [])[:3]]}


def closed_documents() -> list[Any]:
    from dealpilot.deals.convert import deal_to_document
    from dealpilot.deals.loading import with_lists

    qs = with_lists(Opportunity.objects.filter(stage__in=["won", "lost"]).order_by("pk"))
    return [deal_to_document(o) for o in qs]


def _log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def train(step: Step | None = None, user: Any = None) -> tuple[WinModel, bool]:
    """Train on every closed deal; returns (the stored model, whether it is now the active one).
    Raises LearnError (with zh/en text) below 30 closed deals or with one outcome only."""
    from dealpilot.learn.train import fit_and_evaluate, prepare_deals

    step = step or (lambda zh, en: None)
    step("读取已关闭的商机", "reading the closed deals")
    deals = closed_documents()
    won = sum(d.opportunity.stage == "won" for d in deals)
    blend.require_history(won, len(deals) - won)
    prep = prepare_deals(deals, (), (), step)
    bundle = fit_and_evaluate(prep, set(), step)
    ev = bundle["evaluation"]
    headline = {k: ev["blend"][k] for k in ("auc", "brier", "ece", "log_loss") if k in ev["blend"]}
    previous = active()
    better = True
    if previous is not None:
        old = bundle_of(previous)
        try:
            typed, rules = _rows(old, deals)
            from dealpilot.learn.predict import probability as learned

            old_loss = _log_loss(prep.y, learned(old, typed, rules))
            better = headline.get("log_loss", math.inf) < old_loss
        except LearnError:
            better = True  # the old model no longer fits the deals (a playbook change): replace it
    with transaction.atomic():
        if better:
            WinModel.objects.filter(active=True).update(active=False)
        row = WinModel.objects.create(
            created_by=user if getattr(user, "pk", None) else None, bundle=pickle.dumps(bundle),
            n_closed=len(deals), metrics=headline, reliability=ev["blend"].get("reliability", []),
            active=better, verdict={lang: " ".join(ev["verdict"][lang]) for lang in ("zh", "en")})
    return row, better


def source_text(model: WinModel | None, lang: str) -> str:
    """"learned from 412 closed deals, calibration error 0.03" or "rules estimate: …"."""
    if model is None:
        return ("规则估计：已关闭商机太少（少于 30 个），或尚未训练模型" if lang != "en"
                else "rules estimate: too few closed deals (fewer than 30) or no model trained yet")
    ece = model.metrics.get("ece")
    ece_text = f"{ece:.2f}" if isinstance(ece, (int, float)) else "—"
    return (f"从 {model.n_closed} 个已关闭商机学习，校准误差 {ece_text}" if lang != "en"
            else f"learned from {model.n_closed} closed deals, calibration error {ece_text}")
