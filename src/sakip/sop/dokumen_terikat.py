"""The document a run carries: which one, how it is summarised, frozen and opened.

The SOP engine knows no planning or report models. Apps that own documents
register a `PengikatDokumen` for the SOPs whose document they hold (matched on the
definition's `dokumen`/`nama`); the engine then binds the run to that document when
it starts, snapshots it at every review decision (so the next reviewer sees what
changed), and freezes it at the step marked `tindakan: tanda_tangan`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models


@dataclass(frozen=True)
class PengikatDokumen:
    nama: str
    cocok: Callable[[dict], bool]  # definisi → does this binder hold the SOP's document?
    ikat: Callable[..., models.Model | None]  # (pelaksanaan, aktor) → the document or None
    ringkasan: Callable[[models.Model], dict[str, str]]  # flat "what it says", for diffs
    tanda_tangan: Callable[..., None]  # (dokumen, aktor, tanggal) → freeze; may refuse
    url: Callable[[models.Model], str]  # where it is edited/read
    url_unduh: Callable[[models.Model], str | None] = lambda d: None
    # Does this binder hold this object? (used to find the SOP a revised document reruns)
    memegang: Callable[[models.Model], bool] = lambda d: False
    # The document as a PDF (bytes), for numbering, paraf, TTE and the archive; None: the
    # run's last PDF attachment is the document.
    pdf: Callable[[models.Model], bytes] | None = None


_PENGIKAT: list[PengikatDokumen] = []


def daftarkan(pengikat: PengikatDokumen) -> None:
    if all(p.nama != pengikat.nama for p in _PENGIKAT):
        _PENGIKAT.append(pengikat)


def pengikat_dokumen(dokumen: models.Model) -> PengikatDokumen | None:
    return next((p for p in _PENGIKAT if p.memegang(dokumen)), None)


def pengikat_untuk(definisi: dict) -> PengikatDokumen | None:
    return next((p for p in _PENGIKAT if p.cocok(definisi)), None)


def dokumen_dari(pelaksanaan) -> models.Model | None:
    if not pelaksanaan.dokumen_ct_id:
        return None
    model = ContentType.objects.get_for_id(pelaksanaan.dokumen_ct_id).model_class()
    return model._base_manager.filter(pk=pelaksanaan.dokumen_id).first()


def perubahan(lama: dict[str, str], baru: dict[str, str]) -> list[tuple[str, str, str]]:
    """(what, before, after) for every line that changed, was added or was removed."""
    hasil = []
    for kunci in list(dict.fromkeys([*lama, *baru])):
        if lama.get(kunci) != baru.get(kunci):
            hasil.append((kunci, lama.get(kunci, "—"), baru.get(kunci, "—")))
    return hasil
