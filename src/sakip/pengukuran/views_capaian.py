"""The agency's capaian page, its Excel matrix and the dashboard of the year.

Every figure comes from `ringkasan` (which reads `penilaian`), so the page, the matrix, the
charts and the Pemda view agree, each with the formula and the numbers it used. The
submissions still waiting are shown beside their rows: they count once approved.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sakip.perencanaan.models import TargetTahunan

from . import grafik, penilaian, services
from .forms import BULAN_PENDEK
from .ringkasan import ABU, ringkasan_capaian, warna_kategori
from .views_umum import bilangan, daftar_bulan, instansi_dari, nama_bulan, periode, unduh_xlsx


def _sampai(request: HttpRequest) -> tuple[int, int]:
    return periode(request, "sampai")


def _tandai_menunggu(instansi, tahun: int, sampai: int, hasil) -> list[tuple]:
    """The submissions still waiting, attached to their rows: the page says why a figure
    did not move (they count once the Kasubag approves them)."""
    return penilaian.tandai_menunggu(hasil, penilaian.menunggu_persetujuan(instansi, tahun, sampai))


@login_required
def capaian(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Per sasaran: target, realisation to date, capaian and category, each with its
    formula; then serapan per program and sub-kegiatan and efficiency."""
    instansi = instansi_dari(request, instansi_id)
    tahun, sampai = _sampai(request)
    aturan = penilaian.aturan_pemda(instansi.pemda_id)
    warna = warna_kategori(instansi.pemda_id)
    hasil = penilaian.capaian_renstra(instansi, tahun, sampai)
    menunggu = _tandai_menunggu(instansi, tahun, sampai, hasil)
    ringkasan = ringkasan_capaian(instansi, tahun, sampai, hasil)
    return render(
        request,
        "pengukuran/dasbor_capaian.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "sampai": sampai,
            "nama_bulan": nama_bulan(sampai),
            "daftar_bulan": daftar_bulan(),
            "r": ringkasan,
            "warna_rata": warna.get(ringkasan.kategori_rata, ""),
            "skala_kategori": [
                (batas, nama, warna.get(nama, "")) for batas, nama in aturan.kategori
            ],
            "aturan": aturan,
            "warna": warna,
            "menunggu": menunggu,
            "boleh_memeriksa": services.boleh_memeriksa(request.user, instansi.pk),
            "menu": "capaian",
        },
    )


@login_required
def capaian_excel(request: HttpRequest, instansi_id: int) -> HttpResponse:
    from . import ekspor_capaian, excel

    instansi = instansi_dari(request, instansi_id)
    tahun, sampai = _sampai(request)
    isi = ekspor_capaian.ekspor_capaian(
        instansi, tahun, sampai, ringkasan_capaian(instansi, tahun, sampai)
    )
    return unduh_xlsx(isi, excel.nama_berkas("Capaian", instansi, tahun, sampai))


# ---------------------------------------------------------------- dashboard


def _desimal_json(nilai) -> float | None:
    """Chart.js reads numbers; DjangoJSONEncoder would write Decimals as strings."""
    if nilai is None or isinstance(nilai, str):
        return None
    return float(Decimal(nilai).quantize(Decimal("0.01")))


def _serapan_per_bulan(instansi, tahun: int, sampai: int) -> list[Decimal | None]:
    """The DPA's serapan to the end of each month (one DPA read)."""
    dpa = penilaian.dpa_tahun(instansi.pk, tahun)
    if dpa is None:
        return [None] * sampai
    sub, _total = penilaian.serapan_dpa(dpa, sampai)
    pagu = sum((s.pagu for s in sub), Decimal(0))
    hasil, kumulatif = [], Decimal(0)
    for b in range(sampai):
        kumulatif += sum((s.bulanan[b] for s in sub), Decimal(0))
        hasil.append(kumulatif / pagu * 100 if pagu else None)
    return hasil


@login_required
def dasbor(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Charts of the agency's year: capaian per indicator and sasaran, one indicator's
    monthly trend against its target, and serapan against capaian month by month."""
    instansi = instansi_dari(request, instansi_id)
    tahun, sampai = _sampai(request)
    # Capaian to the end of each month, by the same function as the capaian page: a fixed
    # number of queries per month, none per indicator.
    per_bulan = penilaian.capaian_renstra_bulanan(instansi, tahun, sampai)
    akhir = per_bulan[-1]
    menunggu = _tandai_menunggu(instansi, tahun, sampai, akhir)
    ringkasan = ringkasan_capaian(instansi, tahun, sampai, akhir)
    warna = warna_kategori(instansi.pemda_id)
    capaian_bulan = [penilaian.rata_capaian(hasil) for hasil in per_bulan]
    serapan_bulan = _serapan_per_bulan(instansi, tahun, sampai)

    pilihan = bilangan(request, "indikator", 0, 0, 2**31)
    terpilih = next((c for c in akhir if c.indikator_id == pilihan), None) or next(
        (c for c in akhir if c.realisasi is not None), akhir[0] if akhir else None
    )
    label_bulan = BULAN_PENDEK[:sampai]
    data = {
        "capaian": {
            "label": [c.kode for c in akhir],
            "nama": [c.nama for c in akhir],
            "nilai": [_desimal_json(c.nilai) for c in akhir],
            "warna": [warna.get(c.kategori, ABU) for c in akhir],
        },
        "sasaran": {
            "label": [k.kode for k in ringkasan.kelompok],
            "nama": [k.uraian for k in ringkasan.kelompok],
            "nilai": [_desimal_json(k.rata.nilai) for k in ringkasan.kelompok],
            "warna": [k.warna or ABU for k in ringkasan.kelompok],
        },
        "tren": _tren(terpilih, per_bulan, tahun) if terpilih else None,
        "serapan_capaian": {
            "bulan": label_bulan,
            "capaian": [_desimal_json(n) for n in capaian_bulan],
            "serapan": [_desimal_json(n) for n in serapan_bulan],
        },
        "teks": {
            "capaian": _("Capaian (%)"),
            "capaian_kinerja": _("Capaian kinerja (rata-rata)"),
            "serapan": _("Serapan anggaran"),
        },
    }
    judul_bar = _("Capaian per indikator s.d. %(b)s %(t)s") % {"b": nama_bulan(sampai), "t": tahun}
    judul_garis = _("Serapan anggaran dan capaian kinerja %(t)s") % {"t": tahun}
    # grafik escapes every text it writes: its SVG goes into the page as it is.
    svg_capaian = grafik.bar_svg(
        [(f"{c.kode} {c.nama}", c.nilai) for c in akhir],
        judul=judul_bar,
        warna=[warna.get(c.kategori, ABU) for c in akhir],
    )
    svg_serapan = grafik.garis_svg(
        label_bulan,
        [
            (_("Capaian kinerja (rata-rata)"), capaian_bulan, "#0b4f8a"),
            (_("Serapan anggaran"), serapan_bulan, "#b54708"),
        ],
        judul=judul_garis,
        satuan="%",
    )
    terisi = sum(1 for c in akhir if c.bulanan[sampai - 1] not in (None, ""))
    return render(
        request,
        "pengukuran/dasbor.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "sampai": sampai,
            "nama_bulan": nama_bulan(sampai),
            "daftar_bulan": daftar_bulan(),
            "akhir": akhir,
            "r": ringkasan,
            "warna_rata": warna.get(ringkasan.kategori_rata, ""),
            "terisi": terisi,
            "terpilih": terpilih,
            "tinggi_capaian": max(220, 60 + 28 * len(akhir)),
            "data_grafik": data,
            "svg_capaian": mark_safe(svg_capaian),
            "svg_serapan": mark_safe(svg_serapan),
            "menunggu": menunggu,
            "menunggu_bulan_ini": sum(1 for _c, m in menunggu if m.bulan == sampai),
            "boleh_memeriksa": services.boleh_memeriksa(request.user, instansi.pk),
            "menu": "dasbor",
        },
    )


def _tren(c: penilaian.CapaianIndikator, per_bulan: list, tahun: int) -> dict:
    """One indicator month by month: the month's value, the value to date and the target;
    a scale indicator (WTP, WDP …) is drawn as its capaian against 100%."""
    urutan = next(i for i, x in enumerate(per_bulan[-1]) if x.indikator_id == c.indikator_id)
    sd_bulan = [hasil[urutan] for hasil in per_bulan]
    n = len(sd_bulan)
    t = (
        TargetTahunan.objects.filter(indikator_id=c.indikator_id, tahun=tahun)
        .select_related("indikator")
        .first()
    )
    judul = f"{c.kode} {c.nama}"
    if (t is not None and t.indikator.skala_id) or any(isinstance(v, str) for v in c.bulanan):
        seri = [
            (_("Capaian s.d. bulan"), [_desimal_json(x.nilai) for x in sd_bulan]),
            (_("Target"), [100.0] * n),
        ]
        return {"judul": judul, "satuan": "%", "seri": _seri(seri)}
    target = t.target if t is not None else None
    seri = [
        (_("Realisasi bulan itu"), [_desimal_json(v) for v in c.bulanan[:n]]),
        (_("Realisasi s.d. bulan"), [_desimal_json(x.realisasi) for x in sd_bulan]),
        (
            _("Target") if t is None or t.target_atas is None else _("Target (batas bawah)"),
            [_desimal_json(target)] * n,
        ),
    ]
    if t is not None and t.target_atas is not None:
        seri.append((_("Target (batas atas)"), [_desimal_json(t.target_atas)] * n))
    return {"judul": judul, "satuan": c.satuan, "seri": _seri(seri)}


def _seri(seri: list[tuple[str, list]]) -> list[dict]:
    """Chart.js series; targets are drawn dashed."""
    return [
        {"label": label, "nilai": nilai, "target": label.startswith(_("Target"))}
        for label, nilai in seri
    ]
