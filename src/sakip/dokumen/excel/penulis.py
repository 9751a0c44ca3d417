"""Phase 2 of an import: write what phase 1 read, all of it or nothing.

`tulis_semua` runs the writes in one transaction and rolls it back if any row failed, so
a sheet is never half imported. Each write goes through the owning app's service (the
same checks and audit record as on screen); a `ValidationError` it raises becomes a
`GalatBaris` of the row that caused it, placed at the column of the offending field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .baris import GalatBaris, HasilImpor

T = TypeVar("T")


class Batal(Exception):
    """Raised inside the import transaction to roll it back after a row failed."""


class Penulis:
    """Runs the service calls of phase 2 for `aktor`, counts them, turns refusals into galat.

    The owning app's service decides whether a row changed (an unchanged row is neither
    saved nor audited); the import counts what it reports with `hitung`.
    """

    def __init__(self, aktor):
        self.aktor = aktor
        self.dibuat = 0
        self.diubah = 0
        self.galat: list[GalatBaris] = []

    def jalankan(
        self,
        fungsi: Callable[[], T],
        *,
        baris: int,
        kolom: str,
        peta_kolom: dict[str, str] | None = None,
    ) -> T | None:
        """Call one service and return what it returns; None (and galat) if it refused."""
        try:
            return fungsi()
        except ValidationError as exc:
            self.galat.extend(galat_validasi(exc, baris, kolom, peta_kolom or {}))
        except IntegrityError:  # a concurrent edit got there first
            pesan = _("Bentrok dengan data yang baru saja disimpan pengguna lain; ulangi impor.")
            self.galat.append(GalatBaris(baris, kolom, pesan))
        return None

    def hitung(self, perubahan: str) -> None:
        """Count one written record: "dibuat" or "diubah" (anything else was left as stored)."""
        if perubahan == "dibuat":
            self.dibuat += 1
        elif perubahan == "diubah":
            self.diubah += 1


def galat_validasi(
    exc: ValidationError, baris: int, kolom: str, peta: dict[str, str]
) -> list[GalatBaris]:
    """A ValidationError as galat of one row: a field's message goes to its column in `peta`."""
    if not hasattr(exc, "error_dict"):
        return [GalatBaris(baris, kolom, " ".join(exc.messages))]
    return [
        GalatBaris(baris, peta.get(nama, kolom), " ".join(pesan))
        for nama, pesan in exc.message_dict.items()
    ]


def tulis_semua(penulis: Penulis, tulis: Callable[[Penulis], None]) -> HasilImpor:
    """Run `tulis(penulis)` in one transaction; any galat rolls every write back."""
    try:
        with transaction.atomic():
            tulis(penulis)
            if penulis.galat:
                raise Batal
    except Batal:
        return HasilImpor(galat=sorted(penulis.galat, key=lambda g: g.baris))
    return HasilImpor(penulis.dibuat, penulis.diubah)
