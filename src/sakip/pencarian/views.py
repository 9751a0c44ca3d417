"""The search page: one query over runs, planning documents, reports, letters and IKM
periods, within what the user may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import cari as pencarian


@login_required
def cari(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    galat, kelompok = "", []
    try:
        kelompok = pencarian.cari(request.user, pencarian.kata_kunci(q))
    except ValidationError as exc:
        galat = " ".join(exc.messages)
    return render(
        request,
        "pencarian/hasil.html",
        {
            # A refused query is not echoed back whole (it may be megabytes or hold NUL).
            "q": "" if galat else q.strip(),
            "galat": galat,
            "kelompok": kelompok,
            "jumlah": sum(len(k.hasil) for k in kelompok),
            "batas": pencarian.BATAS,
            "panjang_maks": pencarian.PANJANG_MAKS,
        },
        status=400 if galat else 200,
    )
