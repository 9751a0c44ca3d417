"""The monitoring documents as printed and signed: the month's kartu kendali and the
quarterly evaluation (seed 001 steps 4–9), A4 landscape with the agency's letterhead.

They are the binders' `pdf` (sop_plugin/monitoring.py): the PDF the monitoring SOP run initials and
signs with TTE, so the signed file carries the card's figures, not an attachment. The
title names the document as the run's SOP does ("Rencana Program dan Rencana Aksi Kinerja —
Kartu Kendali Bulan November 2026"). Status and signatures are left to the Lembar
Pengesahan: the preview before signing and the signed file print the same pages.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.dokumen.cetak import kop, pdf_dari_html, tanggal_panjang

from . import monitoring
from .forms_monitoring import ringkas
from .models import EvaluasiTriwulan, KartuKendali
from .services import nama_bulan


def _nama_dokumen_sop(instansi_id: int, dokumen, nama_pengikat: str) -> str:
    """The document's name in the SOP that carries it (the newest run's, else the agency's
    adopted SOP bound to it); '' when no SOP carries it."""
    from django.contrib.contenttypes.models import ContentType

    from sakip.sop import dokumen_terikat
    from sakip.sop.models import Pelaksanaan, SopInstansi

    run = (
        Pelaksanaan.objects.filter(
            dokumen_ct=ContentType.objects.get_for_model(dokumen), dokumen_id=dokumen.pk
        )
        .select_related("versi")
        .order_by("-dimulai_pada", "-id")
        .first()
    )
    if run is not None:
        return run.versi.definisi.get("dokumen", "")
    for sop in SopInstansi.objects.filter(instansi_id=instansi_id, aktif=True).order_by("kode"):
        versi = sop.versi_terbaru()
        pengikat = dokumen_terikat.pengikat_untuk(versi.definisi) if versi else None
        if pengikat is not None and pengikat.nama == nama_pengikat:
            return versi.definisi.get("dokumen", "")
    return ""


def judul_kartu(kartu: KartuKendali) -> str:
    bulan = _("Kartu Kendali Bulan %(b)s") % {"b": nama_bulan(kartu.tahun, kartu.bulan)}
    nama = _nama_dokumen_sop(kartu.instansi_id, kartu, "kartu_kendali")
    return f"{nama} — {bulan}" if nama else bulan


def judul_evaluasi(evaluasi: EvaluasiTriwulan) -> str:
    tw = _("Evaluasi %(tw)s") % {"tw": monitoring.label_triwulan(evaluasi.tahun, evaluasi.triwulan)}
    nama = _nama_dokumen_sop(evaluasi.instansi_id, evaluasi, "evaluasi_triwulan")
    return f"{nama} — {tw}" if nama else tw


def kartu_konteks(kartu: KartuKendali) -> dict:
    susunan, total = monitoring.susunan_kartu(kartu)
    return {
        "kop": kop(kartu.instansi),
        "judul": judul_kartu(kartu),
        "instansi": kartu.instansi,
        "kartu": kartu,
        "baris": susunan,
        "total": total,
        "rekomendasi": monitoring.rekomendasi_kartu(kartu),
        "dicetak": tanggal_panjang(timezone.localdate()),
    }


def kartu_pdf(kartu: KartuKendali) -> bytes:
    """The month's card: every row's plan and realisation, fisik and keuangan, deviation,
    problems and follow-up, the totals, and the recommendations under watch."""
    kartu = KartuKendali.objects.select_related("instansi__pemda").get(pk=kartu.pk)
    return pdf_dari_html(render_to_string("pengukuran/cetak_kartu.html", kartu_konteks(kartu)))


def evaluasi_konteks(evaluasi: EvaluasiTriwulan) -> dict:
    baris = monitoring.capaian_triwulan(evaluasi.instansi, evaluasi.tahun, evaluasi.triwulan)
    per_pk: dict = {}
    for b in baris:
        b.realisasi_tampil = ringkas(b.capaian.realisasi)
        per_pk.setdefault(b.pk.pk, {"pk": b.pk, "baris": []})["baris"].append(b)
    return {
        "kop": kop(evaluasi.instansi),
        "judul": judul_evaluasi(evaluasi),
        "instansi": evaluasi.instansi,
        "evaluasi": evaluasi,
        "per_pk": list(per_pk.values()),
        "tidak_tercapai": [b for b in baris if b.tidak_tercapai],
        "rekomendasi": list(
            evaluasi.rekomendasi.select_related("jabatan", "indikator_pk").order_by("id")
        ),
        "dicetak": tanggal_panjang(timezone.localdate()),
    }


def evaluasi_pdf(evaluasi: EvaluasiTriwulan) -> bytes:
    """The quarter's evaluation: capaian per PK indicator against the quarter's target,
    the missed targets, the conclusion and the recommendations issued."""
    evaluasi = EvaluasiTriwulan.objects.select_related("instansi__pemda").get(pk=evaluasi.pk)
    return pdf_dari_html(
        render_to_string("pengukuran/cetak_evaluasi.html", evaluasi_konteks(evaluasi))
    )
