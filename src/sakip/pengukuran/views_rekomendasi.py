"""The recommendations of the quarterly evaluations (Rekomendasi Perbaikan Kinerja): the
year's list, one recommendation with its follow-up, and closing it (seed 001).

Reached through `for_user` (another agency's id answers 404); the follow-up goes through
`monitoring.tindak_lanjuti` (the official addressed), closing through
`monitoring.tutup_rekomendasi` (the Sekretaris or the head).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404

from . import monitoring
from .models import KartuKendali, Rekomendasi
from .services import nama_bulan
from .views_umum import (
    GALAT_LAYANAN,
    instansi_dari,
    konteks_instansi,
    pesan_galat,
    semua_tahun,
    tahun_diminta,
)

# ---------------------------------------------------------------- recommendations


@login_required
def rekomendasi_daftar(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = instansi_dari(request, instansi_id)
    tahun = tahun_diminta(request)
    status = request.GET.get("status", "")
    daftar = (
        Rekomendasi.objects.for_user(request.user)
        .filter(instansi=instansi, evaluasi__tahun=tahun)
        .select_related("evaluasi", "jabatan", "indikator_pk")
        .order_by("evaluasi__triwulan", "id")
    )
    if status in Rekomendasi.Status.values:
        daftar = daftar.filter(status=status)
    daftar = list(daftar)
    for r in daftar:
        tahun_pantau, bulan = monitoring.bulan_pantau(r)
        r.pantau = nama_bulan(tahun_pantau, bulan)
        r.evaluasi_label = f"TW {monitoring.ROMAWI[r.evaluasi.triwulan]}"
    return render(
        request,
        "pengukuran/monitoring_rekomendasi.html",
        konteks_instansi(
            instansi,
            tahun,
            semua_tahun=semua_tahun(instansi, tahun),
            daftar=daftar,
            status=status,
            pilihan_status=Rekomendasi.Status.choices,
        ),
    )


@login_required
def rekomendasi(request: HttpRequest, rekomendasi_id: int) -> HttpResponse:
    """One recommendation: what was asked, the follow-up form for the official addressed,
    and closing for the Sekretaris or head."""
    r = get_for_user_or_404(
        Rekomendasi.objects.select_related(
            "instansi__pemda", "evaluasi", "jabatan", "indikator_pk", "ditindaklanjuti_oleh"
        ),
        request.user,
        pk=rekomendasi_id,
    )
    if request.method == "POST":
        try:
            monitoring.tindak_lanjuti(
                aktor=request.user,
                rekomendasi=r,
                tindak_lanjut=request.POST.get("tindak_lanjut", ""),
            )
        except GALAT_LAYANAN as exc:
            messages.error(request, pesan_galat(exc))
        else:
            messages.success(request, _("Tindak lanjut tersimpan."))
        return redirect("pengukuran:rekomendasi", rekomendasi_id=r.pk)
    tahun_pantau, bulan = monitoring.bulan_pantau(r)
    terbuka = r.status != Rekomendasi.Status.SELESAI
    return render(
        request,
        "pengukuran/monitoring_rekomendasi_detail.html",
        konteks_instansi(
            r.instansi,
            r.evaluasi.tahun,
            r=r,
            pantau=nama_bulan(tahun_pantau, bulan),
            kartu_pantau=KartuKendali.objects.filter(
                instansi_id=r.instansi_id, tahun=tahun_pantau, bulan=bulan
            ).first(),
            evaluasi_judul=monitoring.label_triwulan(r.evaluasi.tahun, r.evaluasi.triwulan),
            boleh_tindak_lanjut=terbuka and monitoring.boleh_menindaklanjuti(request.user, r),
            boleh_tutup=r.status == Rekomendasi.Status.DITINDAKLANJUTI
            and monitoring.boleh_menutup(request.user, r),
        ),
    )


@require_POST
@login_required
def rekomendasi_tutup(request: HttpRequest, rekomendasi_id: int) -> HttpResponse:
    r = get_for_user_or_404(Rekomendasi, request.user, pk=rekomendasi_id)
    try:
        monitoring.tutup_rekomendasi(aktor=request.user, rekomendasi=r)
    except GALAT_LAYANAN as exc:
        messages.error(request, pesan_galat(exc))
    else:
        messages.success(request, _("Rekomendasi ditutup."))
    return redirect("pengukuran:rekomendasi", rekomendasi_id=r.pk)
