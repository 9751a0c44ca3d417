"""The year-end archive of performance data (seed 001 step 13): a preview from today's
data until it is assembled, the stored snapshot after, signed by the head, and the
snapshot as a JSON file for the agencies it is sent to.

Reached through `for_user` (another agency's id answers 404); assembling and signing go
through `monitoring` (`susun_arsip`, `tandatangani_arsip`).
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.teks import content_disposition
from sakip.organisasi.models import Instansi

from . import monitoring, services
from .forms_monitoring import ringkas
from .models import ArsipKinerja
from .views_umum import (
    GALAT_LAYANAN,
    instansi_dari,
    konteks_instansi,
    pesan_galat,
    semua_tahun,
    tahun_diminta,
)

# ---------------------------------------------------------------- year-end archive


def _tampil_arsip(isi: dict) -> dict:
    """The stored snapshot with its numbers written the Indonesian way, for the page."""

    def baris(b: dict) -> dict:
        return {**b, "realisasi": ringkas(b.get("realisasi"))}

    return {
        **isi,
        "indikator": [baris(b) for b in isi.get("indikator", [])],
        "pk": [{**p, "indikator": [baris(b) for b in p["indikator"]]} for p in isi.get("pk", [])],
    }


@login_required
def arsip(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The year's archive: a preview from today's data until assembled, then the stored
    snapshot — read-only once the head has signed it."""
    instansi = instansi_dari(request, instansi_id)
    tahun = tahun_diminta(request)
    tersimpan = (
        ArsipKinerja.objects.filter(instansi=instansi, tahun=tahun)
        .select_related("ditandatangani_oleh")
        .first()
    )
    isi = tersimpan.isi if tersimpan is not None else monitoring.isi_arsip(instansi, tahun)
    ditandatangani = tersimpan is not None and tersimpan.ditandatangani_pada is not None
    return render(
        request,
        "pengukuran/arsip_kinerja.html",
        konteks_instansi(
            instansi,
            tahun,
            semua_tahun=semua_tahun(instansi, tahun),
            arsip=tersimpan,
            isi=_tampil_arsip(isi),
            boleh_susun=not ditandatangani and services.boleh_memeriksa(request.user, instansi.pk),
            boleh_tandatangan=tersimpan is not None
            and not ditandatangani
            and monitoring.boleh_menandatangani(request.user, instansi.pk),
        ),
    )


@require_POST
@login_required
def arsip_susun(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = instansi_dari(request, instansi_id)
    tahun = tahun_diminta(request)
    try:
        monitoring.susun_arsip(aktor=request.user, instansi=instansi, tahun=tahun)
    except GALAT_LAYANAN as exc:
        messages.error(request, pesan_galat(exc))
    else:
        messages.success(request, _("Arsip data kinerja %(t)s disusun.") % {"t": tahun})
    return redirect(_ke_arsip(instansi, tahun))


def _ke_arsip(instansi: Instansi, tahun: int) -> str:
    return reverse("pengukuran:arsip", args=[instansi.pk]) + f"?tahun={tahun}"


@require_POST
@login_required
def arsip_tandatangan(request: HttpRequest, arsip_id: int) -> HttpResponse:
    a = get_for_user_or_404(
        ArsipKinerja.objects.select_related("instansi"), request.user, pk=arsip_id
    )
    try:
        monitoring.tandatangani_arsip(aktor=request.user, arsip=a)
    except GALAT_LAYANAN as exc:
        messages.error(request, pesan_galat(exc))
    else:
        messages.success(request, _("Arsip data kinerja %(t)s ditandatangani.") % {"t": a.tahun})
    return redirect(_ke_arsip(a.instansi, a.tahun))


@login_required
def arsip_json(request: HttpRequest, arsip_id: int) -> HttpResponse:
    """The stored snapshot as a file, for the agencies it is sent to (seed 001 step 13)."""
    a = get_for_user_or_404(
        ArsipKinerja.objects.select_related("instansi"), request.user, pk=arsip_id
    )
    isi = {
        **a.isi,
        "ditandatangani_pada": a.ditandatangani_pada.isoformat() if a.ditandatangani_pada else None,
    }
    respons = HttpResponse(
        json.dumps(isi, ensure_ascii=False, indent=2), content_type="application/json"
    )
    nama = f"arsip-kinerja-{a.instansi.kode_unit or a.instansi.pk}-{a.tahun}.json"
    respons["Content-Disposition"] = content_disposition(nama)
    return respons
