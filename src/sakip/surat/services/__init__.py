"""Every change to the agenda book: outgoing letters and their numbers, incoming letters
and their dispositions (docs/domain.md §11).

One function per use case, keyword-only `aktor`, one transaction, one audit record.
Numbers come from gap-free counters locked for the transaction (see `penomoran`): a
number once given is never given again, and a cancelled letter keeps its number.
Bad input raises ValidationError (Indonesian), a user outside the agency
PermissionDenied; nothing is half-written.

The use cases live in one module each — `keluar` (outgoing letters and their numbers),
`masuk` (incoming letters), `disposisi`, `pengaturan` (numbering settings), `agenda`
(search) — over what they share in `umum`. This package is the app's service surface:
views, API, forms, the SOP plug-in and other apps import from `sakip.surat.services`.
"""

from __future__ import annotations

from ..penomoran import format_nomor
from .agenda import cari_agenda
from .disposisi import (
    INSTRUKSI_BAKU,
    disposisi_untuk,
    disposisikan,
    mulai_sop_dari_disposisi,
    tanggapi_disposisi,
)
from .keluar import TIDAK_DAPAT_BATAL, batalkan, beri_nomor, buat_surat_keluar, naskah_keluar
from .masuk import daftarkan_surat_masuk
from .pengaturan import boleh_atur, pengaturan, simpan_pengaturan
from .umum import ZONA, boleh_tulis, hari_ini, jabatan_dipegang_ids, validasi_scan

__all__ = [
    "INSTRUKSI_BAKU",
    "TIDAK_DAPAT_BATAL",
    "ZONA",
    "batalkan",
    "beri_nomor",
    "boleh_atur",
    "boleh_tulis",
    "buat_surat_keluar",
    "cari_agenda",
    "daftarkan_surat_masuk",
    "disposisi_untuk",
    "disposisikan",
    "format_nomor",
    "hari_ini",
    "jabatan_dipegang_ids",
    "mulai_sop_dari_disposisi",
    "naskah_keluar",
    "pengaturan",
    "simpan_pengaturan",
    "tanggapi_disposisi",
    "validasi_scan",
]
