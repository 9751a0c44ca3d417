"""Pemda pages (seed 003): agencies side by side, data requests and their compilation.

For evaluators (Bagian Organisasi, Inspektorat, Bappeda) and the Pemda admin. Agencies are
reached through `for_user` only: an evaluator sees every agency of their own Pemda and
nothing of another (404). Agency staff asking for a Pemda page are sent to their own
agency's pages (a redirect, so no Pemda data is drawn for them); a request's page takes
them to their own agency's answer, and a request their agency was not asked is a 404.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.formatting import angka
from sakip.organisasi.access import peran_pemda
from sakip.organisasi.models import Instansi, Pemda

from . import grafik
from . import pemda as perbandingan_mod
from . import permintaan as layanan
from .forms import BULAN_PENDEK
from .forms_pemda import BULAN, PeriodeForm, PermintaanForm
from .models import JawabanData, PermintaanData
from .ringkasan import warna_kategori
from .views_umum import unduh_xlsx

# ---------------------------------------------------------------- access


def _pemda_dilihat(request: HttpRequest) -> Pemda | None:
    """The Pemda a Pemda role looks at: its own; a superuser may pick one with ?pemda=."""
    user = request.user
    if not peran_pemda(user):
        return None
    daftar = Pemda.objects.for_user(user).order_by("nama")
    pilihan = request.GET.get("pemda", "")
    if user.is_superuser and pilihan.isdigit():
        return daftar.filter(pk=pilihan).first() or daftar.first()
    return daftar.filter(pk=user.pemda_id).first() or daftar.first()


def _halaman_instansi(user) -> str:
    """Where agency staff go instead: their own capaian page, else the home page."""
    if user.instansi_id:
        try:
            return reverse("pengukuran:capaian", args=[user.instansi_id])
        except NoReverseMatch:
            pass
    return reverse("beranda")


def khusus_pemda(view: Callable) -> Callable:
    """Pemda roles get the view with their Pemda; others are sent to their agency."""

    @login_required
    @wraps(view)
    def bungkus(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        pemda = _pemda_dilihat(request)
        if pemda is None:
            messages.info(
                request,
                _("Halaman Pemda hanya untuk evaluator dan admin Pemda; ini instansi Anda."),
            )
            return redirect(_halaman_instansi(request.user))
        return view(request, pemda, *args, **kwargs)

    return bungkus


def _permintaan(request: HttpRequest, permintaan_id: int) -> PermintaanData | HttpResponse:
    """The request for Pemda roles; agency staff are sent to their own answer to it."""
    user = request.user
    if not peran_pemda(user):
        jawaban = JawabanData.objects.for_user(user).filter(permintaan_id=permintaan_id).first()
        if jawaban is None:
            raise Http404(_("Data tidak ditemukan."))
        return redirect("pengukuran:pemda_jawaban", jawaban_id=jawaban.pk)
    return get_for_user_or_404(
        PermintaanData.objects.select_related("pemda", "dibuat_oleh"), user, pk=permintaan_id
    )


# ---------------------------------------------------------------- agencies side by side


@khusus_pemda
def perbandingan(request: HttpRequest, pemda: Pemda) -> HttpResponse:
    """Every agency for a year up to a month: completeness, capaian, rank, serapan, lateness."""
    form = PeriodeForm(request.GET)
    tahun, bulan = form.periode()
    if not form.is_valid():
        form = PeriodeForm(initial={"tahun": tahun, "bulan": bulan})
    instansi_list = list(
        Instansi.objects.for_user(request.user).filter(pemda=pemda).order_by("nama")
    )
    sekarang = timezone.now()
    baris = perbandingan_mod.bandingkan(instansi_list, tahun, bulan, sekarang)
    warna = warna_kategori(pemda.pk)
    for b in baris:
        b.warna = warna.get(b.capaian.kategori, "")
    terlambat = (
        perbandingan_mod.tugas_terlambat(instansi_list, sekarang)
        .select_related("instansi", "pelaksanaan", "jabatan")
        .order_by("tenggat")[:50]
    )
    return render(
        request,
        "pengukuran/pemda_perbandingan.html",
        {
            "pemda": pemda,
            "form": form,
            "tahun": tahun,
            "bulan": bulan,
            "nama_bulan": dict(BULAN)[bulan],
            "bulan_pendek": BULAN_PENDEK,
            "baris": baris,
            "rata_pemda": perbandingan_mod.rata_pemda(baris),
            "terlambat": terlambat,
            "jumlah_terlambat": sum(b.terlambat for b in baris),
            "grafik": _data_grafik(baris),
            "grafik_svg": _grafik_svg(baris),
            "menu": "perbandingan",
        },
    )


@khusus_pemda
def perbandingan_excel(request: HttpRequest, pemda: Pemda) -> HttpResponse:
    """The same comparison as the page, as a workbook for the evaluator's own analysis."""
    from . import ekspor_capaian

    form = PeriodeForm(request.GET)
    tahun, bulan = form.periode()
    instansi_list = list(
        Instansi.objects.for_user(request.user).filter(pemda=pemda).order_by("nama")
    )
    baris = perbandingan_mod.bandingkan(instansi_list, tahun, bulan)
    isi = ekspor_capaian.ekspor_pemda(
        pemda, tahun, bulan, baris, perbandingan_mod.rata_pemda(baris)
    )
    nama = f"Perbandingan_{slugify(pemda.nama).replace('-', '_')}_{tahun}_{bulan:02d}.xlsx"
    return unduh_xlsx(isi, nama)


def _angka(nilai: Decimal | None) -> float | None:
    return round(float(nilai), 2) if nilai is not None else None


def _data_grafik(baris: list[perbandingan_mod.BarisPemda]) -> dict:
    """Chart.js data (rendered with json_script): capaian and serapan per agency."""
    return {
        "label": [b.instansi.nama.removeprefix("Kecamatan ") for b in baris],
        "capaian": [_angka(b.capaian.rata) for b in baris],
        "serapan": [_angka(b.serapan.nilai if b.serapan else None) for b in baris],
        "kelengkapan": [_angka(b.kelengkapan_persen) for b in baris],
    }


def _grafik_svg(baris: list[perbandingan_mod.BarisPemda]) -> str:
    """The same comparison drawn on the server (grafik.py, as in printed documents): shown
    until Chart.js has drawn the canvas, and kept when JavaScript is off."""
    svg = grafik.bar_svg(
        [(b.instansi.nama, b.capaian.rata) for b in baris],
        judul=_("Rata-rata capaian per instansi"),
        warna=[b.warna or "#0b4f8a" for b in baris],
    )
    return mark_safe(svg)  # bar_svg escapes every text it writes


# ---------------------------------------------------------------- data requests


@khusus_pemda
def permintaan_daftar(request: HttpRequest, pemda: Pemda) -> HttpResponse:
    """The Pemda's requests with their progress, and the form of a new one."""
    boleh = layanan.boleh_meminta(request.user, pemda)
    if request.method == "POST":
        form = PermintaanForm(request.POST)
        if not boleh:
            raise PermissionDenied
        if form.is_valid():
            try:
                p = layanan.kirim_permintaan(aktor=request.user, pemda=pemda, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Permintaan “%(judul)s” dikirim ke %(n)s instansi.")
                    % {"judul": p.judul, "n": p.jawaban.count()},
                )
                return redirect("pengukuran:pemda_permintaan_detail", permintaan_id=p.pk)
    else:
        form = PermintaanForm.awal()
    daftar = (
        PermintaanData.objects.for_user(request.user)
        .filter(pemda=pemda)
        .select_related("dibuat_oleh")
        .annotate(
            jumlah=Count("jawaban", distinct=True),
            dikirim=Count(
                "jawaban", filter=Q(jawaban__status=JawabanData.Status.DIKIRIM), distinct=True
            ),
        )
    )
    return render(
        request,
        "pengukuran/pemda_permintaan_daftar.html",
        {
            "pemda": pemda,
            "daftar": daftar,
            "form": form if boleh else None,
            "hari_ini": timezone.localdate(),
            "menu": "permintaan",
        },
    )


@login_required
def permintaan_detail(request: HttpRequest, permintaan_id: int) -> HttpResponse:
    """Status per agency (answer, SOP step, lateness) and the compiled answers."""
    p = _permintaan(request, permintaan_id)
    if isinstance(p, HttpResponse):
        return p
    r = layanan.rekap(p)
    return render(
        request,
        "pengukuran/pemda_permintaan_detail.html",
        {
            "p": p,
            "pemda": p.pemda,
            "rekap": r,
            "status": layanan.status_per_instansi(r.jawaban),
            "lewat": timezone.localdate() > p.batas_waktu,
            "nama_bulan": dict(BULAN)[p.sampai_bulan],
            "menu": "permintaan",
        },
    )


@login_required
def permintaan_excel(request: HttpRequest, permintaan_id: int) -> HttpResponse:
    p = _permintaan(request, permintaan_id)
    if isinstance(p, HttpResponse):
        return p
    isi = layanan.rekap_excel(layanan.rekap(p))
    return unduh_xlsx(isi, f"rekap-{slugify(p.judul)[:60] or 'permintaan'}-{p.pk}.xlsx")


@login_required
def jawaban(request: HttpRequest, jawaban_id: int) -> HttpResponse:
    """What an agency sends (or sent): read by its staff from the SOP task and by the Pemda."""
    j = get_for_user_or_404(
        JawabanData.objects.select_related("instansi__pemda", "permintaan", "dikirim_oleh"),
        request.user,
        pk=jawaban_id,
    )
    [status] = layanan.status_per_instansi([j])
    isi = layanan.potret_jawaban(j)
    diambil = datetime.datetime.fromisoformat(isi["diambil_pada"])
    return render(
        request,
        "pengukuran/pemda_jawaban.html",
        {
            "j": j,
            "p": j.permintaan,
            "isi": isi,
            "baris": [_baris_jawaban(i) for i in isi["indikator"]],
            "diambil_pada": timezone.localtime(diambil),
            "status": status,
            "bulan_pendek": BULAN_PENDEK[: isi["sampai_bulan"]],
            "nama_bulan": dict(BULAN)[j.permintaan.sampai_bulan],
            "peran_pemda": peran_pemda(request.user),
        },
    )


def _baris_jawaban(i: dict) -> dict:
    return i | {
        "bulanan": [layanan.tampil_angka(v) for v in i["bulanan"]],
        "realisasi": layanan.tampil_angka(i["realisasi"]),
        "capaian": angka(i["capaian"], 2) if i["capaian"] is not None else "",
    }
