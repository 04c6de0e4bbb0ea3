"""Training the win model as a background job (`dealpilot.jobs`), with progress: reading the
closed deals, each evaluation fold, the final fit, then re-scoring the open deals."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dealpilot.deals.loading import with_lists
from dealpilot.deals.models import Opportunity
from dealpilot.forecast import store, winmodel
from dealpilot.jobs import JobError, job_function, start_job
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
    """Queue the training job (run by the worker; at once in tests) and return it."""
    return start_job(KIND, owner=user, params={}, label=str(_("Win model")))


@job_function(KIND, label=_("Train the win model"))
def train_job(job: Any, progress: Any) -> dict[str, Any]:
    progress.set_total(_STEPS + Opportunity.objects.open().count())
    try:
        return run(step=lambda zh, en: progress.advance(1), user=job.owner, rescore=lambda n: progress.advance(1))
    except LearnError as exc:
        raise JobError(exc.text("en" if get_language() == "en" else "zh")) from None
    except ValueError as exc:
        # Deals odd enough to trip scikit-learn (as the CLI says): bad data, not a crash.
        raise JobError(f"{_('Cannot learn from these deals')}: {exc}") from None
