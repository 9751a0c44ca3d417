"""Monitoring pages (seed 001): the monthly control card, the quarterly evaluation with its
recommendations, PK monitoring of eselon III/IV, and the year-end archive.

Every object is reached through `for_user` (another agency's id answers 404); every write
is one call to `monitoring`, which refuses evaluators and the wrong positions; its refusal
comes back to the page as a message.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.organisasi.models import Instansi
from sakip.perencanaan.models import DokumenAnggaran
from sakip.sop import engine
from sakip.sop.models import Pelaksanaan

from . import ekspor_monitoring, monitoring, services, sop_monitoring
from .forms_monitoring import KartuForm, RekomendasiForm, ringkas
from .models import ArsipKinerja, EvaluasiTriwulan, KartuKendali, Rekomendasi
from .services import nama_bulan

GALAT = (ValidationError, PermissionDenied, engine.KesalahanAlur)


def _pesan(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("Anda tidak berwenang melakukan ini.")


def _angka_get(request: HttpRequest, nama: str, bawaan: int, batas: tuple[int, int]) -> int:
    try:
        nilai = int(request.GET.get(nama) or request.POST.get(nama) or bawaan)
    except ValueError:
        return bawaan
    return nilai if batas[0] <= nilai <= batas[1] else bawaan


def _tahun(request: HttpRequest) -> int:
    return _angka_get(request, "tahun", timezone.localdate().year, (2000, 2100))


def _semua_tahun(instansi: Instansi, tahun: int) -> list[int]:
    dpa = DokumenAnggaran.objects.filter(instansi=instansi, jenis=DokumenAnggaran.Jenis.DPA)
    return sorted(set(dpa.values_list("tahun", flat=True)) | {tahun, timezone.localdate().year})


def _instansi(request: HttpRequest, instansi_id: int) -> Instansi:
    return get_for_user_or_404(
        Instansi.objects.select_related("pemda"), request.user, pk=instansi_id
    )


def _konteks(instansi: Instansi, tahun: int, **lain) -> dict:
    return {"instansi": instansi, "tahun": tahun, **lain}


# ---------------------------------------------------------------- overview


@login_required
def ikhtisar(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The year's monitoring at a glance: twelve cards, four evaluations, open recommendations."""
    instansi = _instansi(request, instansi_id)
    tahun = _tahun(request)
    kartu = {k.bulan: k for k in KartuKendali.objects.filter(instansi=instansi, tahun=tahun)}
    evaluasi = {
        e.triwulan: e for e in EvaluasiTriwulan.objects.filter(instansi=instansi, tahun=tahun)
    }
    hari_ini = timezone.localdate()
    terbuka = Rekomendasi.objects.filter(instansi=instansi).exclude(
        status=Rekomendasi.Status.SELESAI
    )
    return render(
        request,
        "pengukuran/monitoring_indeks.html",
        _konteks(
            instansi,
            tahun,
            semua_tahun=_semua_tahun(instansi, tahun),
            bulan=[
                {
                    "bulan": b,
                    "nama": nama_bulan(tahun, b),
                    "kartu": kartu.get(b),
                    "sudah_tiba": (tahun, b) <= (hari_ini.year, hari_ini.month),
                }
                for b in range(1, 13)
            ],
            triwulan=[
                {
                    "tw": tw,
                    "nama": monitoring.label_triwulan(tahun, tw),
                    "evaluasi": evaluasi.get(tw),
                }
                for tw in range(1, 5)
            ],
            rekomendasi_terbuka=terbuka.count(),
            arsip=ArsipKinerja.objects.filter(instansi=instansi, tahun=tahun).first(),
            boleh_mengisi=monitoring.boleh_mengisi(request.user, instansi.pk),
            ada_dpa=DokumenAnggaran.objects.filter(
                instansi=instansi, tahun=tahun, jenis=DokumenAnggaran.Jenis.DPA
            ).exists(),
        ),
    )


# ---------------------------------------------------------------- control card


@login_required
def kartu_kendali(request: HttpRequest, kartu_id: int) -> HttpResponse:
    """The month's control card: recommendations under watch first, then the rows."""
    kartu = get_for_user_or_404(
        KartuKendali.objects.select_related("instansi__pemda"), request.user, pk=kartu_id
    )
    susunan, total = monitoring.susunan_kartu(kartu)
    form = KartuForm(
        request.POST or None, kartu=kartu, baris=[b.baris for b in susunan if b.baris is not None]
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                n = monitoring.isi_kartu(
                    aktor=request.user,
                    kartu=kartu,
                    isian=form.isian(),
                    catatan=form.cleaned_data["catatan"],
                )
            except GALAT as exc:
                messages.error(request, _pesan(exc))
            else:
                messages.success(request, _("Kartu kendali tersimpan (%(n)s baris).") % {"n": n})
            return redirect("pengukuran:kartu_kendali", kartu_id=kartu.pk)
        messages.error(request, _("Tidak ada yang disimpan: perbaiki isian yang ditandai."))
    boleh_isi = monitoring.boleh_mengisi(request.user, kartu.instansi_id, kartu)
    boleh = kartu.status == KartuKendali.Status.DRAF and boleh_isi
    runs = list(sop_monitoring.pelaksanaan_kartu(kartu))
    return render(
        request,
        "pengukuran/monitoring_kartu.html",
        _konteks(
            kartu.instansi,
            kartu.tahun,
            kartu=kartu,
            judul_bulan=nama_bulan(kartu.tahun, kartu.bulan),
            baris=[(b, form.bidang(b.baris) if boleh and b.baris else None) for b in susunan],
            total=total,
            form=form,
            boleh_mengisi=boleh,
            rekomendasi=monitoring.rekomendasi_kartu(kartu),
            pelaksanaan=runs,
            jejak_ttd=_jejak_tanda_tangan(runs),
            boleh_mulai_sop=boleh and not any(not p.selesai for p in runs),
        ),
    )


def _jejak_tanda_tangan(runs: list[Pelaksanaan]) -> list[dict]:
    """Who initialled and who signed the card, read from its runs' logs (newest run)."""
    from sakip.sop.models import Peristiwa

    for p in runs:
        tindakan = {lg["no"]: lg.get("tindakan") for lg in p.versi.langkah if lg.get("tindakan")}
        jejak = [
            {
                "tindakan": _("Paraf") if tindakan[e.langkah_no] == "paraf" else _("Tanda tangan"),
                "nama": e.aktor_nama,
                "waktu": e.waktu,
            }
            for e in p.peristiwa.filter(
                jenis__in=[Peristiwa.Jenis.SELESAI, Peristiwa.Jenis.SETUJU],
                langkah_no__in=list(tindakan),
            ).order_by("waktu", "id")
        ]
        if jejak:
            return jejak
    return []


@require_POST
@login_required
def kartu_kendali_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = _instansi(request, instansi_id)
    tahun, bulan = _tahun(request), _angka_get(request, "bulan", 0, (1, 12))
    if not bulan:
        messages.error(request, _("Pilih bulan kartu kendali."))
        return redirect(_ke_monitoring(instansi, tahun))
    try:
        kartu = monitoring.buat_kartu(
            aktor=request.user, instansi=instansi, tahun=tahun, bulan=bulan
        )
    except GALAT as exc:
        messages.error(request, _pesan(exc))
        return redirect(_ke_monitoring(instansi, tahun))
    return redirect("pengukuran:kartu_kendali", kartu_id=kartu.pk)


def _ke_monitoring(instansi: Instansi, tahun: int) -> str:
    return reverse("pengukuran:monitoring", args=[instansi.pk]) + f"?tahun={tahun}"


@require_POST
@login_required
def kartu_kendali_sop(request: HttpRequest, kartu_id: int) -> HttpResponse:
    """Start the monitoring SOP run that carries this card (when the schedule did not)."""
    kartu = get_for_user_or_404(
        KartuKendali.objects.select_related("instansi"), request.user, pk=kartu_id
    )
    sop = sop_monitoring.sop_monitoring_instansi(kartu.instansi_id)
    if sop is None:
        messages.error(request, _("Instansi ini belum mengadopsi SOP monitoring dan evaluasi."))
        return redirect("pengukuran:kartu_kendali", kartu_id=kartu.pk)
    frekuensi = (sop.versi_terbaru().definisi.get("jadwal") or {}).get("frekuensi")
    periode = f"{kartu.tahun}-{kartu.bulan:02d}"
    if frekuensi == "triwulanan":
        periode = f"{kartu.tahun}-Q{(kartu.bulan - 1) // 3 + 1}"
    try:
        p = engine.mulai(
            aktor=request.user,
            sop=sop,
            judul=_("Monitoring %(b)s") % {"b": nama_bulan(kartu.tahun, kartu.bulan)},
            periode=periode,
            dokumen=kartu,
        )
    except GALAT as exc:
        messages.error(request, _pesan(exc))
        return redirect("pengukuran:kartu_kendali", kartu_id=kartu.pk)
    messages.success(request, _("SOP “%(s)s” dimulai untuk kartu ini.") % {"s": sop.nama})
    return redirect("sop:pelaksanaan_detail", pelaksanaan_id=p.pk)


def _cetak(dokumen, buat, nama: str) -> HttpResponse:
    """The document signed with TTE through its run as stored (stamp, QR), else printed now."""
    from sakip.surat.dokumen_ttd import unduh_ttd

    respons = unduh_ttd(dokumen, nama)
    if respons is None:
        respons = HttpResponse(buat(dokumen), content_type="application/pdf")
        respons["Content-Disposition"] = content_disposition_header(True, nama)
    return respons


@login_required
def kartu_kendali_pdf(request: HttpRequest, kartu_id: int) -> HttpResponse:
    from .dokumen_monitoring import kartu_pdf

    kartu = get_for_user_or_404(
        KartuKendali.objects.select_related("instansi"), request.user, pk=kartu_id
    )
    kode = kartu.instansi.kode_unit or kartu.instansi.pk
    return _cetak(kartu, kartu_pdf, f"kartu-kendali-{kode}-{kartu.tahun}-{kartu.bulan:02d}.pdf")


# ---------------------------------------------------------------- quarterly evaluation


@login_required
def evaluasi_triwulan_pdf(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    from .dokumen_monitoring import evaluasi_pdf

    evaluasi = get_for_user_or_404(
        EvaluasiTriwulan.objects.select_related("instansi"), request.user, pk=evaluasi_id
    )
    kode = evaluasi.instansi.kode_unit or evaluasi.instansi.pk
    nama = f"evaluasi-{kode}-{evaluasi.tahun}-tw{evaluasi.triwulan}.pdf"
    return _cetak(evaluasi, evaluasi_pdf, nama)


@login_required
def evaluasi_triwulan(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    """Capaian per PK indicator to the quarter's end, with formulas; the missed targets and
    the recommendations issued for them; the head signs."""
    evaluasi = get_for_user_or_404(
        EvaluasiTriwulan.objects.select_related("instansi__pemda"), request.user, pk=evaluasi_id
    )
    if request.method == "POST":
        try:
            monitoring.simpan_kesimpulan(
                aktor=request.user, evaluasi=evaluasi, kesimpulan=request.POST.get("kesimpulan", "")
            )
        except GALAT as exc:
            messages.error(request, _pesan(exc))
        else:
            messages.success(request, _("Kesimpulan evaluasi tersimpan."))
        return redirect("pengukuran:evaluasi_triwulan", evaluasi_id=evaluasi.pk)
    instansi, user = evaluasi.instansi, request.user
    baris = monitoring.capaian_triwulan(instansi, evaluasi.tahun, evaluasi.triwulan)
    for b in baris:
        b.realisasi_tampil = ringkas(b.capaian.realisasi)
    boleh_terbitkan = monitoring.boleh_menerbitkan(user, instansi.pk)
    rekomendasi = list(evaluasi.rekomendasi.select_related("jabatan", "indikator_pk"))
    per_pk: dict = {}
    for b in baris:
        per_pk.setdefault(b.pk.pk, {"pk": b.pk, "baris": []})["baris"].append(b)
        b.rekomendasi = [r for r in rekomendasi if r.indikator_pk_id == b.indikator.pk]
        if boleh_terbitkan and b.tidak_tercapai:
            b.form = RekomendasiForm(
                evaluasi=evaluasi,
                prefix=f"i{b.indikator.pk}",
                initial={"jabatan": b.jabatan_tujuan, "indikator_pk": b.indikator},
            )
    return render(
        request,
        "pengukuran/evaluasi_triwulan.html",
        _konteks(
            instansi,
            evaluasi.tahun,
            evaluasi=evaluasi,
            judul=monitoring.label_triwulan(evaluasi.tahun, evaluasi.triwulan),
            per_pk=list(per_pk.values()),
            tidak_tercapai=[b for b in baris if b.tidak_tercapai],
            rekomendasi=rekomendasi,
            boleh_mengisi=evaluasi.ditandatangani_pada is None
            and monitoring.boleh_mengisi(user, instansi.pk),
            boleh_tandatangan=evaluasi.ditandatangani_pada is None
            and monitoring.boleh_menandatangani(user, instansi.pk),
            boleh_terbitkan=boleh_terbitkan,
            form_umum=RekomendasiForm(evaluasi=evaluasi, prefix="umum")
            if boleh_terbitkan
            else None,
        ),
    )


@require_POST
@login_required
def evaluasi_triwulan_baru(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = _instansi(request, instansi_id)
    tahun, triwulan = _tahun(request), _angka_get(request, "triwulan", 0, (1, 4))
    try:
        if not triwulan:
            raise ValidationError(_("Pilih triwulan yang dievaluasi."))
        e = monitoring.buat_evaluasi(
            aktor=request.user, instansi=instansi, tahun=tahun, triwulan=triwulan
        )
    except GALAT as exc:
        messages.error(request, _pesan(exc))
        return redirect(_ke_monitoring(instansi, tahun))
    return redirect("pengukuran:evaluasi_triwulan", evaluasi_id=e.pk)


@require_POST
@login_required
def evaluasi_triwulan_tandatangan(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    evaluasi = get_for_user_or_404(EvaluasiTriwulan, request.user, pk=evaluasi_id)
    try:
        monitoring.tandatangani_evaluasi(aktor=request.user, evaluasi=evaluasi)
    except GALAT as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, _("Evaluasi ditandatangani."))
    return redirect("pengukuran:evaluasi_triwulan", evaluasi_id=evaluasi.pk)


@require_POST
@login_required
def rekomendasi_baru(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    evaluasi = get_for_user_or_404(EvaluasiTriwulan, request.user, pk=evaluasi_id)
    prefix = request.POST.get("prefix", "umum")
    form = RekomendasiForm(request.POST, evaluasi=evaluasi, prefix=prefix)
    if not form.is_valid():
        messages.error(
            request,
            _("Rekomendasi belum diterbitkan: %(g)s")
            % {"g": " ".join(e for errs in form.errors.values() for e in errs)},
        )
        return redirect("pengukuran:evaluasi_triwulan", evaluasi_id=evaluasi.pk)
    try:
        monitoring.terbitkan_rekomendasi(aktor=request.user, evaluasi=evaluasi, **form.cleaned_data)
    except GALAT as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(
            request,
            _("Rekomendasi diterbitkan kepada %(j)s.") % {"j": form.cleaned_data["jabatan"].nama},
        )
    return redirect("pengukuran:evaluasi_triwulan", evaluasi_id=evaluasi.pk)


# ---------------------------------------------------------------- recommendations


@login_required
def rekomendasi_daftar(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = _instansi(request, instansi_id)
    tahun = _tahun(request)
    status = request.GET.get("status", "")
    daftar = (
        Rekomendasi.objects.for_user(request.user)
        .filter(instansi=instansi, evaluasi__tahun=tahun)
        .select_related("evaluasi", "jabatan", "indikator_pk")
        .order_by("evaluasi__triwulan", "id")
    )
    if status in Rekomendasi.Status.values:
        daftar = daftar.filter(status=status)
    daftar = list(daftar)
    for r in daftar:
        tahun_pantau, bulan = monitoring.bulan_pantau(r)
        r.pantau = nama_bulan(tahun_pantau, bulan)
        r.evaluasi_label = f"TW {monitoring.ROMAWI[r.evaluasi.triwulan]}"
    return render(
        request,
        "pengukuran/monitoring_rekomendasi.html",
        _konteks(
            instansi,
            tahun,
            semua_tahun=_semua_tahun(instansi, tahun),
            daftar=daftar,
            status=status,
            pilihan_status=Rekomendasi.Status.choices,
        ),
    )


@login_required
def rekomendasi(request: HttpRequest, rekomendasi_id: int) -> HttpResponse:
    """One recommendation: what was asked, the follow-up form for the official addressed,
    and closing for the Sekretaris or head."""
    r = get_for_user_or_404(
        Rekomendasi.objects.select_related(
            "instansi__pemda", "evaluasi", "jabatan", "indikator_pk", "ditindaklanjuti_oleh"
        ),
        request.user,
        pk=rekomendasi_id,
    )
    if request.method == "POST":
        try:
            monitoring.tindak_lanjuti(
                aktor=request.user,
                rekomendasi=r,
                tindak_lanjut=request.POST.get("tindak_lanjut", ""),
            )
        except GALAT as exc:
            messages.error(request, _pesan(exc))
        else:
            messages.success(request, _("Tindak lanjut tersimpan."))
        return redirect("pengukuran:rekomendasi", rekomendasi_id=r.pk)
    tahun_pantau, bulan = monitoring.bulan_pantau(r)
    terbuka = r.status != Rekomendasi.Status.SELESAI
    return render(
        request,
        "pengukuran/monitoring_rekomendasi_detail.html",
        _konteks(
            r.instansi,
            r.evaluasi.tahun,
            r=r,
            pantau=nama_bulan(tahun_pantau, bulan),
            kartu_pantau=KartuKendali.objects.filter(
                instansi_id=r.instansi_id, tahun=tahun_pantau, bulan=bulan
            ).first(),
            evaluasi_judul=monitoring.label_triwulan(r.evaluasi.tahun, r.evaluasi.triwulan),
            boleh_tindak_lanjut=terbuka and monitoring.boleh_menindaklanjuti(request.user, r),
            boleh_tutup=r.status == Rekomendasi.Status.DITINDAKLANJUTI
            and monitoring.boleh_menutup(request.user, r),
        ),
    )


@require_POST
@login_required
def rekomendasi_tutup(request: HttpRequest, rekomendasi_id: int) -> HttpResponse:
    r = get_for_user_or_404(Rekomendasi, request.user, pk=rekomendasi_id)
    try:
        monitoring.tutup_rekomendasi(aktor=request.user, rekomendasi=r)
    except GALAT as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, _("Rekomendasi ditutup."))
    return redirect("pengukuran:rekomendasi", rekomendasi_id=r.pk)


# ---------------------------------------------------------------- PK monitoring


@login_required
def pk_monitoring(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Eselon III and IV officials: their PK indicators with capaian to a chosen month."""
    instansi = _instansi(request, instansi_id)
    tahun = _tahun(request)
    hari_ini = timezone.localdate()
    bawaan = hari_ini.month if tahun == hari_ini.year else 12
    sampai = _angka_get(request, "bulan", bawaan, (1, 12))
    daftar = monitoring.monitoring_pk(instansi, tahun, sampai)
    for pantau in daftar:
        for c in pantau.baris:
            c.realisasi_tampil = ringkas(c.realisasi)
    return render(
        request,
        "pengukuran/pk_monitoring.html",
        _konteks(
            instansi,
            tahun,
            semua_tahun=_semua_tahun(instansi, tahun),
            sampai=sampai,
            judul_bulan=nama_bulan(tahun, sampai),
            pilihan_bulan=[(b, nama_bulan(tahun, b)) for b in range(1, 13)],
            daftar=daftar,
        ),
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
    instansi = _instansi(request, instansi_id)
    tahun = _tahun(request)
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
        _konteks(
            instansi,
            tahun,
            semua_tahun=_semua_tahun(instansi, tahun),
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
    instansi = _instansi(request, instansi_id)
    tahun = _tahun(request)
    try:
        monitoring.susun_arsip(aktor=request.user, instansi=instansi, tahun=tahun)
    except GALAT as exc:
        messages.error(request, _pesan(exc))
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
    except GALAT as exc:
        messages.error(request, _pesan(exc))
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
    respons["Content-Disposition"] = content_disposition_header(True, nama)
    return respons


# ---------------------------------------------------------------- Excel of the card and evaluation


def _xlsx(isi: bytes, nama: str) -> HttpResponse:
    respons = HttpResponse(
        isi, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    respons["Content-Disposition"] = content_disposition_header(True, nama)
    return respons


@login_required
def kartu_kendali_xlsx(request: HttpRequest, kartu_id: int) -> HttpResponse:
    kartu = get_for_user_or_404(
        KartuKendali.objects.select_related("instansi"), request.user, pk=kartu_id
    )
    nama = ekspor_monitoring.nama_berkas(
        "Kartu_Kendali", kartu.instansi, kartu.tahun, f"{kartu.bulan:02d}"
    )
    return _xlsx(ekspor_monitoring.ekspor_kartu(kartu), nama)


@login_required
def evaluasi_triwulan_xlsx(request: HttpRequest, evaluasi_id: int) -> HttpResponse:
    evaluasi = get_for_user_or_404(
        EvaluasiTriwulan.objects.select_related("instansi__pemda"), request.user, pk=evaluasi_id
    )
    nama = ekspor_monitoring.nama_berkas(
        "Evaluasi", evaluasi.instansi, evaluasi.tahun, f"TW{evaluasi.triwulan}"
    )
    return _xlsx(ekspor_monitoring.ekspor_evaluasi(evaluasi), nama)
