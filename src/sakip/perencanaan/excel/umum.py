"""What every planning matrix shares: the `Matriks` interface and the planning vocabulary.

The generic reading and writing lives in the document kit (`sakip.dokumen.excel`); this
module adds what only planning knows — polarity and aggregation labels, the target shape
a Renstra indicator allows, the Petunjuk rules common to every matrix, and how agencies,
positions, periods and Kepmendagri codes are written in a sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sakip.dokumen.excel import (
    BentukTarget,
    GalatBaris,
    Lembar,
    Penulis,
    Tabel,
    kunci,
    periksa_judul_tetap,
    peta_pilihan,
)

from .. import services
from ..models import Agregasi, Indikator, Polaritas, Renstra

KETERANGAN = "Impor Excel"  # the audit record's note for every row an import writes
POLARITAS = peta_pilihan(Polaritas)
AGREGASI = peta_pilihan(Agregasi)


class Matriks:
    """One planning matrix: its sheets, its Petunjuk notes, how an upload is read and written."""

    def lembar(self, objek, *, isi: bool) -> list[Lembar]:
        raise NotImplementedError

    def catatan(self, objek) -> list[tuple[str, str]]:
        return []

    def periksa_judul(
        self, objek, lembar: Lembar, judul: list[str], nomor: int
    ) -> tuple[list[str] | None, list[GalatBaris]]:
        """(column names to read the rows with, galat) for the header row found in a sheet."""
        return periksa_judul_tetap(lembar, judul, nomor)

    def baca(self, objek, tabel: dict[str, Tabel], galat: list[GalatBaris]):
        """Phase 1: every row checked against the database, nothing written."""
        raise NotImplementedError

    def tulis(self, objek, rencana, penulis: Penulis) -> None:
        """Phase 2: write what `baca` planned, inside the caller's transaction."""
        raise NotImplementedError


def simpan_baris(
    penulis: Penulis,
    layanan: Callable[..., services.Tersimpan],
    *,
    baris: int,
    kolom: str,
    peta_kolom: dict[str, str] | None = None,
    **argumen: Any,
) -> services.Tersimpan | None:
    """Phase 2 writes one row through a planning service, the same one the form and the
    API call; the row is counted, or its refusal becomes galat at (`baris`, `kolom`)."""
    hasil = penulis.jalankan(
        lambda: layanan(aktor=penulis.aktor, keterangan=KETERANGAN, **argumen),
        baris=baris,
        kolom=kolom,
        peta_kolom=peta_kolom,
    )
    if hasil is not None:
        penulis.hitung(hasil.perubahan)
    return hasil


def tulis_butir(
    penulis: Penulis,
    objek,
    nilai: dict[str, Any],
    *,
    baris: int,
    kolom: str,
    peta_kolom: dict[str, str] | None = None,
) -> services.Tersimpan | None:
    """One plain row (new or loaded) through `services.simpan_butir`: unchanged, not written."""
    return simpan_baris(
        penulis,
        services.simpan_butir,
        objek=objek,
        nilai=nilai,
        baris=baris,
        kolom=kolom,
        peta_kolom=peta_kolom,
    )


def bentuk_target(indikator: Indikator | None) -> BentukTarget:
    """What a target cell may hold, given the Renstra indicator it measures (docs/domain.md §6–7).

    No indicator to tell: a number or a range are both accepted.
    """
    if indikator is None:
        return BentukTarget(rentang=None)
    return BentukTarget(skala=indikator.skala, rentang=indikator.polaritas == Polaritas.RENTANG)


def nama_instansi(instansi) -> str:
    return f"{instansi.nama} — {instansi.pemda.nama}"


def peta_jabatan(instansi) -> dict[str, Any]:
    peta: dict[str, Any] = {}
    for jabatan in instansi.jabatan.order_by("urutan", "nama"):
        peta.setdefault(kunci(jabatan.nama), jabatan)
    return peta


def catatan_jabatan(instansi) -> tuple[str, str]:
    nama = ", ".join(instansi.jabatan.order_by("urutan", "nama").values_list("nama", flat=True))
    return "Penanggung Jawab", f"Nama jabatan di {instansi.nama}: {nama}."


def kunci_kode(kode: str) -> tuple:
    """Sort key for dotted codes: 7.01.01.2.10 after 7.01.01.2.9, a parent before its children."""
    return tuple((0, int(b), "") if b.isdigit() else (1, 0, b) for b in kode.split("."))


def periode(renstra: Renstra) -> str:
    return f"{renstra.tahun_awal}–{renstra.tahun_akhir}"


CATATAN_UMUM = [
    (
        "Isian",
        "Isi data mulai baris tepat di bawah judul kolom; jangan mengubah judul kolom. "
        "Baris kosong dilewati.",
    ),
    (
        "Angka",
        "Tulis sebagai angka Excel atau teks Indonesia: 1.250.000 atau 12,5. Titik yang diikuti "
        "kelompok tiga angka dibaca pemisah ribuan; selain itu dibaca tanda desimal.",
    ),
    (
        "Target",
        "Angka; untuk indikator berpolaritas Rentang tulis “a - b” (mis. 80 - 90); untuk "
        "indikator bersatuan skala tulis nilai skalanya (mis. WTP).",
    ),
    (
        "Impor",
        "Semua atau tidak sama sekali: bila ada baris yang salah, tidak ada yang disimpan dan "
        "semua kesalahan ditampilkan dengan nomor baris dan kolomnya.",
    ),
    (
        "Impor ulang",
        "Baris dicocokkan dengan kode (atau nama) yang sudah ada lalu diperbarui, tidak "
        "digandakan. Impor tidak pernah menghapus: data yang tidak ada di lembar dan sel "
        "target/anggaran kas yang kosong tetap seperti tersimpan.",
    ),
]
