"""Counts for the CI log (fuzz cases, crash checks), as a pytest plugin.

A test calls `ringkasan(judul, nama=angka, ...)`; the numbers travel as a user property of
its report, so under xdist they reach the controller with the report, and the terminal
summary adds them up per title. Printed without -s, unlike a test's print().

A plugin (`-p sakip.lib.pytest_ringkasan` in pyproject's addopts), not a conftest hook:
under xdist the controller collects nothing, so it never reads `src/sakip/conftest.py`
and its summary hooks would run only in the workers, whose output nobody sees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import pytest

_RINGKASAN = "ringkasan"
_jumlah: dict[str, dict[str, int]] = {}


@pytest.fixture
def ringkasan(record_property) -> Callable[..., None]:
    """ringkasan("fuzz API", operasi=1, kasus=25) adds to the summary's line "fuzz API"."""

    def _catat(judul: str, **angka: int) -> None:
        record_property(_RINGKASAN, (judul, angka))

    return _catat


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call":
        return
    for kunci, nilai in report.user_properties:
        if kunci == _RINGKASAN:
            judul, angka = cast(tuple[str, dict[str, int]], nilai)
            baris = _jumlah.setdefault(judul, {})
            for nama, n in angka.items():
                baris[nama] = baris.get(nama, 0) + n


def pytest_terminal_summary(terminalreporter) -> None:
    if not _jumlah:
        return
    terminalreporter.section("ringkasan uji")
    for judul, angka in _jumlah.items():
        isi = ", ".join(f"{nama} {n}" for nama, n in angka.items())
        terminalreporter.write_line(f"== {judul}: {isi}")
