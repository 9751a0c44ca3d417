"""Monitoring and evaluation of the Rencana Aksi (seed 001, Kecamatan Bungaraya; issue 5
items 3–6): the monthly control card, the quarterly evaluation and its Rekomendasi Perbaikan
Kinerja, PK monitoring of eselon III and IV, and the year-end archive of performance data.

Who does what follows the seed: the Tim Monitoring or the planning Kasubag fills the card
and drafts the evaluation (steps 6, 8, 12); the Camat signs (7, 13) — the card through the
monitoring SOP run, see `sop_plugin/monitoring.py`; the Sekretaris issues recommendations on the
Camat's order (9); the official addressed follows them up, checked in the next month's
monitoring (10). Every write goes through `services.simpan` (one audit record per row) and
refuses evaluators, who only read.

The services live in `kartu`, `evaluasi` and `arsip`; callers import them from here.
"""

from .akses import (
    boleh_menandatangani,
    boleh_menerbitkan,
    boleh_mengisi,
    boleh_menindaklanjuti,
    boleh_menutup,
)
from .arsip import PemantauanPK, isi_arsip, monitoring_pk, susun_arsip, tandatangani_arsip
from .evaluasi import (
    BarisEvaluasi,
    buat_evaluasi,
    capaian_triwulan,
    jabatan_tujuan,
    kekurangan_evaluasi,
    simpan_kesimpulan,
    tandatangani_evaluasi,
    terbitkan_rekomendasi,
    tindak_lanjuti,
    tutup_rekomendasi,
)
from .kartu import (
    BarisTampil,
    IsianBaris,
    buat_kartu,
    bulan_pantau,
    isi_kartu,
    kekurangan_kartu,
    rekomendasi_kartu,
    susunan_kartu,
    tandatangani_kartu,
)
from .umum import ROMAWI, bulan_setelah_triwulan, label_triwulan, pk_tahun

__all__ = [
    "ROMAWI",
    "BarisEvaluasi",
    "BarisTampil",
    "IsianBaris",
    "PemantauanPK",
    "boleh_menandatangani",
    "boleh_menerbitkan",
    "boleh_mengisi",
    "boleh_menindaklanjuti",
    "boleh_menutup",
    "buat_evaluasi",
    "buat_kartu",
    "kekurangan_evaluasi",
    "kekurangan_kartu",
    "bulan_pantau",
    "bulan_setelah_triwulan",
    "capaian_triwulan",
    "isi_arsip",
    "isi_kartu",
    "jabatan_tujuan",
    "label_triwulan",
    "monitoring_pk",
    "pk_tahun",
    "rekomendasi_kartu",
    "simpan_kesimpulan",
    "susun_arsip",
    "susunan_kartu",
    "tandatangani_arsip",
    "tandatangani_evaluasi",
    "tandatangani_kartu",
    "terbitkan_rekomendasi",
    "tindak_lanjuti",
    "tutup_rekomendasi",
]
