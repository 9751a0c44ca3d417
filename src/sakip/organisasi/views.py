from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sakip.audit.models import CatatanAudit
from sakip.lib.akses import get_for_user_or_404
from sakip.lib.htmx import is_htmx

from .access import boleh_lihat_riwayat_instansi
from .models import Instansi, Jabatan, Pegawai, PemetaanPelaksana


@dataclass
class Simpul:
    """A node of the organisation chart."""

    jabatan: Jabatan
    anak: list[Simpul] = field(default_factory=list)


def susun_bagan(jabatan_list: list[Jabatan]) -> list[Simpul]:
    """The position tree of one agency; positions whose superior is elsewhere are roots."""
    simpul = {j.pk: Simpul(j) for j in jabatan_list}
    akar: list[Simpul] = []
    for j in jabatan_list:
        induk = simpul.get(j.atasan_id) if j.atasan_id else None
        (induk.anak if induk else akar).append(simpul[j.pk])
    return akar


@login_required
def instansi_daftar(request: HttpRequest) -> HttpResponse:
    instansi_list = (
        Instansi.objects.for_user(request.user)
        .select_related("pemda")
        .annotate(
            jumlah_pegawai=Count("pegawai", filter=Q(pegawai__is_active=True), distinct=True),
            jumlah_jabatan=Count("jabatan", distinct=True),
        )
    )
    return render(request, "organisasi/instansi_daftar.html", {"instansi_list": instansi_list})


@login_required
def instansi_detail(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = get_for_user_or_404(
        Instansi.objects.select_related("pemda"), request.user, pk=instansi_id
    )
    jabatan_list = list(
        Jabatan.objects.for_user(request.user).filter(instansi=instansi).with_pemangku()
    )
    pemetaan = PemetaanPelaksana.objects.for_user(request.user).filter(instansi=instansi)
    return render(
        request,
        "organisasi/instansi_detail.html",
        {
            "instansi": instansi,
            "bagan": susun_bagan(jabatan_list),
            "pemetaan": pemetaan.select_related("jabatan"),
            "boleh_riwayat": boleh_lihat_riwayat_instansi(request.user, instansi),
        },
    )


@login_required
def pegawai_daftar(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    q = request.GET.get("q", "").strip()
    pegawai = (
        Pegawai.objects.for_user(request.user)
        .filter(instansi=instansi, is_active=True)
        .select_related("jabatan")
    )
    if q:
        pegawai = pegawai.filter(
            Q(nama__icontains=q)
            | Q(nip__contains=q.replace(" ", ""))
            | Q(jabatan__nama__icontains=q)
        )
    halaman = Paginator(pegawai, 50).get_page(request.GET.get("hal"))
    template = (
        "organisasi/_pegawai_tabel.html" if is_htmx(request) else "organisasi/pegawai_daftar.html"
    )
    return render(request, template, {"instansi": instansi, "halaman": halaman, "q": q})


@login_required
def pegawai_detail(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    pegawai = get_for_user_or_404(
        Pegawai.objects.select_related("instansi", "jabatan__atasan", "pemda"),
        request.user,
        pk=pegawai_id,
    )
    return render(
        request,
        "organisasi/pegawai_detail.html",
        {"pegawai": pegawai, "jabatan_aktif": pegawai.jabatan_aktif()},
    )


@login_required
def jabatan_detail(request: HttpRequest, jabatan_id: int) -> HttpResponse:
    jabatan = get_for_user_or_404(
        Jabatan.objects.select_related("instansi", "atasan").with_pemangku(),
        request.user,
        pk=jabatan_id,
    )
    bawahan = Jabatan.objects.for_user(request.user).filter(atasan=jabatan).with_pemangku()
    riwayat_plt = jabatan.pelaksana_tugas.select_related("pegawai")
    return render(
        request,
        "organisasi/jabatan_detail.html",
        {"jabatan": jabatan, "bawahan": bawahan, "riwayat_plt": riwayat_plt},
    )


@login_required
def instansi_riwayat(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    if not boleh_lihat_riwayat_instansi(request.user, instansi):
        raise PermissionDenied(_("Riwayat instansi hanya untuk kepala dan sekretaris."))
    catatan = (
        CatatanAudit.objects.for_user(request.user)
        .filter(instansi_id=instansi.pk)
        .select_related("content_type")
    )
    halaman = Paginator(catatan, 50).get_page(request.GET.get("hal"))
    return render(
        request, "organisasi/instansi_riwayat.html", {"instansi": instansi, "halaman": halaman}
    )
