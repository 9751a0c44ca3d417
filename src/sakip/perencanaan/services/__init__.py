"""Every change to planning data: one transaction, one audit record, the rules of §6–7.

One function per use case, shared by the forms, the API and the Excel import — they
parse their input and call these. By document: `dasar` (who may change what, saving one
row), `renstra`, `anggaran` (Renja → RKA → DPA), `pk` (Perjanjian Kinerja, Rencana Aksi).
"""

from .anggaran import (
    SUMBER_SALINAN,
    dpa_tahun,
    salin_dokumen_anggaran,
    simpan_kas,
    simpan_rencana_kas,
)
from .dasar import (
    CARI,
    AturanPerencanaan,
    Perubahan,
    Tersimpan,
    hapus,
    hapus_skala,
    pastikan_boleh_ubah,
    pastikan_boleh_ubah_rencana_aksi,
    simpan,
    simpan_butir,
    simpan_skala,
)
from .pk import (
    HasilTandaTangan,
    TemuanKaskade,
    buat_pk,
    periksa_kaskade,
    pihak_kedua_untuk,
    revisi_pk,
    simpan_indikator_pk,
    simpan_rencana_aksi,
    tambah_sasaran_pk,
    tandatangani_pk,
)
from .renstra import simpan_indikator_renstra, simpan_target_indikator

__all__ = [
    "CARI",
    "SUMBER_SALINAN",
    "AturanPerencanaan",
    "HasilTandaTangan",
    "Perubahan",
    "TemuanKaskade",
    "Tersimpan",
    "buat_pk",
    "dpa_tahun",
    "hapus",
    "hapus_skala",
    "pastikan_boleh_ubah",
    "pastikan_boleh_ubah_rencana_aksi",
    "periksa_kaskade",
    "pihak_kedua_untuk",
    "revisi_pk",
    "salin_dokumen_anggaran",
    "simpan",
    "simpan_butir",
    "simpan_indikator_pk",
    "simpan_indikator_renstra",
    "simpan_kas",
    "simpan_rencana_aksi",
    "simpan_rencana_kas",
    "simpan_skala",
    "simpan_target_indikator",
    "tambah_sasaran_pk",
    "tandatangani_pk",
]
