"""The API's own bodies (errors, pages, list items). A deal itself is the engine's `dealpilot/1`
document (dealpilot.engine.document.Deal), exactly as the CLI reads and the pages download it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, Field


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text (a 500 there); refuse it here with the field's path instead.
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


class ProblemOut(Schema):
    path: str = Field(description="where in the request: `query.stage`, `body.version`, `pains[2].category`")
    message: str


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    problems: list[ProblemOut]


class ConflictOut(Schema):
    detail: str
    current_version: int
    document: dict[str, Any] = Field(description="the deal as it is now (a dealpilot/1 document)")


class AccountRef(Schema):
    id: int
    name: str


class UserRef(Schema):
    id: int
    username: str
    name: str


class DealSummary(Schema):
    id: int
    name: str
    account: AccountRef
    owner: UserRef
    team_id: int | None
    stage: str
    amount: float | None
    currency: str
    close_date: dt.date | None
    score: float | None
    flag_count: int | None
    top_flag: str
    evidence_share: int | None
    version: int
    updated_at: dt.datetime


class DealPage(Schema):
    items: list[DealSummary]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last")


class DealPatch(Schema):
    """The deal's header fields; those left out keep their values."""

    version: int = Field(ge=1, lt=2**31, description="the version the change is based on")
    name: Text | None = None
    amount: float | None = None
    currency: Text | None = None
    stage: Text | None = None
    close_date: dt.date | None = None
    owner: Text | None = Field(default=None, description="login of the new owner")


class ContactOut(Schema):
    id: int
    name: str
    title: str


class AccountOut(Schema):
    id: int
    name: str
    contacts: list[ContactOut] = []


class AccountPage(Schema):
    items: list[AccountOut]
    next_cursor: str | None


class ContactDetail(Schema):
    id: int
    name: str
    title: str
    account: AccountRef
    deals: list[int] = Field(description="ids of the deals you may see that this contact sits on")


class AccountPatch(Schema):
    name: Text = Field(min_length=1, max_length=200)


class ContactPatch(Schema):
    name: Text | None = Field(default=None, min_length=1, max_length=200)
    title: Text | None = Field(default=None, max_length=200)


class TeamOut(Schema):
    id: int
    name: str


class TeamIn(Schema):
    name: Text = Field(min_length=1, max_length=100)


class UserOut(Schema):
    id: int
    username: str
    name: str
    first_name: str
    last_name: str
    role: str
    team_id: int | None
    is_active: bool


class UserPatch(Schema):
    first_name: Text | None = Field(default=None, max_length=150)
    last_name: Text | None = Field(default=None, max_length=150)
    role: Text | None = Field(default=None, description="rep, manager or admin")
    team_id: int | None = Field(default=None, description="a team id; 0 for no team")
    is_active: bool | None = None


class TotalOut(Schema):
    count: int
    amount: float
    weighted: float


class TotalsOut(Schema):
    currency: str = Field(description="the company currency everything is converted into")
    overall: TotalOut
    by_stage: dict[str, TotalOut]
    unconverted: dict[str, TotalOut] = Field(description="currencies without an exchange rate, apart")
