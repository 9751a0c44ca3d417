"""The pages that compose several apps: the home page and the inbox.

Each app answers its own question — organisasi who the user is and which agencies they
see, sop which tasks wait for them, surat which letters are disposed to them — and these
views only put the answers on one page. That is why they live above every app.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sakip.organisasi.access import peran_pemda
from sakip.organisasi.models import Instansi, Pegawai
from sakip.sop import services as sop_services
from sakip.surat.services import disposisi_untuk


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    user = cast(Pegawai, request.user)  # login_required: never anonymous here
    instansi_list = None
    if peran_pemda(user):
        instansi_list = Instansi.objects.for_user(user).annotate(
            jumlah_pegawai=Count("pegawai", filter=Q(pegawai__is_active=True), distinct=True)
        )
    return render(
        request,
        "portal/beranda.html",
        {
            "instansi": user.instansi,
            "jabatan_aktif": user.jabatan_aktif(),
            "instansi_list": instansi_list,
        },
    )


@login_required
def kotak_tugas(request: HttpRequest) -> HttpResponse:
    """The inbox: the SOP tasks the user acts on, then the letters disposed to them."""
    sekarang = timezone.now()
    qs = sop_services.kotak_tugas(request.user).select_related(
        "pelaksanaan__sop",
        "jabatan",
        "diklaim_oleh",
        "instansi",
        "dikembalikan_dari__selesai_oleh",
    )
    kondisi = request.GET.get("kondisi", "")
    if kondisi == "terlambat":
        qs = qs.filter(tenggat__lt=sekarang)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(pelaksanaan__judul__icontains=q) | Q(kegiatan__icontains=q))
    qs = qs.order_by("tenggat", "id")
    baris = [{"tugas": t, "kondisi": t.kondisi_tenggat(sekarang)} for t in qs[:200]]
    if kondisi == "segera":
        baris = [b for b in baris if b["kondisi"] == "segera"]
    return render(
        request,
        "portal/kotak_tugas.html",
        {
            "baris": baris,
            "kondisi": kondisi,
            "q": q,
            "disposisi_terbuka": list(disposisi_untuk(request.user)[:100]),
        },
    )
