"""Training the win model as a background job (`dealpilot.jobs`), with progress: reading the
closed deals, each evaluation fold, the final fit, then re-scoring the open deals."""

from __future__ import annotations

from typing import Any

from django.apps import apps

from dealpilot.deals.loading import with_lists
from dealpilot.deals.models import Opportunity
from dealpilot.forecast import store, winmodel
from dealpilot.learn.errors import LearnError

KIND = "forecast_train"
_STEPS = 9  # reading, columns, 5 folds, final fit, re-scoring (a rough bar, not a promise)


def run(step: Any = None, user: Any = None, rescore: Any = None) -> dict[str, Any]:
    """Train, store, and (when the new model is active) re-score the open deals."""
    model, active = winmodel.train(step, user)
    n = 0
    if active:
        for n_done, opp in enumerate(with_lists(Opportunity.objects.open().order_by("pk")).iterator(chunk_size=200), 1):
            store.refresh([opp])
            n = n_done
            if rescore is not None:
                rescore(n)
    return {"model": model.pk, "active": active, "n_closed": model.n_closed, "rescored": n,
            "metrics": model.metrics}


def start(user: Any) -> Any:
    """Queue the training job and return it; where the job system is absent, train now."""
    if not apps.is_installed("dealpilot.jobs"):  # pragma: no cover - a checkout without the job app
        return run(user=user)
    from dealpilot.jobs import start_job

    return start_job(KIND, owner=user, params={}, label="win model")


def register() -> None:
    if not apps.is_installed("dealpilot.jobs"):  # pragma: no cover
        return
    from dealpilot.jobs import JobError, job_function

    @job_function(KIND)
    def train_job(job: Any, progress: Any) -> dict[str, Any]:
        progress.set_total(_STEPS + Opportunity.objects.open().count())
        try:
            return run(step=lambda zh, en: progress.advance(1), user=job.owner,
                       rescore=lambda n: progress.advance(1))
        except LearnError as exc:
            raise JobError(str(exc)) from None
