"""Excel import/export of the planning matrices (docs/domain.md §6) in the layouts staff use.

Each matrix is described once as sheets (`Lembar`: title block, columns, rows); the same
description writes the filled export, the blank template and checks an uploaded file.
One module per document — `renstra`, `anggaran` (Renja, RKA, DPA), `iku`, `pk` (PK and
Rencana Aksi) — on what they share in `umum`; reading and writing workbooks, cells and
the two phases are the document kit's (`sakip.dokumen.excel`). This module is the
interface the views use and the registry of matrices.

Import is all-or-nothing. Phase 1 reads every row and collects every bad cell (Excel row
number, column, reason in Indonesian) without touching the database. Only a clean sheet
reaches phase 2, which writes everything in one transaction through the same services the
forms and the API call (`services.simpan_butir`, `simpan_target_indikator`, `simpan_kas`,
`tambah_sasaran_pk`, `simpan_indikator_pk`, `simpan_rencana_aksi`), so permissions,
`full_clean` and the audit record are the same as on screen; a validation error raised
there also becomes a `GalatBaris` and rolls the whole import back.

Conventions shared by every sheet (the template's "Petunjuk" sheet repeats them):
- Rows are matched on their code or natural key, so importing the same sheet again updates
  instead of duplicating; records whose values did not change are not written at all.
- An import never deletes: records missing from the sheet, and empty target or cash
  cells, keep what is stored. The other cells of a matched row replace the stored values.
- Numbers may be Excel numbers or Indonesian text ("1.250.000", "12,5"): a dot followed by
  groups of three digits separates thousands, otherwise it is a decimal point.
- A range target (polaritas Rentang) is written "a - b" (hyphen or dash); a scale target is
  the scale's value, and a scale indicator's Satuan is the scale's name (e.g. "Opini BPK").
- `GalatBaris.baris == 0` means the whole file rather than one row.
- A user who may not change the container gets `PermissionDenied` raised (views already
  turn it into 403/404); a signed PK comes back as one galat.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from sakip.dokumen.excel import (
    GalatBaris,
    HasilImpor,
    Penulis,
    baca_berkas,
    buku_excel,
    tulis_semua,
)

from .. import services
from ..models import DokumenAnggaran, PerjanjianKinerja, Renstra
from .anggaran import MatriksAnggaran
from .iku import MatriksIKU
from .pk import MatriksPK, MatriksRencanaAksi
from .renstra import MatriksRenstra
from .umum import CATATAN_UMUM, Matriks

__all__ = ["JENIS", "NAMA_BERKAS", "GalatBaris", "HasilImpor", "ekspor", "impor", "templat"]

JENIS = ("renstra", "renja", "rka", "dpa", "iku", "pk", "rencana_aksi")


# ---------------------------------------------------------------- public interface


def ekspor(jenis: str, objek) -> bytes:
    """The filled matrix of `objek` as an .xlsx file."""
    return buku_excel(_matriks(jenis, objek).lembar(objek, isi=True))


def templat(jenis: str, objek) -> bytes:
    """The same layout with headers only, plus a "Petunjuk" sheet explaining every column."""
    matriks = _matriks(jenis, objek)
    lembar = matriks.lembar(objek, isi=False)
    return buku_excel(lembar, petunjuk=matriks.catatan(objek) + CATATAN_UMUM)


def impor(jenis: str, *, aktor, objek, berkas) -> HasilImpor:
    """Read an uploaded matrix into `objek`: everything is written, or nothing and every galat.

    Raises PermissionDenied when `aktor` may not change `objek` (evaluators, other agencies).
    """
    matriks = _matriks(jenis, objek)
    try:
        # PermissionDenied passes through; only a planning rule (signed PK) becomes a galat.
        services.pastikan_boleh_ubah(aktor, objek)
    except ValidationError as exc:
        return HasilImpor(galat=[GalatBaris(0, "", " ".join(exc.messages))])
    galat: list[GalatBaris] = []
    tabel = baca_berkas(
        berkas,
        matriks.lembar(objek, isi=False),
        galat,
        lambda lembar, judul, nomor: matriks.periksa_judul(objek, lembar, judul, nomor),
    )
    if galat:
        return HasilImpor(galat=galat)
    rencana = matriks.baca(objek, tabel, galat)
    if galat:
        return HasilImpor(galat=sorted(galat, key=lambda g: g.baris))
    hasil = tulis_semua(Penulis(aktor), lambda penulis: matriks.tulis(objek, rencana, penulis))
    if hasil.berhasil:
        objek.refresh_from_db()
    return hasil


def NAMA_BERKAS(jenis: str, objek) -> str:  # upper case: the name the shared interface fixed
    """File name for the download, e.g. "Renstra_Kecamatan_Alpha_2021-2026.xlsx"."""
    _matriks(jenis, objek)
    if isinstance(objek, Renstra):
        bagian = [jenis.upper() if jenis == "iku" else "Renstra", objek.instansi.nama]
        bagian.append(f"{objek.tahun_awal}-{objek.tahun_akhir}")
    elif isinstance(objek, DokumenAnggaran):
        bagian = [objek.get_jenis_display(), objek.instansi.nama, str(objek.tahun)]
    else:
        awal = "PK" if jenis == "pk" else "Rencana Aksi"
        bagian = [awal, objek.instansi.nama, str(objek.tahun), objek.jabatan.nama]
        if objek.nomor_revisi:
            bagian.append(f"Revisi {objek.nomor_revisi}")
    aman = [re.sub(r"[^0-9A-Za-z-]+", "_", b).strip("_") for b in bagian]
    return "_".join(a for a in aman if a) + ".xlsx"


# ---------------------------------------------------------------- registry


_MATRIKS: dict[str, Matriks] = {
    "renstra": MatriksRenstra(),
    "renja": MatriksAnggaran("renja"),
    "rka": MatriksAnggaran("rka"),
    "dpa": MatriksAnggaran("dpa"),
    "iku": MatriksIKU(),
    "pk": MatriksPK(),
    "rencana_aksi": MatriksRencanaAksi(),
}
_WADAH = {
    "renstra": Renstra,
    "iku": Renstra,
    "renja": DokumenAnggaran,
    "rka": DokumenAnggaran,
    "dpa": DokumenAnggaran,
    "pk": PerjanjianKinerja,
    "rencana_aksi": PerjanjianKinerja,
}


def _matriks(jenis: str, objek) -> Matriks:
    """The matrix of `jenis`, after checking `objek` is its container (a programming error)."""
    if jenis not in _MATRIKS:
        raise ValueError(f"Jenis matriks tidak dikenal: {jenis!r}; pilih salah satu {JENIS}.")
    if not isinstance(objek, _WADAH[jenis]):
        raise TypeError(f"Matriks {jenis} memerlukan {_WADAH[jenis].__name__}, bukan {objek!r}.")
    if isinstance(objek, DokumenAnggaran) and objek.jenis != jenis:
        raise ValueError(f"Dokumen ini {objek.jenis}, bukan {jenis}.")
    return _MATRIKS[jenis]
