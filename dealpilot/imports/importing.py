"""Run an import: read the table in batches, check every row, write the good ones.

Everything happens in ONE transaction: a row that fails (all-or-nothing) or a process killed
half-way leaves the database exactly as it was — the database throws the uncommitted rows
away, there is no half-written state to clean up. Batches keep memory flat and let progress
be reported; they are not commits.

New deals go through `deals.bulk.write_deals` (the same rows a deal document writes, a fixed
number of queries per batch); updates through the workspace's versioned save
(`workspace.editing.save`: version claimed, change history recorded, verdict refreshed).
New deals are written without their verdict (assessing costs ~1 ms a deal); `assess_created`
fills it in afterwards, in its own short transactions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from pydantic import ValidationError

from dealpilot.deals import models as m
from dealpilot.deals.access import visible_accounts
from dealpilot.deals.bulk import NewDeal, write_deals
from dealpilot.deals.history import StaleVersion
from dealpilot.deals.stages import workspace_stages
from dealpilot.engine.document import Deal
from dealpilot.engine.playbook import DEFAULT_PLAYBOOK, known_playbook
from dealpilot.imports.mapping import Mapping
from dealpilot.imports.models import ExternalKey, ImportedDeal, ImportRun
from dealpilot.imports.people import Assignment, Directory
from dealpilot.imports.problems import Problem, noop
from dealpilot.imports.reading import Table
from dealpilot.imports.rows import Reader, Row
from dealpilot.imports.values import key
from dealpilot.workspace import editing

BATCH = 1000
PREVIEW_ROWS = 20
# Header fields an update may change: model field → (history path, Row attribute).
UPDATABLE = {"amount": ("opportunity.amount", "amount"), "currency": ("opportunity.currency", "currency"),
             "stage": ("opportunity.stage", "stage"), "close_date": ("opportunity.close_date", "close_date"),
             "budget_status": ("budget.status", "budget_status"),
             "budget_amount": ("budget.amount", "budget_amount")}

Progress = Callable[[int, int], None]  # (rows done, rows with problems so far)


@dataclass
class Planned:
    row: Row
    assignment: Assignment | None = None
    existing: m.Opportunity | None = None  # the deal an update changes


@dataclass
class Outcome:
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    preview: list[Planned] = field(default_factory=list)
    written: bool = False
    created_accounts: list[int] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})

    def to_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "created": self.created, "updated": self.updated, "skipped": self.skipped,
                "written": self.written, "errors": [p.to_dict() for p in self.problems]}


def run_import(table: Table, mapping: Mapping, user: Any, *, dry_run: bool = False,
               run: ImportRun | None = None, progress: Progress | None = None) -> Outcome:
    """Check (and unless `dry_run`, write) every row. All-or-nothing unless `mapping.skip_bad`:
    then the good rows are written and the bad ones listed (and counted as skipped)."""
    out = Outcome()
    importer = _Importer(mapping, user, out, run)
    with transaction.atomic():
        for batch in _batches(table):
            planned = importer.check(batch)
            writing = not dry_run and (mapping.skip_bad or not out.problems)
            if writing:
                importer.write(planned)
            else:
                importer.count(planned)
            if progress is not None:
                progress(out.rows, out.bad_rows)
        out.written = not dry_run and (mapping.skip_bad or not out.problems)
        if not out.written:
            transaction.set_rollback(True)
            if not dry_run:  # counted while writing, then thrown away with the transaction
                out.created = out.updated = 0
                out.created_accounts = []
        elif run is not None:
            run.created_accounts = out.created_accounts
    if mapping.skip_bad:
        out.skipped += out.bad_rows
    return out


def _batches(table: Table) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    batch: list[tuple[int, dict[str, Any]]] = []
    for record in table.records():
        batch.append(record)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class _Importer:
    def __init__(self, mapping: Mapping, user: Any, out: Outcome, run: ImportRun | None) -> None:
        self.mapping, self.user, self.out, self.run = mapping, user, out, run
        self.reader = Reader(mapping, _stage_names())
        self.stages_of: dict[str, list[str]] = {}  # playbook id → its stage ids, read once a run
        self.directory = Directory(user)
        self.seen: dict[Any, int] = {}  # deal key → the row that first named it
        self.by_external = "external_id" in mapping.columns
        self.assignments: dict[tuple[str, str], Any] = {}

    # --- checking: nothing written --------------------------------------------------------

    def check(self, batch: list[tuple[int, dict[str, Any]]]) -> list[Planned]:
        planned, problems = [], []
        for number, record in batch:
            row, found = self.reader.read(number, record)
            self.out.rows += 1
            who = (row.owner, row.team)
            if who not in self.assignments:  # a file has few owners: each is resolved once
                self.assignments[who] = self.directory.assign(*who)
            assignment, message, params = self.assignments[who]
            if assignment is None:
                found.append(Problem(number, self._column("owner" if "owner" in params else "team"),
                                     message, params))
            if found:
                problems += sorted(found, key=lambda p: list(record).index(p.column) if p.column in record else 0)
                continue
            deal_key = self._key(row)
            if deal_key in self.seen:
                problems.append(Problem(number, self._column("external_id" if self.by_external else "name"),
                                        noop("The same deal is on row %(row)s."), {"row": self.seen[deal_key]}))
                continue
            self.seen[deal_key] = number
            planned.append(Planned(row, assignment))
        planned = self._match(planned, problems)
        planned = self._stages(planned, problems)
        planned = self._accounts(planned, problems)
        self.out.problems += problems
        if len(self.out.preview) < PREVIEW_ROWS:
            self.out.preview += planned[:PREVIEW_ROWS - len(self.out.preview)]
        return planned

    def _column(self, name: str) -> str:
        return self.mapping.columns.get(name, "")

    def _key(self, row: Row) -> Any:
        return row.external_id if self.by_external and row.external_id else (row.account, row.name)

    def _match(self, planned: list[Planned], problems: list[Problem]) -> list[Planned]:
        """Find the deals the rows name among those the user may see; a key that exists on a deal
        they may not see is refused (neither updated nor created again), without saying more."""
        visible = m.Opportunity.objects.visible_to(self.user).select_related("account")
        keys = [p.row.external_id for p in planned if p.row.external_id]
        by_key: dict[str, m.Opportunity | None] = {}
        if keys:
            taken = dict(ExternalKey.objects.filter(key__in=keys).values_list("key", "opportunity_id"))
            seen = {o.pk: o for o in visible.filter(pk__in=taken.values())}
            by_key = {k: seen.get(pk) for k, pk in taken.items()}
        names = {(p.row.account, p.row.name) for p in planned if not (self.by_external and p.row.external_id)}
        by_name: dict[tuple[str, str], list[m.Opportunity]] = {}
        if names:
            for o in visible.filter(account__name__in={a for a, _ in names}, name__in={n for _, n in names}):
                if (o.account.name, o.name) in names:
                    by_name.setdefault((o.account.name, o.name), []).append(o)
        kept = []
        for p in planned:
            r = p.row
            if self.by_external and r.external_id:
                if r.external_id in by_key and by_key[r.external_id] is None:
                    problems.append(Problem(r.number, self._column("external_id"),
                                            noop("No deal you can see has the id %(id)s."), {"id": r.external_id}))
                    continue
                p.existing = by_key.get(r.external_id)
            else:
                found = by_name.get((r.account, r.name), [])
                if len(found) > 1:
                    problems.append(Problem(r.number, self._column("name"),
                                            noop("Several deals of this account have this name; map an id column.")))
                    continue
                p.existing = found[0] if found else None
            kept.append(p)
        return kept

    def _stages(self, planned: list[Planned], problems: list[Problem]) -> list[Planned]:
        """A stage must be one of the deal's playbook (a new deal's is the default playbook)."""
        kept = []
        for p in planned:
            pid = p.existing.playbook if p.existing is not None else DEFAULT_PLAYBOOK
            if pid not in self.stages_of:
                pb = known_playbook(pid)
                self.stages_of[pid] = pb.stage_ids() if pb is not None else []
            allowed = self.stages_of[pid]
            if "stage" in p.row.given and p.row.stage not in allowed:
                problems.append(Problem(p.row.number, self._column("stage"), noop(
                    "%(stage)s is not a stage of this deal's playbook %(playbook)s (its stages: %(stages)s)."),
                    {"stage": p.row.stage, "playbook": pid, "stages": ", ".join(allowed)}))
                continue
            kept.append(p)
        return kept

    def _accounts(self, planned: list[Planned], problems: list[Problem]) -> list[Planned]:
        """New deals may not name an account of another team (see deals.account_names)."""
        names = {p.row.account for p in planned if p.existing is None}
        if not names:
            return planned
        existing = set(m.Account.objects.filter(name__in=names).values_list("name", flat=True))
        hidden = existing - set(visible_accounts(self.user).filter(name__in=existing).values_list("name", flat=True))
        if not hidden:
            return planned
        kept = []
        for p in planned:
            if p.existing is None and p.row.account in hidden:
                problems.append(Problem(p.row.number, self._column("account"),
                                        noop("An account of this name belongs to another team.")))
            else:
                kept.append(p)
        return kept

    # --- writing --------------------------------------------------------------------------

    def count(self, planned: list[Planned]) -> None:
        for p in planned:
            if p.existing is None:
                if self.mapping.mode == "update":
                    self.out.skipped += 1
                else:
                    self.out.created += 1
            elif self.mapping.mode == "create":
                self.out.skipped += 1
            else:
                self.out.updated += 1

    def write(self, planned: list[Planned]) -> None:
        new = [p for p in planned if p.existing is None and self.mapping.mode != "update"]
        changed = [p for p in planned if p.existing is not None and self.mapping.mode != "create"]
        self.out.skipped += len(planned) - len(new) - len(changed)
        self._create(new)
        for p in changed:
            self._update(p)

    def _create(self, new: list[Planned]) -> None:
        if not new:
            return
        docs = []
        for p in new:
            docs.append(NewDeal(_document(p.row), p.assignment.owner, p.assignment.team_id))  # type: ignore[union-attr]
        names = {p.row.account for p in new}
        before = set(m.Account.objects.filter(name__in=names).values_list("name", flat=True))
        details = {p.row.account: (p.row.industry, p.row.city) for p in new}
        opps = write_deals(docs, account_details=details, assess=False)
        self.out.created_accounts += list(m.Account.objects.filter(name__in=names - before).values_list("pk", flat=True))
        now = timezone.now()
        m.ChangeRecord.objects.bulk_create(
            [m.ChangeRecord(opportunity=o, user=self.user, version=o.version, field="created", at=now) for o in opps],
            batch_size=BATCH)
        ExternalKey.objects.bulk_create([ExternalKey(opportunity=o, key=p.row.external_id)
                                         for o, p in zip(opps, new, strict=True) if p.row.external_id],
                                        batch_size=BATCH)
        if self.run is not None:
            ImportedDeal.objects.bulk_create([ImportedDeal(run=self.run, opportunity=o) for o in opps],
                                             batch_size=BATCH)
        self.out.created += len(opps)

    def _update(self, p: Planned) -> None:
        opp = p.existing
        assert opp is not None
        values = {f: getattr(p.row, attr) for f, (_path, attr) in UPDATABLE.items() if attr in p.row.given}
        before = editing.snapshot(opp, values)
        changes = [(UPDATABLE[f][0], before[f], editing.plain(v)) for f, v in values.items()
                   if before[f] != editing.plain(v)]
        if not changes:
            self.out.skipped += 1
            return
        try:
            editing.save(opp, self.user, opp.version, lambda: changes, **values)
        except StaleVersion:
            self.out.problems.append(Problem(p.row.number, "", noop(
                "Someone changed this deal while the file was being imported; import it again.")))
            return
        if self.run is not None:
            ImportedDeal.objects.create(run=self.run, opportunity=opp, was_created=False,
                                        before={f: before[f] for f in values},
                                        after={f: editing.plain(v) for f, v in values.items()})
        self.out.updated += 1


def _stage_names() -> dict[str, str]:
    """Every stage of the workspace by its id and by its zh and en names, keyed for lookup."""
    out: dict[str, str] = {}
    for s in workspace_stages():
        for word in (s.name.zh, s.name.en, s.id):
            out[key(word)] = s.id
    return out


def _document(row: Row) -> Deal:
    data: dict[str, Any] = {
        "opportunity": {"name": row.name, "account": row.account, "currency": row.currency, "stage": row.stage,
                        "amount": float(row.amount) if row.amount is not None else None,
                        "close_date": row.close_date},
        "budget": {"status": row.budget_status,
                   "amount": float(row.budget_amount) if row.budget_amount is not None else None},
        "competitors": [{"name": c} for c in row.competitors],
    }
    if row.contact_name:
        data["stakeholders"] = [{"id": "c1", "name": row.contact_name, "title": row.contact_title or None,
                                 "roles": [row.contact_role] if row.contact_role else []}]
    if row.next_step:
        data["mutual_plan"] = [{"step": row.next_step, "due": row.next_step_date}]
    try:
        return Deal.model_validate(data)
    except ValidationError as exc:  # pragma: no cover - rows.Reader checks every value first
        raise ValueError(str(exc)) from None


def assess_created(run: ImportRun, progress: Progress | None = None) -> int:
    """Fill in the verdict of the deals an import created, a batch per transaction (the deals
    are already committed; a stop here leaves some unscored, never half-written)."""
    from dealpilot.deals.verdict import refresh_verdict

    ids = list(ImportedDeal.objects.filter(run=run, was_created=True, opportunity__isnull=False)
               .values_list("opportunity_id", flat=True))
    done = 0
    for start in range(0, len(ids), 200):
        with transaction.atomic():
            for opp in m.Opportunity.objects.filter(pk__in=ids[start:start + 200]):
                refresh_verdict(opp)
                done += 1
        if progress is not None:
            progress(done, 0)
    return done
