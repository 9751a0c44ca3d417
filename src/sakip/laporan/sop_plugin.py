"""The report SOPs carry their report: Laporan Bulanan/Semesteran/Tahunan, LKJ/LAKIP/
Laporan Kinerja and the "SAKIP" report. The run's period names the report's period."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from sakip.sop.dokumen_terikat import PengikatDokumen, daftarkan

from . import services
from .models import Laporan

# The SOP's `dokumen` (lower case) → the report kind.
JENIS_DOKUMEN = {
    "laporan bulanan": Laporan.Jenis.BULANAN,
    "laporan semesteran": Laporan.Jenis.SEMESTERAN,
    "laporan tahunan": Laporan.Jenis.TAHUNAN,
    "lkj": Laporan.Jenis.LKJIP,
    "lkjip": Laporan.Jenis.LKJIP,
    "lakip": Laporan.Jenis.LKJIP,
    "laporan kinerja": Laporan.Jenis.LKJIP,
    "sakip": Laporan.Jenis.SAKIP,
}


def jenis_untuk(definisi: dict) -> str | None:
    return JENIS_DOKUMEN.get((definisi.get("dokumen") or "").strip().lower())


def periode_dari(jenis: str, teks: str) -> tuple[int, int]:
    """(year, month/semester) from a run's period: "2026-10", "2026-S2", "2025"."""
    hari_ini = timezone.localdate()
    cocok = re.match(r"(\d{4})(?:-(S)?(\d{1,2}))?", teks or "")
    if not cocok:
        if jenis == Laporan.Jenis.BULANAN:
            return hari_ini.year, hari_ini.month
        if jenis == Laporan.Jenis.SEMESTERAN:
            return hari_ini.year, 1 if hari_ini.month <= 6 else 2
        return hari_ini.year, 0
    tahun = int(cocok.group(1))
    angka = int(cocok.group(3)) if cocok.group(3) else 0
    if jenis == Laporan.Jenis.SEMESTERAN and not cocok.group(2) and angka:
        angka = 1 if angka <= 6 else 2
    return tahun, angka


def _ikat(pelaksanaan, aktor):
    jenis = jenis_untuk(pelaksanaan.versi.definisi)
    tahun, periode = periode_dari(jenis, pelaksanaan.periode)
    return services.siapkan_laporan(
        aktor=aktor, instansi=pelaksanaan.instansi, jenis=jenis, tahun=tahun, periode=periode
    )


def ringkasan(laporan: Laporan) -> dict[str, str]:
    from .data import data_laporan

    data = data_laporan(laporan)
    baris = {"Rata-rata capaian": data["rata_capaian"]}
    if data["anggaran"]["ada"]:
        baris["Serapan anggaran"] = data["anggaran"]["serapan"]
    for grup in data["capaian"]:
        for i in grup["indikator"]:
            baris[f"{i['kode']} {i['nama']}"] = f"{i['realisasi']} / {i['target']} ({i['capaian']})"
            baris[f"Analisis {i['kode']}"] = i["analisis"]
    for kunci, teks in data["narasi"].items():
        baris[f"Narasi: {kunci}"] = teks
    return baris


def _tandatangani(laporan, aktor, tanggal) -> None:
    services.tandatangani_laporan(aktor=aktor, laporan=laporan)


def _pdf(laporan: Laporan) -> bytes:
    """The signed report's frozen PDF when there is one, else a fresh rendering."""
    from .dokumen import laporan_pdf

    return laporan.pdf_atau(laporan_pdf)


def daftarkan_sop() -> None:
    daftarkan(
        PengikatDokumen(
            nama="laporan",
            cocok=lambda d: jenis_untuk(d) is not None,
            ikat=_ikat,
            ringkasan=ringkasan,
            tanda_tangan=_tandatangani,
            url=lambda lap: reverse("laporan:detail", args=[lap.pk]),
            url_unduh=lambda lap: reverse("laporan:pdf", args=[lap.pk]),
            memegang=lambda d: isinstance(d, Laporan),
            pdf=_pdf,
            nama_dokumen=(
                "Laporan Bulanan",
                "Laporan Semesteran",
                "Laporan Tahunan",
                "Laporan Kinerja",
                "Laporan Kinerja Instansi Pemerintah",
                "LKJ",
                "LKjIP",
                "LAKIP",
                "SAKIP",
            ),
            judul=str,
        )
    )
