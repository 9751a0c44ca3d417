"""Seed 000's "SOP Pelaporan SPP dan IKM" carries the survey period and its report.

The run's period ("2026", "2026-S1") names the survey period; the run binds it (creating
it with the Pemda's nine elements when needed), reviewers see the result and the
narrative change between decisions, and the Camat's signing step freezes the report
and stores its PDF and DOCX. A period without respondents cannot be signed.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.translation import gettext as _

from sakip.sop.dokumen_terikat import Kekurangan, PengikatDokumen, daftarkan

from . import services
from .models import PeriodeSurvei

KODE_SOP = "000-spp-ikm"
_IKM = re.compile(r"(^|[^a-z])(ikm|skm)([^a-z]|$)")


def cocok(definisi: dict) -> bool:
    """The seed's SPP & IKM SOP, or any SOP whose document is an IKM/SKM report."""
    if definisi.get("kode") == KODE_SOP:
        return True
    dokumen = (definisi.get("dokumen") or "").lower()
    return bool(_IKM.search(dokumen)) or "kepuasan masyarakat" in dokumen


def periode_dari(teks: str) -> tuple[int, int | None] | None:
    """(year, semester or None) of a run's period: "2026" → (2026, None), "2026-S2" → 2."""
    cocokan = re.match(r"^\s*(\d{4})(?:-S([12]))?", teks or "", re.IGNORECASE)
    if not cocokan:
        return None
    return int(cocokan.group(1)), int(cocokan.group(2)) if cocokan.group(2) else None


def _ikat(pelaksanaan, aktor) -> PeriodeSurvei:
    from django.utils import timezone

    instansi = pelaksanaan.instansi
    hasil = periode_dari(pelaksanaan.periode)
    tahun, semester = hasil if hasil else (timezone.localdate().year, None)
    if semester is None:
        # A yearly run: the year's survey, or the latest semester survey the agency holds.
        ada = PeriodeSurvei.objects.filter(instansi=instansi, tahun=tahun).order_by("semester")
        pilihan = (
            ada.filter(semester=0).first()
            or ada.exclude(status=PeriodeSurvei.Status.DITANDATANGANI).last()
        )
        if pilihan is not None:
            return pilihan
        semester = 0
    return services.buat_periode(aktor=aktor, instansi=instansi, tahun=tahun, semester=semester)


def ringkasan(periode: PeriodeSurvei) -> dict[str, str]:
    """What the report says, line by line (reviewers see what changed since they looked)."""
    from .laporan import isi_laporan

    data = isi_laporan(periode)
    hasil = data["hasil"]
    baris = {
        "Periode": data["periode"]["label"],
        "Responden": hasil["responden"],
        "IKM": hasil["ikm"],
        "Mutu": f"{hasil['mutu']} ({hasil['kinerja']})",
        "Sampel minimal": hasil["sampel"],
    }
    for u in data["unsur"]:
        baris[f"NRR {u['kode']} {u['nama']}"] = f"{u['nrr']} ({u['mutu']})"
    for kunci, teks in data["narasi"].items():
        baris[f"Narasi: {kunci}"] = teks
    return baris


def kekurangan(periode: PeriodeSurvei, langkah: dict) -> list[Kekurangan]:
    """An empty survey is not a report: at least one questionnaire before it goes on."""
    from .models import Responden

    if periode.status == PeriodeSurvei.Status.DITANDATANGANI:
        return []
    if Responden.objects.filter(periode=periode).exists():
        return []
    return [
        Kekurangan(
            _("Belum ada responden pada %(p)s: isi kuesioner (daring, entri kertas atau impor)")
            % {"p": periode.label},
            reverse("ikm:periode_detail", args=[periode.pk]),
        )
    ]


def _tandatangani(periode: PeriodeSurvei, aktor, tanggal) -> None:
    services.tandatangani_periode(aktor=aktor, periode=periode)


def pdf(periode: PeriodeSurvei) -> bytes:
    """The signed report's stored PDF, or the draft rendered now."""
    from .laporan import laporan_pdf

    return periode.pdf_atau(laporan_pdf)


def daftarkan_sop() -> None:
    daftarkan(
        PengikatDokumen(
            nama="ikm",
            cocok=cocok,
            ikat=_ikat,
            ringkasan=ringkasan,
            tanda_tangan=_tandatangani,
            url=lambda p: reverse("ikm:periode_detail", args=[p.pk]),
            url_unduh=lambda p: reverse("ikm:laporan_pdf", args=[p.pk]),
            memegang=lambda d: isinstance(d, PeriodeSurvei),
            pdf=pdf,
            nama_dokumen=(
                "Laporan SPP dan IKM",
                "SPP dan IKM",
                "IKM",
                "SKM",
                "Indeks Kepuasan Masyarakat",
                "Survei Kepuasan Masyarakat",
            ),
            kekurangan=kekurangan,
            judul=lambda p: _("Laporan SKM %(p)s") % {"p": p.label},
        )
    )
