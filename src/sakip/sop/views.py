"""SOP pages: library and adoption, the agency's SOPs and their versions, the SAKIP calendar.

The pages of a run and its tasks are in `views_pelaksanaan.py`; the inbox is the portal's.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.teks import content_disposition
from sakip.organisasi.models import Instansi

from . import engine, jadwal, services
from .forms import (
    IdentitasForm,
    LangkahFormSet,
)
from .models import Pelaksanaan, SopInstansi, VersiSop

# ---------------------------------------------------------------- library and adopted SOPs


@login_required
def sop_daftar(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    sop_list = (
        SopInstansi.objects.for_user(request.user)
        .filter(instansi=instansi)
        .annotate(
            jumlah_berjalan=Count(
                "pelaksanaan",
                filter=Q(pelaksanaan__status__in=["berjalan", "menunggu"]),
                distinct=True,
            ),
            jumlah_versi=Count("versi", distinct=True),
        )
    )
    adopsi = {s.kode for s in sop_list}
    pustaka = services.pustaka()
    return render(
        request,
        "sop/sop_daftar.html",
        {
            "instansi": instansi,
            "sop_list": sop_list,
            "pustaka": [s for k, s in sorted(pustaka.items()) if k not in adopsi],
            "boleh_kelola": services.boleh_kelola_sop(request.user, instansi),
        },
    )


@require_POST
@login_required
def sop_adopsi(request: HttpRequest, instansi_id: int, kode: str) -> HttpResponse:
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    try:
        sop = services.adopsi(aktor=request.user, instansi=instansi, kode=kode)
    except engine.KesalahanAlur as exc:
        messages.error(request, str(exc))
        return redirect("sop:sop_daftar", instansi_id=instansi.pk)
    messages.success(request, _("SOP “%(nama)s” diadopsi.") % {"nama": sop.nama})
    return redirect("sop:sop_detail", sop_id=sop.pk)


def _sop(request, sop_id: int) -> SopInstansi:
    return get_for_user_or_404(
        SopInstansi.objects.select_related("instansi"), request.user, pk=sop_id
    )


@login_required
def sop_detail(request: HttpRequest, sop_id: int) -> HttpResponse:
    sop = _sop(request, sop_id)
    versi = sop.versi_terbaru()
    return _tampil_versi(request, sop, versi)


@login_required
def versi_detail(request: HttpRequest, versi_id: int) -> HttpResponse:
    versi = get_for_user_or_404(
        VersiSop.objects.select_related("sop__instansi"), request.user, pk=versi_id
    )
    return _tampil_versi(request, versi.sop, versi)


def _tampil_versi(request, sop: SopInstansi, versi: VersiSop) -> HttpResponse:
    periode = jadwal.jatuh_tempo(versi.definisi, timezone.localdate())
    return render(
        request,
        "sop/sop_detail.html",
        {
            "sop": sop,
            "versi": versi,
            "terbaru": versi.pk == sop.versi_terbaru().pk,
            "semua_versi": sop.versi.select_related("dibuat_oleh"),
            "masalah": services.validasi_definisi(sop.instansi, versi.definisi),
            "boleh_kelola": services.boleh_kelola_sop(request.user, sop.instansi),
            "boleh_mulai": engine.boleh_memulai(request.user, sop),
            "jadwal_berikut": periode,
            "berjalan": sop.pelaksanaan.berjalan().order_by("-dimulai_pada")[:10],
        },
    )


@login_required
def sop_ubah(request: HttpRequest, sop_id: int) -> HttpResponse:
    sop = _sop(request, sop_id)
    if not services.boleh_kelola_sop(request.user, sop.instansi):
        raise PermissionDenied(_("Hanya kepala, sekretaris atau administrator yang mengubah SOP."))
    versi = sop.versi_terbaru()
    definisi = versi.definisi
    pilihan = _pilihan_pelaksana(sop, definisi)
    data = request.POST if request.method == "POST" else None
    identitas = IdentitasForm(data, initial=IdentitasForm.awal(definisi))
    langkah = LangkahFormSet(
        data,
        initial=[
            {k: lg.get(k, "") for k in services.FIELD_LANGKAH_EDIT} for lg in definisi["langkah"]
        ],
        form_kwargs={"pilihan_pelaksana": pilihan},
        prefix="langkah",
    )
    if request.method == "POST" and identitas.is_valid() and langkah.is_valid():
        baru = {
            **definisi,
            "nama": identitas.cleaned_data["nama"],
            "identitas": identitas.identitas(),
        }
        baru["langkah"] = [
            {**lg, **{k: f.cleaned_data[k] for k in services.FIELD_LANGKAH_EDIT}}
            for lg, f in zip(definisi["langkah"], langkah.forms, strict=True)
        ]
        try:
            v = services.simpan_versi(
                aktor=request.user,
                sop=sop,
                definisi=baru,
                catatan=identitas.cleaned_data["catatan_perubahan"],
            )
        except engine.KesalahanAlur as exc:
            messages.error(request, str(exc))
        else:
            if v.pk == versi.pk:
                messages.info(
                    request, _("Tidak ada perubahan; versi tetap %(n)s.") % {"n": v.nomor}
                )
            else:
                messages.success(request, _("Tersimpan sebagai versi %(n)s.") % {"n": v.nomor})
            return redirect("sop:sop_detail", sop_id=sop.pk)
    return render(
        request,
        "sop/sop_ubah.html",
        {
            "sop": sop,
            "versi": versi,
            "identitas": identitas,
            "langkah": list(zip(definisi["langkah"], langkah.forms, strict=True)),
            "formset": langkah,
        },
    )


def _pilihan_pelaksana(sop: SopInstansi, definisi: dict) -> list[str]:
    nama = list(definisi.get("pelaksana", []))
    nama += list(sop.instansi.pemetaan.values_list("nama_pelaksana", flat=True))
    nama += [lg["pelaksana"] for lg in definisi["langkah"]]
    return list(dict.fromkeys(nama))


@login_required
def versi_dokumen(request: HttpRequest, versi_id: int) -> HttpResponse:
    from .dokumen import html_dokumen_sop

    versi = get_for_user_or_404(
        VersiSop.objects.select_related("sop__instansi__pemda"), request.user, pk=versi_id
    )
    return render(
        request,
        "sop/dokumen_halaman.html",
        {
            "versi": versi,
            "sop": versi.sop,
            "dokumen": html_dokumen_sop(versi.definisi, _kop(versi)),
        },
    )


@login_required
def versi_pdf(request: HttpRequest, versi_id: int) -> HttpResponse:
    from .dokumen import pdf_dokumen_sop

    versi = get_for_user_or_404(
        VersiSop.objects.select_related("sop__instansi__pemda"), request.user, pk=versi_id
    )
    pdf = pdf_dokumen_sop(versi.definisi, _kop(versi))
    respons = HttpResponse(pdf, content_type="application/pdf")
    nama = f"{versi.sop.kode}-v{versi.nomor}.pdf"
    respons["Content-Disposition"] = content_disposition(nama, unduh=False)
    return respons


def _kop(versi: VersiSop) -> dict:
    instansi = versi.sop.instansi
    return {
        "pemda": instansi.pemda.nama,
        "nama": instansi.nama,
        "alamat": instansi.alamat,
        "logo_url": None,
    }


# ---------------------------------------------------------------- SAKIP calendar


@login_required
def kalender_sakip(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    try:
        tahun = int(request.GET.get("tahun") or timezone.localdate().year)
    except ValueError:
        tahun = timezone.localdate().year
    sop_list = list(
        SopInstansi.objects.for_user(request.user).filter(instansi=instansi, aktif=True)
    )
    versi = {s.pk: s.versi_terbaru() for s in sop_list}
    runs = (
        Pelaksanaan.objects.for_user(request.user)
        .filter(instansi=instansi, dimulai_pada__year=tahun, induk__isnull=True)
        .select_related("sop")
    )
    bulan = []
    for m in range(1, 13):
        awal = datetime.date(tahun, m, 1)
        terjadwal = []
        for s in sop_list:
            definisi = versi[s.pk].definisi
            jad = definisi.get("jadwal") or {}
            periode = jadwal.periode_pada(jad.get("frekuensi", ""), awal)
            if periode is not None and periode.mulai == awal:
                mulai_pada = awal + datetime.timedelta(days=int(jad.get("offset_hari") or 0))
                acuan = jadwal.periode_pada(jad["frekuensi"], awal, jadwal.acuan(definisi))
                terjadwal.append({"sop": s, "tanggal": mulai_pada, "periode": acuan})
        berjalan = [r for r in runs if timezone.localtime(r.dimulai_pada).month == m]
        bulan.append({"awal": awal, "terjadwal": terjadwal, "pelaksanaan": berjalan})
    return render(
        request,
        "sop/kalender.html",
        {"instansi": instansi, "tahun": tahun, "bulan": bulan},
    )
