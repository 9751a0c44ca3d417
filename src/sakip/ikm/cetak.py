"""Printed IKM documents: the Standar Pelayanan (public), the QR-code poster of a service
and the blank paper questionnaire (staff).

The Standar Pelayanan follows the two groups of components of PermenPAN-RB 15/2014
(Pedoman Standar Pelayanan): those tied to delivering the service to the public and
those of managing it inside the organisation. The questionnaire carries the nine
elements of PermenPAN-RB 14/2017 exactly as the period asks them (`PeriodeSurvei.unsur`),
with the numbers 1–4 printed beside each answer so staff can type the paper in.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.dokumen.cetak import kop, pdf_dari_html, tanggal_panjang
from sakip.lib.akses import get_for_user_or_404
from sakip.lib.teks import content_disposition
from sakip.organisasi.models import Instansi
from sakip.organisasi.pemangku import penandatangan, tempat_ttd
from sakip.perencanaan.dokumen import ISIAN_KOSONG

from .models import Layanan, PeriodeSurvei, Responden, StandarPelayanan
from .qr import data_uri_qr

PDF = "application/pdf"
KELOMPOK = {
    "penyampaian": gettext_lazy(
        "Komponen Standar Pelayanan yang terkait dengan proses penyampaian pelayanan"
    ),
    "pengelolaan": gettext_lazy(
        "Komponen Standar Pelayanan yang terkait dengan proses pengelolaan pelayanan "
        "di internal organisasi"
    ),
}


# ---------------------------------------------------------------- addresses


def url_mutlak(path: str) -> str:
    """SITE_URL + path: what a printed QR code and its caption point to."""
    return settings.SITE_URL.rstrip("/") + path


def url_survei(layanan: Layanan) -> str:
    """The absolute address of a service's public survey form."""
    path = reverse("ikm_publik:formulir", args=[layanan.instansi.kode_unit, layanan.slug])
    return url_mutlak(path)


def url_pilih_layanan(instansi: Instansi) -> str:
    return url_mutlak(reverse("ikm_publik:pilih_layanan", args=[instansi.kode_unit]))


# ---------------------------------------------------------------- shared pieces


def _baris(teks: str) -> list[str]:
    """Free text → its non-empty lines (one requirement, step or item per line)."""
    return [b.strip() for b in (teks or "").splitlines() if b.strip()]


def komponen_standar(standar: StandarPelayanan) -> list[dict]:
    """The components in the regulation's two groups, numbered within each group."""
    hasil = []
    for kode, judul in KELOMPOK.items():
        isi = [
            {"field": field, "label": str(label), "baris": _baris(getattr(standar, field))}
            for field, label, kelompok in StandarPelayanan.KOMPONEN
            if kelompok == kode
        ]
        for no, k in enumerate(isi, start=1):
            k["no"] = no
        hasil.append({"kode": kode, "judul": str(judul), "komponen": isi})
    return hasil


def _nama_berkas(*bagian: str) -> str:
    return re.sub(r"[^\w.-]+", "_", " ".join(bagian)).strip("_") + ".pdf"


def _pdf(isi: bytes, nama: str) -> HttpResponse:
    respons = HttpResponse(isi, content_type=PDF)
    respons["Content-Disposition"] = content_disposition(nama, unduh=False)
    return respons


# ---------------------------------------------------------------- Standar Pelayanan


def standar_konteks(standar: StandarPelayanan) -> dict:
    layanan = standar.layanan
    instansi = layanan.instansi
    return {
        "kop": kop(instansi),
        "instansi": instansi,
        "layanan": layanan,
        "standar": standar,
        "kelompok": komponen_standar(standar),
        "tanggal_penetapan": tanggal_panjang(standar.tanggal_penetapan),
        "tempat_tanggal": f"{tempat_ttd(instansi)}, {tanggal_panjang(standar.tanggal_penetapan)}",
        # The definitive head sets the Standar Pelayanan (an acting one is not named).
        "kepala": penandatangan(instansi, plt=False, kosong=ISIAN_KOSONG).blok(),
    }


def standar_pdf(standar: StandarPelayanan) -> bytes:
    html = render_to_string("ikm/cetak_standar.html", standar_konteks(standar))
    return pdf_dari_html(html)


def unduh_standar(standar: StandarPelayanan) -> HttpResponse:
    layanan = standar.layanan
    nama = _nama_berkas("Standar Pelayanan", layanan.nama, layanan.instansi.nama)
    return _pdf(standar_pdf(standar), nama)


# ---------------------------------------------------------------- QR poster


def poster_konteks(layanan: Layanan) -> dict:
    url = url_survei(layanan)
    return {
        "kop": kop(layanan.instansi),
        "instansi": layanan.instansi,
        "layanan": layanan,
        "url": url,
        "url_tampil": url.removeprefix("https://").removeprefix("http://"),
        "qr": data_uri_qr(url),
    }


def poster_pdf(layanan: Layanan) -> bytes:
    return pdf_dari_html(render_to_string("ikm/cetak_poster.html", poster_konteks(layanan)))


# ---------------------------------------------------------------- paper questionnaire


def kuesioner_konteks(periode: PeriodeSurvei, layanan: Layanan | None = None) -> dict:
    instansi = periode.instansi
    url = url_survei(layanan) if layanan else url_pilih_layanan(instansi)
    daftar_layanan = [] if layanan else list(instansi.layanan.filter(aktif=True))
    return {
        "kop": kop(instansi),
        "instansi": instansi,
        "periode": periode,
        "layanan": layanan,
        "daftar_layanan": daftar_layanan,
        "unsur": [
            {**u, "no": no, "pilihan": list(enumerate(u.get("jawaban", []), start=1))}
            for no, u in enumerate(periode.unsur or [], start=1)
        ],
        "jenis_kelamin": Responden.JenisKelamin.choices,
        "pendidikan": Responden.Pendidikan.choices,
        "pekerjaan": Responden.Pekerjaan.choices,
        "url": url,
        "url_tampil": url.removeprefix("https://").removeprefix("http://"),
        "qr": data_uri_qr(url),
    }


def kuesioner_pdf(periode: PeriodeSurvei, layanan: Layanan | None = None) -> bytes:
    html = render_to_string("ikm/cetak_kuesioner.html", kuesioner_konteks(periode, layanan))
    return pdf_dari_html(html)


# ---------------------------------------------------------------- staff print views


@login_required
def poster(request: HttpRequest, layanan_id: int) -> HttpResponse:
    """The A4 poster of one service: letterhead, name, QR code to its survey form."""
    qs = Layanan.objects.select_related("instansi__pemda")
    layanan = get_for_user_or_404(qs, request.user, pk=layanan_id)
    nama = _nama_berkas("Poster SKM", layanan.nama, layanan.instansi.nama)
    return _pdf(poster_pdf(layanan), nama)


@login_required
def kuesioner(request: HttpRequest, periode_id: int) -> HttpResponse:
    """The blank questionnaire of a period (optionally for one service, ?layanan=<id>)."""
    qs = PeriodeSurvei.objects.select_related("instansi__pemda")
    periode = get_for_user_or_404(qs, request.user, pk=periode_id)
    layanan = None
    if pilihan := request.GET.get("layanan"):
        try:
            layanan = periode.instansi.layanan.get(pk=int(pilihan))
        except (ValueError, Layanan.DoesNotExist) as exc:
            raise Http404(_("Layanan tidak ditemukan.")) from exc
    nama = _nama_berkas(
        "Kuesioner SKM", periode.label, layanan.nama if layanan else "", periode.instansi.nama
    )
    return _pdf(kuesioner_pdf(periode, layanan), nama)
