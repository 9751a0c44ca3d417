"""The public side of the IKM survey and the Standar Pelayanan: no sign-in.

Public by design (the root urls.py says so): these views show only what an agency
publishes — its active services, their Standar Pelayanan once set, and the survey form
while a period is open — and reach the models directly, since there is no user to scope
by. They never show anything else of the agency.

Spam protection needs no third party (PermenPAN-RB 14/2017 asks for honest answers, not
for accounts): a honeypot field, a signed render time (a form sent within seconds of
being drawn was not read), a one-time token per form (a double submit stores one
questionnaire) and a per-sender hourly limit keyed on an HMAC of the address, so the
address itself is never stored.
"""

from __future__ import annotations

import datetime
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from sakip.audit.context import KonteksPermintaan, konteks_sekarang, lepas_konteks, pasang_konteks
from sakip.dokumen.cetak import tanggal_panjang
from sakip.lib.klien import sidik_jaringan
from sakip.lib.middleware_keamanan import ip_klien
from sakip.organisasi.models import Instansi

from . import cetak
from .models import Layanan, PeriodeSurvei, Responden, StandarPelayanan
from .responden import USIA_MAKS, USIA_MIN, catat_responden

BATAS_PER_JAM = 5
WAKTU_ISI_MIN = 3  # seconds: nobody reads nine questions faster
UMUR_TIKET = 12 * 3600  # a form left open over lunch still sends
GARAM_TIKET = "sakip.ikm.publik.tiket"
GARAM_SIDIK = "sakip.ikm.publik.sidik"
RUANG_KUNCI = 0x1C3  # the advisory-lock namespace of the survey's per-sender limit
UMPAN = "situs_web"  # the honeypot: a field bots love to fill
PROFIL = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan")


# ---------------------------------------------------------------- what is published


def instansi_publik(kode_unit: str) -> Instansi:
    """The agency of a public address; 404 when unknown (or, across Pemda, ambiguous)."""
    daftar = list(
        Instansi.objects.select_related("pemda").filter(kode_unit__iexact=kode_unit.strip())[:2]
    )
    if len(daftar) != 1:
        raise Http404(_("Instansi tidak ditemukan."))
    return daftar[0]


def layanan_publik(instansi: Instansi, slug: str) -> Layanan:
    try:
        layanan = instansi.layanan.get(slug=slug, aktif=True)
    except Layanan.DoesNotExist as exc:
        raise Http404(_("Layanan tidak ditemukan.")) from exc
    layanan.instansi = instansi
    return layanan


def periode_terbuka(instansi: Instansi, hari: datetime.date | None = None) -> PeriodeSurvei | None:
    """The agency's period taking online answers today: opened, and today in its dates."""
    hari = hari or timezone.localdate()
    return (
        PeriodeSurvei.objects.filter(
            instansi=instansi,
            status=PeriodeSurvei.Status.DIBUKA,
            mulai__lte=hari,
            selesai__gte=hari,
        )
        .order_by("-mulai", "-pk")
        .first()
    )


def _periode_berikut(instansi: Instansi) -> PeriodeSurvei | None:
    return (
        PeriodeSurvei.objects.filter(
            instansi=instansi,
            status=PeriodeSurvei.Status.DIBUKA,
            mulai__gt=timezone.localdate(),
        )
        .order_by("mulai")
        .first()
    )


def _standar_ditetapkan(layanan: Layanan) -> StandarPelayanan | None:
    try:
        standar = layanan.standar
    except StandarPelayanan.DoesNotExist:
        return None
    return standar if standar.ditetapkan else None


# ---------------------------------------------------------------- spam protection


@dataclass(frozen=True)
class Tiket:
    """What the form carries back, signed: its one-time token and when it was drawn."""

    token: uuid.UUID
    dibuat: float


def buat_tiket(periode: PeriodeSurvei, layanan: Layanan, token: uuid.UUID | None = None) -> str:
    isi = {
        "t": (token or uuid.uuid4()).hex,
        "w": round(time.time(), 3),
        "p": periode.pk,
        "l": layanan.pk,
    }
    return signing.dumps(isi, salt=GARAM_TIKET, compress=True)


def baca_tiket(teks: str, periode: PeriodeSurvei, layanan: Layanan) -> Tiket | None:
    """The ticket of this form (period and service), or None if forged, stale or foreign."""
    try:
        isi = signing.loads(teks or "", salt=GARAM_TIKET, max_age=UMUR_TIKET)
        if isi["p"] != periode.pk or isi["l"] != layanan.pk:
            return None
        return Tiket(uuid.UUID(isi["t"]), float(isi["w"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def alamat_klien(request: HttpRequest) -> str:
    """The sender's address, read by the one helper (trusted proxies only)."""
    return ip_klien(request) or ""


def sidik_pengirim(alamat: str) -> str:
    """A keyed hash (HMAC with SECRET_KEY) of the sender's network; never the address.

    IPv6 is taken per /64 (`sakip.lib.klien`).
    """
    return sidik_jaringan(alamat, GARAM_SIDIK)


def batas_per_jam() -> int:
    return int(getattr(settings, "IKM_BATAS_PER_JAM", BATAS_PER_JAM))


def melebihi_batas(sidik: str) -> bool:
    """Has this sender already stored the hourly maximum of questionnaires?"""
    sejam = timezone.now() - datetime.timedelta(hours=1)
    terkirim = Responden.objects.filter(sidik=sidik, dicatat_pada__gte=sejam).count()
    return terkirim >= batas_per_jam()


class _BatasTercapai(Exception):
    """The sender has stored the hour's maximum; nothing is written."""


def kunci_pengirim(sidik: str) -> None:
    """Serialise one sender's submissions until the transaction ends.

    PostgreSQL: a transaction-scoped advisory lock on the sender's hash (no row to lock:
    the limit counts rows not yet inserted). SQLite takes one writer at a time anyway.
    """
    if connection.vendor != "postgresql":
        return
    kunci = int(sidik[:8], 16) % 2**31  # 31 bits of the HMAC: an int4 key
    with connection.cursor() as kursor:
        kursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [RUANG_KUNCI, kunci])


@contextmanager
def tanpa_alamat():
    """Write the audit record of a public answer without the sender's address."""
    kini = konteks_sekarang()
    token = pasang_konteks(KonteksPermintaan(kini.request_id, None))
    try:
        yield
    finally:
        lepas_konteks(token)


# ---------------------------------------------------------------- the form


def _pilihan(choices, terpilih) -> list[dict]:
    return [{"nilai": k, "label": str(v), "dipilih": str(terpilih) == k} for k, v in choices]


def _konteks_formulir(
    instansi: Instansi,
    layanan: Layanan,
    periode: PeriodeSurvei,
    tiket: str,
    data: dict | None = None,
    galat: dict | None = None,
    pesan: str = "",
) -> dict:
    data, galat = data or {}, galat or {}
    profil = [
        {
            "nama": nama,
            "label": str(Responden._meta.get_field(nama).verbose_name).capitalize(),
            "pilihan": _pilihan(choices, data.get(nama)),
            "galat": galat.get(nama, ""),
        }
        for nama, choices in (
            ("jenis_kelamin", Responden.JenisKelamin.choices),
            ("pendidikan", Responden.Pendidikan.choices),
            ("pekerjaan", Responden.Pekerjaan.choices),
        )
    ]
    pertanyaan = []
    for no, u in enumerate(periode.unsur or [], start=1):
        nama = str(u.get("kode", f"U{no}")).lower()
        pilihan = [
            {"nilai": str(n), "label": label, "dipilih": str(data.get(nama)) == str(n)}
            for n, label in enumerate(u.get("jawaban", []), start=1)
        ]
        pertanyaan.append(
            {
                "no": no,
                "nama": nama,
                "unsur": u.get("nama", ""),
                "pertanyaan": u.get("pertanyaan", ""),
                "pilihan": pilihan,
                "galat": galat.get(nama, ""),
            }
        )
    ringkasan = _ringkasan_galat(galat, profil, pertanyaan)
    return {
        "instansi": instansi,
        "layanan": layanan,
        "periode": periode,
        "tiket": tiket,
        "umpan": UMPAN,
        "profil_jk": profil[0],
        "profil_lain": profil[1:],
        "usia": {"nilai": data.get("usia", ""), "galat": galat.get("usia", "")},
        "usia_min": USIA_MIN,
        "usia_maks": USIA_MAKS,
        "saran": {"nilai": data.get("saran", ""), "galat": galat.get("saran", "")},
        "pertanyaan": pertanyaan,
        "ringkasan_galat": ringkasan,
        "pesan": pesan,
        "standar": _standar_ditetapkan(layanan),
    }


def _ringkasan_galat(galat: dict, profil: list[dict], pertanyaan: list[dict]) -> list[dict]:
    """The error summary at the top: each message links to its field, in page order."""
    urutan = ["jenis_kelamin", "usia", "pendidikan", "pekerjaan"]
    urutan += [p["nama"] for p in pertanyaan] + ["saran"]
    radio = {p["nama"] for p in profil} | {p["nama"] for p in pertanyaan}
    hasil = []
    for nama in urutan:
        if nama in galat:
            tujuan = f"isian-{nama}-1" if nama in radio else f"isian-{nama}"
            hasil.append({"tujuan": tujuan, "pesan": galat[nama]})
    hasil += [
        {"tujuan": "", "pesan": pesan}
        for nama, pesan in galat.items()
        if nama not in urutan and nama != "periode"
    ]
    return hasil


def _data_kiriman(request: HttpRequest) -> dict:
    kunci = [*PROFIL, *(f"u{i}" for i in range(1, 10)), "saran"]
    return {k: request.POST.get(k, "").strip() for k in kunci}


def _belum_dibuka(request: HttpRequest, instansi: Instansi, layanan: Layanan | None = None):
    return render(
        request,
        "ikm/publik_belum_dibuka.html",
        {"instansi": instansi, "layanan": layanan, "berikut": _periode_berikut(instansi)},
    )


def _ke_terima_kasih(instansi: Instansi):
    url = reverse("ikm_publik:terima_kasih") + "?" + urlencode({"instansi": instansi.kode_unit})
    return redirect(url)


@require_GET
def pilih_layanan(request: HttpRequest, kode_unit: str) -> HttpResponse:
    """/survei/<kode_unit>/: the agency's services to choose from (straight on with one)."""
    instansi = instansi_publik(kode_unit)
    daftar = list(instansi.layanan.filter(aktif=True).order_by("urutan", "nama"))
    if not daftar:
        raise Http404(_("Instansi ini belum membuka layanan untuk disurvei."))
    if periode_terbuka(instansi) is None:
        return _belum_dibuka(request, instansi)
    if len(daftar) == 1:
        return redirect("ikm_publik:formulir", kode_unit=instansi.kode_unit, slug=daftar[0].slug)
    return render(
        request, "ikm/publik_pilih_layanan.html", {"instansi": instansi, "daftar": daftar}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def formulir(request: HttpRequest, kode_unit: str, slug: str) -> HttpResponse:
    """/survei/<kode_unit>/<slug>/: the questionnaire of one service (POST-redirect-GET)."""
    instansi = instansi_publik(kode_unit)
    layanan = layanan_publik(instansi, slug)
    periode = periode_terbuka(instansi)
    if periode is None:
        return _belum_dibuka(request, instansi, layanan)
    if request.method == "POST":
        return _terima_kiriman(request, instansi, layanan, periode)
    konteks = _konteks_formulir(instansi, layanan, periode, buat_tiket(periode, layanan))
    return render(request, "ikm/publik_formulir.html", konteks)


def _terima_kiriman(request, instansi, layanan, periode) -> HttpResponse:
    data = _data_kiriman(request)

    def ulang(pesan: str = "", galat: dict | None = None, tiket: str = "", status: int = 200):
        tiket = tiket or buat_tiket(periode, layanan)
        konteks = _konteks_formulir(instansi, layanan, periode, tiket, data, galat, pesan)
        return render(request, "ikm/publik_formulir.html", konteks, status=status)

    if request.POST.get(UMPAN):
        return _ke_terima_kasih(instansi)  # a bot: let it believe it succeeded
    tiket = baca_tiket(request.POST.get("tiket", ""), periode, layanan)
    if tiket is None:
        return ulang(
            _(
                "Formulir ini sudah terlalu lama dibuka atau tidak dikenali. Jawaban Anda "
                "masih ada: periksa kembali, lalu tekan Kirim."
            ),
            status=400,
        )
    if time.time() - tiket.dibuat < WAKTU_ISI_MIN:
        return ulang(
            _(
                "Jawaban terkirim terlalu cepat. Mohon periksa kembali jawaban Anda, lalu "
                "tekan Kirim sekali lagi."
            ),
            tiket=buat_tiket(periode, layanan, tiket.token),
        )
    if Responden.objects.filter(token=tiket.token).exists():
        return _ke_terima_kasih(instansi)  # the same form sent twice: stored once already
    sidik = sidik_pengirim(alamat_klien(request))
    try:
        # The count and the insert under one per-sender lock: fifty parallel posts from one
        # address store at most the limit (counted, then inserted, one sender at a time).
        with transaction.atomic():
            kunci_pengirim(sidik)
            if melebihi_batas(sidik):
                raise _BatasTercapai
            with tanpa_alamat():
                catat_responden(
                    periode=periode,
                    layanan=layanan,
                    data=data,
                    sumber=Responden.Sumber.DARING,
                    sidik=sidik,
                    token=tiket.token,
                )
    except _BatasTercapai:
        return render(
            request,
            "ikm/publik_batas.html",
            {"instansi": instansi, "layanan": layanan, "batas": batas_per_jam()},
            status=429,
        )
    except ValidationError as exc:
        galat = {k: " ".join(v) for k, v in exc.message_dict.items()}
        if "periode" in galat:
            return _belum_dibuka(request, instansi, layanan)
        pesan = _("Ada jawaban yang perlu dilengkapi atau diperbaiki.")
        return ulang(pesan, galat, tiket=request.POST.get("tiket", ""))
    return _ke_terima_kasih(instansi)


@require_GET
def terima_kasih(request: HttpRequest) -> HttpResponse:
    instansi = None
    if kode := request.GET.get("instansi", ""):
        try:
            instansi = instansi_publik(kode)
        except Http404:
            instansi = None
    return render(request, "ikm/publik_terima_kasih.html", {"instansi": instansi})


# ---------------------------------------------------------------- Standar Pelayanan


@require_GET
def standar_daftar(request: HttpRequest, kode_unit: str) -> HttpResponse:
    """/standar-pelayanan/<kode_unit>/: the agency's services whose standard is set."""
    instansi = instansi_publik(kode_unit)
    daftar = (
        instansi.layanan.filter(aktif=True, standar__tanggal_penetapan__isnull=False)
        .select_related("standar")
        .order_by("urutan", "nama")
    )
    konteks = {
        "instansi": instansi,
        "daftar": list(daftar),
        "survei_dibuka": periode_terbuka(instansi) is not None,
    }
    return render(request, "ikm/publik_standar_daftar.html", konteks)


def _standar(kode_unit: str, slug: str) -> StandarPelayanan:
    instansi = instansi_publik(kode_unit)
    layanan = layanan_publik(instansi, slug)
    standar = _standar_ditetapkan(layanan)
    if standar is None:
        raise Http404(_("Standar pelayanan layanan ini belum ditetapkan."))
    standar.layanan = layanan
    return standar


@require_GET
def standar(request: HttpRequest, kode_unit: str, slug: str) -> HttpResponse:
    s = _standar(kode_unit, slug)
    konteks = {
        "instansi": s.layanan.instansi,
        "layanan": s.layanan,
        "standar": s,
        "kelompok": cetak.komponen_standar(s),
        "tanggal_penetapan": tanggal_panjang(s.tanggal_penetapan),
        "survei_dibuka": periode_terbuka(s.layanan.instansi) is not None,
    }
    return render(request, "ikm/publik_standar.html", konteks)


@require_GET
def standar_pdf(request: HttpRequest, kode_unit: str, slug: str) -> HttpResponse:
    return cetak.unduh_standar(_standar(kode_unit, slug))
