"""An import (the file, its mapping, what it wrote), the deals it touched, external ids, and
saved mappings."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REVERT_DAYS = 30


class Status(models.TextChoices):
    DRAFT = "draft", _("Not imported yet")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Nothing imported")
    REVERTED = "reverted", _("Reverted")


class ImportRunQuerySet(models.QuerySet["ImportRun"]):
    def visible_to(self, user: object) -> ImportRunQuerySet:
        """Everyone sees their own imports; admins see all."""
        from dealpilot.accounts.models import Role, role_of

        if role_of(user) == Role.ADMIN:  # type: ignore[arg-type]
            return self
        return self.filter(owner_id=getattr(user, "pk", None))


class ImportRun(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="imports",
                              verbose_name=_("imported by"))
    filename = models.CharField(_("file"), max_length=255)
    # The uploaded file itself: the worker process reads it from here, and the failed-rows file
    # is cut from it. Kept in the database so an import needs no shared disk.
    data = models.BinaryField(_("file contents"), editable=False)
    sheet = models.CharField(_("sheet"), max_length=255, blank=True, default="")
    header_row = models.PositiveIntegerField(_("header row"), default=1)
    mapping = models.JSONField(_("mapping"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    # [{row, column, message, params, value}] — message ids, shown in each reader's language.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    created_accounts = models.JSONField(default=list, blank=True, editable=False)
    job_id = models.BigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    reverted_at = models.DateTimeField(_("reverted"), null=True, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.filename

    def revertible(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (self.status == Status.DONE and self.finished_at is not None
                and now - self.finished_at <= dt.timedelta(days=REVERT_DAYS))


class ImportedDeal(models.Model):
    """A deal an import created, or updated (with the values it had before, for the revert)."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="deals")
    opportunity = models.ForeignKey("deals.Opportunity", null=True, on_delete=models.SET_NULL, related_name="+")
    was_created = models.BooleanField(default=True)
    before = models.JSONField(default=dict, blank=True)  # model field → value before the import
    after = models.JSONField(default=dict, blank=True)  # … and the value the import wrote

    class Meta:
        indexes = [models.Index(fields=["run", "was_created"], name="imported_deal_run_idx")]


class ExternalKey(models.Model):
    """The id a deal has in the CRM it came from (`Opportunity ID`): the next import of the same
    export updates it instead of creating it again."""

    opportunity = models.OneToOneField("deals.Opportunity", on_delete=models.CASCADE, related_name="external_key")
    key = models.CharField(_("external id"), max_length=100, unique=True)


class SavedMappingQuerySet(models.QuerySet["SavedMapping"]):
    def usable_by(self, user: object) -> SavedMappingQuerySet:
        from dealpilot.accounts.models import profile_of

        profile = profile_of(user)  # type: ignore[arg-type]
        team_id = profile.team_id if profile is not None else None
        shared = models.Q(team_id=team_id) if team_id is not None else models.Q(pk__in=[])
        return self.filter(models.Q(owner_id=getattr(user, "pk", None)) | shared)


class SavedMapping(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    mapping = models.JSONField(_("mapping"), default=dict)
    # Set by a manager: everyone in the team can use it.
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("shared with team"))
    updated_at = models.DateTimeField(auto_now=True)

    objects = SavedMappingQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="saved_mapping_unique_name")]

    def __str__(self) -> str:
        return self.name
