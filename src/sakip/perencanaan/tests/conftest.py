"""Fixtures of the planning page tests."""

import pytest

from . import bangun


@pytest.fixture
def rencana(persona):
    """Alpha's Renstra 2021–2026 with IKU, its 2025 Renja and approved DPA, the Camat's draft PK."""
    a = persona.a
    r = bangun.renstra(a)
    bangun.iku(r, a)
    return {
        "renstra": r,
        "renja": bangun.dokumen(a, r, "renja"),
        "dpa": bangun.dokumen(a, r, "dpa"),
        "pk": bangun.pk(a, r),
    }
