from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from sakip.audit.context import konteks_sekarang
from sakip.lib.akses import get_for_user_or_404

from . import services
from .forms import GantiSandiForm, MasukForm, TokenForm
from .models import TokenAPI


def _tujuan_aman(request: HttpRequest) -> str:
    tujuan = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(tujuan, {request.get_host()}, request.is_secure()):
        return tujuan
    return "/"


@sensitive_post_parameters("sandi")
@csrf_protect
@never_cache
def masuk(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("beranda")
    identitas = request.POST.get("identitas", "")
    ip = konteks_sekarang().ip
    diblokir = request.method == "POST" and services.masuk_diblokir(identitas, ip)
    form = MasukForm(request, data=request.POST or None, diblokir=diblokir)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.catat_percobaan_masuk(identitas=identitas, ip=ip, pegawai=form.user)
            login(request, form.user)
            return redirect(_tujuan_aman(request))
        if diblokir:
            status = 429
        else:
            services.catat_percobaan_masuk(identitas=identitas, ip=ip)
            status = 400
    return render(
        request,
        "akun/masuk.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def keluar(request: HttpRequest) -> HttpResponse:
    """Signing out is a POST (a link or a prefetch must not sign anyone out); a GET — a
    bookmarked or typed address — asks for confirmation with the same button."""
    if request.method == "GET":
        if not request.user.is_authenticated:
            return redirect("akun:masuk")
        return render(request, "akun/keluar.html")
    logout(request)
    messages.info(request, _("Anda telah keluar."))
    return redirect("akun:masuk")


@sensitive_post_parameters()
@login_required
def ganti_sandi(request: HttpRequest) -> HttpResponse:
    form = GantiSandiForm(request.user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.ganti_sandi(
            aktor=request.user, sandi_baru=form.cleaned_data["sandi_baru1"], request=request
        )
        messages.success(request, _("Kata sandi berhasil diganti."))
        return redirect("beranda")
    return render(request, "akun/ganti_sandi.html", {"form": form})


@login_required
def token_daftar(request: HttpRequest) -> HttpResponse:
    form = TokenForm(data=request.POST or None)
    token_baru = None
    if request.method == "POST" and form.is_valid():
        _obj, token_baru = services.buat_token(aktor=request.user, nama=form.cleaned_data["nama"])
        form = TokenForm()
    tokens = TokenAPI.objects.milik(request.user)
    return render(
        request,
        "akun/token.html",
        {"form": form, "tokens": tokens, "token_baru": token_baru},
    )


@require_POST
@login_required
def token_cabut(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_for_user_or_404(TokenAPI.objects.milik(request.user), request.user, pk=token_id)
    services.cabut_token(aktor=request.user, token=token)
    messages.success(request, _("Token “%(nama)s” telah dicabut.") % {"nama": token.nama})
    return redirect("akun:token")
