"""What each column of an export is: numeric, categorical, date, free text, id or useless.

Every decision carries its reason in both languages, because a user who sees a column ignored
deserves to know why (and how to override it).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

NUMERIC, CATEGORICAL, DATE, TEXT, ID, EMPTY = "numeric", "categorical", "date", "text", "id", "empty"

DATE_FORMATS = ("ISO8601", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y")
_NUMBER_NOISE = re.compile(r"[\s,，¥￥$€£%]")
_ID_NAME = re.compile(r"(^|[_\s-])(id|uuid|guid|key|no|number)$|^id[_\s-]|^(index|unnamed.*|#)$|编号|序号|单号|号码|编码",
                      re.IGNORECASE)
_CREATION_NAME = re.compile(r"creat|open|start|engag|enter|inquir|lead.?date|创建|新建|录入|开始|接洽|立项",
                            re.IGNORECASE)

MIN_PARSED = 0.95  # share of non-empty cells that must parse for a numeric or date column
NEAR_UNIQUE = 0.9  # distinct/non-empty share above which a text column identifies rows
TEXT_MEAN_LEN = 40


@dataclass
class Decision:
    """One column's fate: its kind, whether the model uses it, and why not."""

    column: str
    kind: str
    used: bool = True
    code: str = ""
    zh: str = ""
    en: str = ""
    allowed: bool = False  # the user overrode an exclusion with --allow

    def drop(self, code: str, zh: str, en: str) -> None:
        if not self.used and self.code.startswith("leak") and code.startswith("leak"):
            # A second leak test agreeing with the first makes the explanation stronger: keep both.
            if en not in self.en:
                self.zh, self.en = f"{self.zh}；{zh}", f"{self.en}; {en}"
            return
        self.used, self.code, self.zh, self.en = False, code, zh, en

    @property
    def leak(self) -> bool:
        return self.code.startswith("leak")

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def parse_numbers(s: pd.Series) -> pd.Series:
    """Numbers; "1,200", "¥300" and "15%" are cleaned only where the plain parse failed (speed)."""
    out = pd.to_numeric(s, errors="coerce").astype(float)
    bad = out.isna() & s.notna()
    if bad.any():
        cleaned = s[bad].astype(str).str.replace(_NUMBER_NOISE, "", regex=True)
        out[bad] = pd.to_numeric(cleaned, errors="coerce").astype(float)
    return out


def parse_dates(s: pd.Series) -> tuple[pd.Series, str | None]:
    """Dates and the format that read them, or (all-NaT, None) when no format fits."""
    nonnull = s.dropna().astype(str)
    if nonnull.empty:
        return pd.Series(pd.NaT, index=s.index), None
    probe = nonnull.sample(min(len(nonnull), 500), random_state=0)
    for fmt in DATE_FORMATS:
        parsed = pd.to_datetime(probe, format=fmt, errors="coerce")
        if parsed.notna().mean() >= MIN_PARSED:
            full = pd.to_datetime(s.astype("string"), format=fmt, errors="coerce")
            return full.dt.tz_localize(None) if full.dt.tz is not None else full, fmt
    return pd.Series(pd.NaT, index=s.index), None


def looks_like_creation(name: str) -> bool:
    return bool(_CREATION_NAME.search(name))


def infer(frame: pd.DataFrame) -> list[Decision]:
    """Decide each column's kind from the rows the model will learn from."""
    return [_infer_one(str(col), frame[col]) for col in frame.columns]


def _infer_one(name: str, s: pd.Series) -> Decision:
    nonnull = s.dropna()
    n = len(nonnull)
    if n == 0 or n < 0.02 * len(s):
        d = Decision(name, EMPTY)
        d.drop("empty", "几乎全部为空", "almost always empty")
        return d
    distinct = nonnull.nunique()
    if distinct <= 1:
        d = Decision(name, EMPTY)
        d.drop("constant", "每行取值相同，无法区分赢单与丢单", "the same value in every row: it cannot tell won from lost")
        return d
    # Kinds are decided on a sample: parsing 100,000 names as numbers only to fail is seconds.
    probe = nonnull.sample(min(n, 2000), random_state=0)
    if parse_numbers(probe).notna().mean() >= MIN_PARSED:
        if _ID_NAME.search(name) and distinct >= NEAR_UNIQUE * n:
            return _id(name)
        return Decision(name, NUMERIC)
    _, fmt = parse_dates(probe)
    if fmt is not None:
        return Decision(name, DATE)
    text = nonnull.astype(str)
    if distinct >= NEAR_UNIQUE * n and n >= 20:
        if text.str.len().mean() >= TEXT_MEAN_LEN:
            return _text(name)
        return _id(name)
    if text.str.len().mean() >= TEXT_MEAN_LEN:
        return _text(name)
    return Decision(name, CATEGORICAL)


def _id(name: str) -> Decision:
    d = Decision(name, ID)
    d.drop("id", "编号或几乎每行都不同的列：只能记住个别商机，无法推广",
           "an id or near-unique column: it can only memorise single deals, not generalise")
    return d


def _text(name: str) -> Decision:
    d = Decision(name, TEXT)
    d.drop("text", "自由文本默认不使用（可用 --allow 作为类别使用）",
           "free text is not used unless asked (--allow uses it as categories)")
    return d


def numeric_values(s: pd.Series) -> np.ndarray:
    return parse_numbers(s).to_numpy(dtype=float, na_value=np.nan)
