import time

from django.conf import settings
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

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.middleware_keamanan import ip_klien
from sakip.organisasi.models import Pegawai

from . import pembatas, services
from .forms import GantiSandiForm, KodeForm, MasukForm, TokenForm, pesan_diblokir
from .models import FaktorKedua, TokenAPI


def _tujuan_aman(request: HttpRequest) -> str:
    tujuan = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(tujuan, {request.get_host()}, request.is_secure()):
        return tujuan
    return "/"


# The session key holding a sign-in that passed the password and waits for its code.
LANGKAH_KODE = "akun_menunggu_kode"
UMUR_LANGKAH_KODE = 300  # seconds to type the code after the password


def _selesai_masuk(request: HttpRequest, pegawai, tujuan: str) -> HttpResponse:
    login(request, pegawai, backend=settings.AUTHENTICATION_BACKENDS[0])
    services.catat_masuk(pegawai=pegawai)
    return redirect(tujuan)


def _tertahan(response: HttpResponse, jatah) -> HttpResponse:
    if jatah is not None and not jatah.boleh:
        response.status_code = 429
        response["Retry-After"] = str(jatah.tunggu_detik)
    return response


@sensitive_post_parameters("sandi")
@csrf_protect
@never_cache
def masuk(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("beranda")
    form = MasukForm(request, data=request.POST or None, ip=ip_klien(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            assert form.user is not None and form.jatah is not None  # set by a valid form
            pembatas.berhasil(form.jatah)
            tujuan = _tujuan_aman(request)
            if services.faktor_kedua_aktif(form.user):
                request.session[LANGKAH_KODE] = {
                    "pk": form.user.pk,
                    "tujuan": tujuan,
                    "waktu": time.time(),
                }
                return redirect("akun:masuk_kode")
            return _selesai_masuk(request, form.user, tujuan)
        status = 400
    respons = render(
        request,
        "akun/masuk.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=status,
    )
    return _tertahan(respons, form.jatah)


def _menunggu_kode(request: HttpRequest) -> Pegawai | None:
    """Who passed the password a moment ago in this session and still owes the code."""
    data = request.session.get(LANGKAH_KODE) or {}
    if not data or time.time() - data.get("waktu", 0) > UMUR_LANGKAH_KODE:
        return None
    return Pegawai.objects.filter(pk=data.get("pk"), is_active=True).first()


@sensitive_post_parameters("kode")
@csrf_protect
@never_cache
def masuk_kode(request: HttpRequest) -> HttpResponse:
    """Step 2 of signing in for those with a second factor: the 6-digit code."""
    if request.user.is_authenticated:
        return redirect("beranda")
    pegawai = _menunggu_kode(request)
    if pegawai is None:
        request.session.pop(LANGKAH_KODE, None)
        if request.method == "POST":
            messages.error(request, _("Waktu memasukkan kode habis. Masuk lagi dengan kata sandi."))
        return redirect("akun:masuk")
    form = KodeForm(data=request.POST or None)
    jatah = None
    status = 200
    if request.method == "POST" and form.is_valid():
        # The same throttle as the password, under a key of its own per account.
        jatah = pembatas.ambil_jatah(f"#kode:{pegawai.pk}", ip_klien(request))
        if not jatah.boleh:
            form.add_error(None, pesan_diblokir(jatah))
        elif services.periksa_kode(pegawai=pegawai, kode=form.cleaned_data["kode"]):
            pembatas.berhasil(jatah)
            tujuan = request.session.pop(LANGKAH_KODE)["tujuan"]
            return _selesai_masuk(request, pegawai, tujuan)
        else:
            form.add_error("kode", _("Kode salah atau sudah dipakai. Coba kode berikutnya."))
        status = 400
    elif request.method == "POST":
        status = 400
    respons = render(request, "akun/masuk_kode.html", {"form": form}, status=status)
    return _tertahan(respons, jatah)


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


@login_required
def faktor_kedua(request: HttpRequest) -> HttpResponse:
    """The user's own second factor: start, confirm with a first code, see its state."""
    pegawai = request.user
    assert isinstance(pegawai, Pegawai)  # login_required
    konteks: dict = {"boleh": services.boleh_faktor_kedua(pegawai)}
    faktor = FaktorKedua.objects.filter(pegawai=pegawai).first()
    form = KodeForm(data=request.POST if request.POST.get("aksi") == "konfirmasi" else None)
    if request.method == "POST":
        if request.POST.get("aksi") == "mulai":
            services.mulai_faktor_kedua(aktor=pegawai)
            return redirect("akun:faktor_kedua")
        if faktor is None or faktor.aktif:
            return redirect("akun:faktor_kedua")
        if form.is_valid():
            kode = services.konfirmasi_faktor_kedua(aktor=pegawai, kode=form.cleaned_data["kode"])
            if kode is not None:
                # Shown this once: only their hashes are kept.
                return render(request, "akun/faktor_kedua_kode.html", {"kode_pemulihan": kode})
            form.add_error("kode", _("Kode tidak cocok. Periksa jam ponsel lalu coba lagi."))
    if faktor is not None and not faktor.aktif:
        uri = services.uri_totp(faktor)
        konteks.update(qr=services.svg_qr(uri))
        konteks.update(rahasia=faktor.rahasia)
    konteks.update(
        faktor=faktor,
        form=form,
        sisa_kode=services.sisa_kode_pemulihan(pegawai) if faktor and faktor.aktif else 0,
    )
    return render(request, "akun/faktor_kedua.html", konteks)


@login_required
def faktor_kedua_atur_ulang(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    """An administrator removes a user's second factor (lost phone): asked, then done."""
    pegawai = get_for_user_or_404(Pegawai, request.user, pk=pegawai_id)
    if request.method == "POST":
        services.atur_ulang_faktor_kedua(aktor=request.user, pegawai=pegawai)
        messages.success(
            request,
            _("Verifikasi dua langkah %(nama)s telah diatur ulang.") % {"nama": pegawai.nama},
        )
        return redirect("organisasi:pegawai_detail", pegawai.pk)
    return render(
        request,
        "akun/faktor_kedua_atur_ulang.html",
        {"pegawai": pegawai, "aktif": services.faktor_kedua_aktif(pegawai)},
    )
