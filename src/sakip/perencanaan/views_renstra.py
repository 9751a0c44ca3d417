"""The Renstra page (tujuan, sasaran, indicators with a target per year) and the IKU page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse

from sakip.lib.akses import get_for_user_or_404

from .forms import tulis_target
from .models import Indikator, Renstra, Sasaran, Strategi
from .views import boleh_ubah, tampil

# ---------------------------------------------------------------- Renstra and IKU


@login_required
def renstra(request: HttpRequest, renstra_id: int) -> HttpResponse:
    renstra = get_for_user_or_404(
        Renstra.objects.select_related("instansi__pemda"), request.user, pk=renstra_id
    )
    return tampil_renstra(request, renstra)


def tampil_renstra(request: HttpRequest, renstra: Renstra) -> HttpResponse:
    indikator = Indikator.objects.select_related("skala", "penanggung_jawab").prefetch_related(
        "target"
    )
    tujuan = list(
        renstra.tujuan.select_related("misi").prefetch_related(
            Prefetch("indikator", queryset=indikator),
            Prefetch(
                "sasaran",
                queryset=Sasaran.objects.prefetch_related(
                    Prefetch("indikator", queryset=indikator),
                    Prefetch("strategi", queryset=Strategi.objects.prefetch_related("kebijakan")),
                    "program",
                ),
            ),
        )
    )
    for t in tujuan:
        for ind in [*t.indikator.all(), *(i for s in t.sasaran.all() for i in s.indikator.all())]:
            per_tahun = {x.tahun: x for x in ind.target.all()}
            ind.target_tahun = [(th, per_tahun.get(th)) for th in renstra.tahun]
            ind.kondisi_awal = tulis_target(ind.baseline, None, ind.baseline_skala) or "—"
            ind.akhir = (
                tulis_target(ind.target_akhir, ind.target_akhir_atas, ind.target_akhir_skala) or "—"
            )
    return tampil(
        request,
        "renstra",
        {
            "renstra": renstra,
            "instansi": renstra.instansi,
            "misi": renstra.misi.all(),
            "tujuan": tujuan,
            "boleh_ubah": boleh_ubah(request.user, renstra),
            "matriks": "renstra",
            "objek": renstra,
        },
    )


@login_required
def iku(request: HttpRequest, renstra_id: int) -> HttpResponse:
    renstra = get_for_user_or_404(
        Renstra.objects.select_related("instansi__pemda"), request.user, pk=renstra_id
    )
    return tampil_iku(request, renstra)


def tampil_iku(request: HttpRequest, renstra: Renstra) -> HttpResponse:
    return tampil(
        request,
        "iku",
        {
            "renstra": renstra,
            "instansi": renstra.instansi,
            "iku_list": renstra.iku.select_related("indikator__skala", "penanggung_jawab"),
            "calon": Indikator.objects.filter(renstra=renstra, iku__isnull=True).select_related(
                "tujuan", "sasaran"
            ),
            "boleh_ubah": boleh_ubah(request.user, renstra),
            "matriks": "iku",
            "objek": renstra,
        },
    )
