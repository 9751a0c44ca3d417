"""The monitoring SOPs carry the month's control card (seed 001 step 6: "kartu kendali").

Seed 001's "Rencana Program dan Rencana Aksi Kinerja" SOP runs monthly, seeds 000 and
002 ("Laporan Monev") quarterly: a monthly run ("2026-11") binds that month's card, a
quarterly one ("2026-Q3") the card of the quarter's last month, the one the quarterly
evaluation reads. A run started by a person drafts a missing card from the DPA; a
scheduled run binds only a card that exists (the task page's "Siapkan dokumen" drafts
it). The signing step signs the card, which freezes it; the signed PDF is the card itself
(`dokumen_monitoring.kartu_pdf`), and the card must be complete — every row's realisasi
fisik — before the drafter hands it on (`kekurangan_kartu`).

Seed 003's SOP Evaluasi declares `dokumen_terikat: evaluasi_triwulan`: its run carries the
quarterly evaluation of its period ("2026-Q3"; a yearly "2025" → TW IV), signed the same way.
"""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.lib.formatting import angka, rupiah
from sakip.sop.dokumen_terikat import PengikatDokumen, daftarkan

from .. import monitoring
from ..models import EvaluasiTriwulan, KartuKendali
from ..services import nama_bulan

DOKUMEN = ("laporan monev", "rencana program dan rencana aksi kinerja")


def cocok(definisi: dict) -> bool:
    return (definisi.get("dokumen") or "").strip().lower() in DOKUMEN


def periode_kartu(periode: str) -> tuple[int, int]:
    """(year, month) of the card a run's period names: "2026-11", "2026-Q3" → September."""
    bulan = re.fullmatch(r"(\d{4})-(\d{1,2})", periode or "")
    if bulan:
        return int(bulan.group(1)), int(bulan.group(2))
    triwulan = re.fullmatch(r"(\d{4})-Q([1-4])", periode or "")
    if triwulan:
        return int(triwulan.group(1)), int(triwulan.group(2)) * 3
    hari_ini = timezone.localdate()
    return hari_ini.year, hari_ini.month


def _ikat(pelaksanaan, aktor) -> KartuKendali | None:
    tahun, bulan = periode_kartu(pelaksanaan.periode)
    kartu = KartuKendali.objects.filter(
        instansi_id=pelaksanaan.instansi_id, tahun=tahun, bulan=bulan
    ).first()
    if kartu is None and aktor is not None:
        kartu = monitoring.buat_kartu(
            aktor=aktor, instansi=pelaksanaan.instansi, tahun=tahun, bulan=bulan
        )
    return kartu


def _fisik(nilai) -> str:
    return "—" if nilai is None else f"{angka(nilai, 2)}%"


def ringkasan(kartu: KartuKendali) -> dict[str, str]:
    """What the card says, line by line, for the reviewer's diff and the signed record."""
    baris = {"Bulan": nama_bulan(kartu.tahun, kartu.bulan), "Status": kartu.get_status_display()}
    susunan, total = monitoring.susunan_kartu(kartu)
    for b in susunan:
        if b.baris is None:
            continue
        kunci = f"{b.item.kode} {b.item.nama}"
        baris[f"{kunci} / fisik"] = (
            f"rencana {_fisik(b.target_fisik)}, realisasi {_fisik(b.realisasi_fisik)}"
        )
        baris[f"{kunci} / keuangan"] = (
            f"rencana {rupiah(b.rencana_keuangan)}, realisasi {rupiah(b.realisasi_keuangan)}"
        )
        if b.baris.kendala:
            baris[f"{kunci} / kendala"] = b.baris.kendala
        if b.baris.tindak_lanjut:
            baris[f"{kunci} / tindak lanjut"] = b.baris.tindak_lanjut
    if total is not None:
        rencana, realisasi = rupiah(total.rencana_keuangan), rupiah(total.realisasi_keuangan)
        baris["Jumlah keuangan"] = f"rencana {rencana}, realisasi {realisasi}"
    for r in monitoring.rekomendasi_kartu(kartu):
        baris[f"Rekomendasi: {r.uraian[:80]}"] = r.get_status_display()
    if kartu.catatan:
        baris["Catatan"] = kartu.catatan
    return baris


def _tandatangani(kartu: KartuKendali, aktor, tanggal) -> None:
    monitoring.tandatangani_kartu(aktor=aktor, kartu=kartu)


def pelaksanaan_kartu(kartu: KartuKendali):
    """The SOP runs that carry this card, newest first."""
    from sakip.sop.models import Pelaksanaan

    return (
        Pelaksanaan.objects.filter(
            dokumen_ct=ContentType.objects.get_for_model(KartuKendali), dokumen_id=kartu.pk
        )
        .select_related("sop", "versi")
        .order_by("-dimulai_pada", "-id")
    )


def sop_monitoring_instansi(instansi_id: int):
    """The agency's adopted SOP whose runs carry control cards, if it has one."""
    from sakip.sop.dokumen_terikat import pengikat_untuk
    from sakip.sop.models import SopInstansi

    for sop in SopInstansi.objects.filter(instansi_id=instansi_id, aktif=True).order_by("kode"):
        versi = sop.versi_terbaru()
        pengikat = pengikat_untuk(versi.definisi) if versi is not None else None
        if pengikat is not None and pengikat.nama == "kartu_kendali":
            return sop
    return None


# ---------------------------------------------------------------- quarterly evaluation


def periode_evaluasi(periode: str) -> tuple[int, int]:
    """(year, quarter) a run's period names: "2026-Q3", "2026-08" → Q3, "2025" → Q4 (a
    yearly evaluation reads the year's last quarter)."""
    triwulan = re.fullmatch(r"(\d{4})-Q([1-4])", periode or "")
    if triwulan:
        return int(triwulan.group(1)), int(triwulan.group(2))
    bulan = re.fullmatch(r"(\d{4})-(\d{1,2})", periode or "")
    if bulan:
        return int(bulan.group(1)), (int(bulan.group(2)) - 1) // 3 + 1
    tahun = re.fullmatch(r"(\d{4})", periode or "")
    if tahun:
        return int(tahun.group(1)), 4
    hari_ini = timezone.localdate()
    return hari_ini.year, (hari_ini.month - 1) // 3 + 1


def _ikat_evaluasi(pelaksanaan, aktor) -> EvaluasiTriwulan | None:
    tahun, triwulan = periode_evaluasi(pelaksanaan.periode)
    evaluasi = EvaluasiTriwulan.objects.filter(
        instansi_id=pelaksanaan.instansi_id, tahun=tahun, triwulan=triwulan
    ).first()
    if evaluasi is None and aktor is not None:
        evaluasi = monitoring.buat_evaluasi(
            aktor=aktor, instansi=pelaksanaan.instansi, tahun=tahun, triwulan=triwulan
        )
    return evaluasi


def ringkasan_evaluasi(evaluasi: EvaluasiTriwulan) -> dict[str, str]:
    """What the evaluation says: capaian per PK indicator, the conclusion, recommendations."""
    baris = {"Triwulan": monitoring.label_triwulan(evaluasi.tahun, evaluasi.triwulan)}
    for b in monitoring.capaian_triwulan(evaluasi.instansi, evaluasi.tahun, evaluasi.triwulan):
        nilai = f"{angka(b.hasil.nilai, 2)}%" if b.hasil.nilai is not None else b.hasil.rumus
        baris[f"{b.pk.jabatan.nama} / {b.indikator.nama}"] = f"target {b.target}, capaian {nilai}"
    baris["Kesimpulan"] = evaluasi.kesimpulan
    for r in evaluasi.rekomendasi.order_by("id"):
        baris[f"Rekomendasi: {r.uraian[:80]}"] = r.get_status_display()
    return baris


def _tandatangani_evaluasi(evaluasi: EvaluasiTriwulan, aktor, tanggal) -> None:
    monitoring.tandatangani_evaluasi(aktor=aktor, evaluasi=evaluasi)


def _pdf_kartu(kartu: KartuKendali) -> bytes:
    from ..dokumen_monitoring import kartu_pdf

    return kartu_pdf(kartu)


def _pdf_evaluasi(evaluasi: EvaluasiTriwulan) -> bytes:
    from ..dokumen_monitoring import evaluasi_pdf

    return evaluasi_pdf(evaluasi)


def daftarkan_sop() -> None:
    daftarkan(
        PengikatDokumen(
            nama="kartu_kendali",
            cocok=cocok,
            ikat=_ikat,
            ringkasan=ringkasan,
            tanda_tangan=_tandatangani,
            url=lambda k: reverse("pengukuran:kartu_kendali", args=[k.pk]),
            url_unduh=lambda k: reverse("pengukuran:kartu_kendali_pdf", args=[k.pk]),
            memegang=lambda d: isinstance(d, KartuKendali),
            pdf=_pdf_kartu,
            nama_dokumen=(
                "Rencana Program dan Rencana Aksi Kinerja",
                "Rencana Program dan RAK",
                "Laporan Monev",
                "Laporan Monitoring dan Evaluasi",
                "Kartu Kendali",
            ),
            kekurangan=lambda k, langkah: monitoring.kekurangan_kartu(k),
            judul=lambda k: _("Kartu kendali %(b)s") % {"b": nama_bulan(k.tahun, k.bulan)},
        )
    )
    daftarkan(
        PengikatDokumen(
            nama="evaluasi_triwulan",
            cocok=lambda d: False,  # only SOPs that declare it (seed 003's SOP Evaluasi)
            ikat=_ikat_evaluasi,
            ringkasan=ringkasan_evaluasi,
            tanda_tangan=_tandatangani_evaluasi,
            url=lambda e: reverse("pengukuran:evaluasi_triwulan", args=[e.pk]),
            url_unduh=lambda e: reverse("pengukuran:evaluasi_triwulan_pdf", args=[e.pk]),
            memegang=lambda d: isinstance(d, EvaluasiTriwulan),
            pdf=_pdf_evaluasi,
            nama_dokumen=(
                "Dokumen Evaluasi",
                "Evaluasi Triwulan",
                "Hasil Evaluasi",
                "Evaluasi Rencana Aksi",
            ),
            kekurangan=lambda e, langkah: monitoring.kekurangan_evaluasi(e),
            judul=lambda e: (
                _("Evaluasi %(tw)s") % {"tw": monitoring.label_triwulan(e.tahun, e.triwulan)}
            ),
        )
    )
