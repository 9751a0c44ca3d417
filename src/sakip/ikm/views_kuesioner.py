"""Staff pages for paper questionnaires: the entry grid (one row per questionnaire, saved
together or not at all) and the Excel import with its template.

Rows are reached through `for_user` (another agency's id answers 404); every write goes
through `impor` (PermissionDenied there answers 403).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.lib.teks import content_disposition

from . import forms as f
from . import impor, rekap, services
from .hitung import KODE_UNSUR
from .models import Layanan, Responden
from .views import ke_periode, muat_periode, pesan_galat

BARIS_GRID = 10
BARIS_GRID_MAKS = 50


def _kosong(data: dict) -> bool:
    kolom = ["jenis_kelamin", "usia", "pendidikan", "pekerjaan", "saran", *KODE_UNSUR]
    return all(not str(data.get(k) or "").strip() for k in kolom)


def _baris_grid(post, jumlah: int) -> list[tuple[int, dict]]:
    hasil = []
    for i in range(1, jumlah + 1):
        data = {k: post.get(f"b-{i}-{k}", "").strip() for k in impor.KOLOM}
        data["waktu"] = data.pop("tanggal")
        data["token"] = post.get(f"b-{i}-token", "")
        hasil.append((i, data))
    return hasil


def _baris_kosong(jumlah: int, layanan_awal, tanggal_awal: str) -> list[tuple[int, dict]]:
    return [
        (i, {"layanan": layanan_awal, "waktu": tanggal_awal, "token": str(uuid.uuid4())})
        for i in range(1, jumlah + 1)
    ]


@login_required
def entri(request: HttpRequest, periode_id: int) -> HttpResponse:
    """The paper-entry grid: one row per questionnaire, saved together or not at all."""
    periode = muat_periode(request.user, periode_id)
    layanan = list(Layanan.objects.filter(instansi_id=periode.instansi_id, aktif=True))
    hari_ini = timezone.localdate()
    tanggal_awal = hari_ini.isoformat() if periode.mulai <= hari_ini <= periode.selesai else ""
    layanan_awal = request.GET.get("layanan") or (str(layanan[0].pk) if layanan else "")
    galat: dict[int, dict] = {}
    if request.method == "POST":
        jumlah = min(BARIS_GRID_MAKS, max(1, _int(request.POST.get("jumlah_baris"), BARIS_GRID)))
        baris = _baris_grid(request.POST, jumlah)
        isi = [(i, d) for i, d in baris if not _kosong(d)]
        try:
            tersimpan = impor.simpan_semua(
                aktor=request.user, periode=periode, baris=isi, sumber=Responden.Sumber.KERTAS
            )
        except impor.BarisTidakSah as exc:
            galat = exc.per_baris
            messages.error(
                request,
                _("Tidak ada yang disimpan: %(n)s baris perlu diperbaiki.") % {"n": len(galat)},
            )
        except ValidationError as exc:
            messages.error(request, pesan_galat(exc))
        else:
            messages.success(request, _("%(n)s kuesioner kertas disimpan.") % {"n": len(tersimpan)})
            lay = isi[-1][1].get("layanan") if isi else layanan_awal
            return redirect(reverse("ikm:entri", args=[periode.pk]) + f"?layanan={lay}")
    else:
        jumlah = min(BARIS_GRID_MAKS, max(1, _int(request.GET.get("baris"), BARIS_GRID)))
        baris = _baris_kosong(jumlah, layanan_awal, tanggal_awal)
    return render(
        request,
        "ikm/entri.html",
        {
            "periode": periode,
            "instansi": periode.instansi,
            "layanan_list": layanan,
            "baris": [_sel_grid(i, d, galat.get(i, {})) for i, d in baris],
            "jumlah_baris": jumlah,
            "kode_unsur": KODE_UNSUR,
            "nama_unsur": rekap.nama_unsur(periode),
            "pilihan_jk": Responden.JenisKelamin.choices,
            "pilihan_pendidikan": Responden.Pendidikan.choices,
            "pilihan_pekerjaan": Responden.Pekerjaan.choices,
            "boleh_ubah": services.boleh_ubah(request.user, periode.instansi_id),
        },
        status=400 if galat else 200,
    )


def _sel_grid(nomor: int, data: dict, galat: dict) -> dict:
    """One grid row for the template: its values, which fields are wrong, the messages."""
    return {
        "nomor": nomor,
        "data": {k: str(v if v is not None else "") for k, v in data.items()},
        "jawaban": [(kode, data.get(kode) or "", f"u{kode[1:]}" in galat) for kode in KODE_UNSUR],
        "salah": set(galat),
        "pesan": list(dict.fromkeys(galat.values())),
    }


def _int(teks, bawaan: int) -> int:
    try:
        return int(teks)
    except (TypeError, ValueError):
        return bawaan


@login_required
def impor_excel(request: HttpRequest, periode_id: int) -> HttpResponse:
    """Upload an Excel file of questionnaires: every row checked, all stored or none."""
    periode = muat_periode(request.user, periode_id)
    form = f.ImporForm(request.POST or None, request.FILES or None)
    galat: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            tersimpan = impor.impor_xlsx(
                aktor=request.user, periode=periode, berkas=form.cleaned_data["berkas"]
            )
        except ValidationError as exc:
            galat = exc.messages
        else:
            messages.success(request, _("%(n)s kuesioner diimpor.") % {"n": len(tersimpan)})
            return ke_periode(periode)
    return render(
        request,
        "ikm/impor.html",
        {"periode": periode, "instansi": periode.instansi, "form": form, "galat": galat},
        status=400 if galat else 200,
    )


@login_required
def impor_templat(request: HttpRequest, periode_id: int) -> HttpResponse:
    periode = muat_periode(request.user, periode_id)
    respons = HttpResponse(impor.templat_xlsx(periode), content_type=impor.XLSX)
    nama = f"kuesioner-skm-{periode.instansi.kode_unit}-{periode.tahun}-{periode.semester}.xlsx"
    respons["Content-Disposition"] = content_disposition(nama)
    return respons
