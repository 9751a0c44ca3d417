from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404

from . import services
from .models import Notifikasi


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    halaman = Paginator(Notifikasi.objects.milik(request.user), 30).get_page(request.GET.get("hal"))
    return render(request, "notifikasi/daftar.html", {"halaman": halaman})


@require_POST
@login_required
def buka(request: HttpRequest, notifikasi_id: int) -> HttpResponse:
    n = get_for_user_or_404(Notifikasi.objects.milik(request.user), request.user, pk=notifikasi_id)
    services.tandai_dibaca(aktor=request.user, notifikasi=n)
    aman = url_has_allowed_host_and_scheme(n.tautan, {request.get_host()}, request.is_secure())
    return redirect(n.tautan if n.tautan and aman else "notifikasi:daftar")


@require_POST
@login_required
def baca_semua(request: HttpRequest) -> HttpResponse:
    services.tandai_dibaca(aktor=request.user)
    return redirect("notifikasi:daftar")
