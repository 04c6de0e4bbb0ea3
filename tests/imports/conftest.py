"""The web tests' named cast, and files written the way users' CRMs write them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.web.conftest import Cast, cast, fast_passwords, login  # noqa: F401  (shared fixtures)

ZH_HEADER = "商机编号,客户名称,商机名称,金额（万元）,销售阶段,预计成交日期,负责人,联系人,职务,竞争对手,下一步"


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[..., Path]:
    def write(*lines: str, header: str = ZH_HEADER, encoding: str = "gbk", name: str = "商机.csv") -> Path:
        path = tmp_path / name
        path.write_bytes(("\r\n".join([header, *lines]) + "\r\n").encode(encoding))
        return path
    return write
