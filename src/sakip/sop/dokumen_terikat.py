"""The document a run carries: which one, how it is summarised, checked, frozen and opened.

The SOP engine knows no planning or report models. Apps that own documents register a
`PengikatDokumen` under a name; each SOP declares the binder of its document as data
(`dokumen_terikat: <name>` in the library YAML, copied into every adopted version;
`lampiran` means "the run's last PDF attachment"). Versions adopted before the key existed
fall back to the binder's `cocok` on the definition's `dokumen`/`nama`. The engine binds
the run to that document when it starts, checks it is complete before a step hands it on
(`kekurangan`), snapshots it at every review decision (so the next reviewer sees what
changed), and freezes it at the step marked `tindakan: tanda_tangan`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from .kesalahan import KesalahanAlur

# `dokumen_terikat: lampiran`: the SOP's document is a plain letter, the run's last PDF.
LAMPIRAN = "lampiran"


@dataclass(frozen=True)
class Kekurangan:
    """One thing the document still lacks for a step, in words, and where to fill it in."""

    pesan: str  # e.g. 'Realisasi fisik sub kegiatan "Penyediaan …" (7.01.01.2.01.0001) belum diisi'
    url: str | None = None  # the page (with #anchor where possible) where it is filled in


class DokumenBelumLengkap(ValidationError, KesalahanAlur):
    """Raised by the engine, before writing anything, when a step hands on a document that
    is not complete for it. `.kekurangan` lists what is missing; views show it as links.

    Also a KesalahanAlur, so a caller that only knows the engine's refusals still shows
    the message."""

    def __init__(self, kekurangan: list[Kekurangan], dokumen: str = ""):
        self.kekurangan = list(kekurangan)
        self.dokumen = dokumen
        pesan = _("%(dokumen)s belum lengkap untuk langkah ini (%(n)s hal).") % {
            "dokumen": dokumen or _("Dokumen"),
            "n": len(self.kekurangan),
        }
        super().__init__(pesan, code="dokumen_belum_lengkap")

    def __str__(self) -> str:
        return " ".join(self.messages)


def _tanpa_kekurangan(dokumen, langkah) -> list[Kekurangan]:
    return []


@dataclass(frozen=True)
class PengikatDokumen:
    nama: str
    cocok: Callable[[dict], bool]  # definisi without `dokumen_terikat` → is it this binder's?
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
    # The names SOP steps use for this document ("Perjanjian Kinerja", "Laporan Monev"):
    # a signing step must name one of them (checked over the seed SOPs).
    nama_dokumen: tuple[str, ...] = ()
    # (dokumen, langkah) → what the document still lacks before this step hands it on;
    # the same rules its `tanda_tangan` refuses, said in words with links.
    kekurangan: Callable[[models.Model, dict], list[Kekurangan]] = _tanpa_kekurangan
    # A short name of the document for messages ("Kartu kendali November 2026").
    judul: Callable[[models.Model], str] = lambda d: str(d)


_PENGIKAT: list[PengikatDokumen] = []


def daftarkan(pengikat: PengikatDokumen) -> None:
    if all(p.nama != pengikat.nama for p in _PENGIKAT):
        _PENGIKAT.append(pengikat)


def semua_pengikat() -> dict[str, PengikatDokumen]:
    return {p.nama: p for p in _PENGIKAT}


def pengikat_bernama(nama: str) -> PengikatDokumen | None:
    return next((p for p in _PENGIKAT if p.nama == nama), None)


def pengikat_dokumen(dokumen: models.Model) -> PengikatDokumen | None:
    return next((p for p in _PENGIKAT if p.memegang(dokumen)), None)


def pengikat_untuk(definisi: dict) -> PengikatDokumen | None:
    """The binder the SOP declares (`dokumen_terikat`), or for a version stored before
    the key existed, the first binder whose `cocok` recognises its document."""
    nama = definisi.get("dokumen_terikat")
    if nama:
        return None if nama == LAMPIRAN else pengikat_bernama(nama)
    return next((p for p in _PENGIKAT if p.cocok(definisi)), None)


def menyebut(teks: str, nama_dokumen: tuple[str, ...]) -> bool:
    """Does `teks` name one of the document's names (whole words, any case)?"""
    rata = " ".join((teks or "").lower().split())
    return any(
        re.search(rf"(?<!\w){re.escape(' '.join(n.lower().split()))}(?!\w)", rata)
        for n in nama_dokumen
    )


def dokumen_dari(pelaksanaan) -> models.Model | None:
    if not pelaksanaan.dokumen_ct_id:
        return None
    model = ContentType.objects.get_for_id(pelaksanaan.dokumen_ct_id).model_class()
    return model._base_manager.filter(pk=pelaksanaan.dokumen_id).first()


def periksa_kelengkapan(pelaksanaan, langkah: dict) -> None:
    """Raise DokumenBelumLengkap when the run's document lacks something for `langkah`."""
    pengikat = pengikat_untuk(pelaksanaan.versi.definisi)
    dokumen = dokumen_dari(pelaksanaan)
    if pengikat is None or dokumen is None:
        return
    kurang = pengikat.kekurangan(dokumen, langkah)
    if kurang:
        raise DokumenBelumLengkap(kurang, dokumen=pengikat.judul(dokumen))


def perubahan(lama: dict[str, str], baru: dict[str, str]) -> list[tuple[str, str, str]]:
    """(what, before, after) for every line that changed, was added or was removed."""
    hasil = []
    for kunci in list(dict.fromkeys([*lama, *baru])):
        if lama.get(kunci) != baru.get(kunci):
            hasil.append((kunci, lama.get(kunci, "—"), baru.get(kunci, "—")))
    return hasil
