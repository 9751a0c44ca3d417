"""SOP pages of a run: start, list, the run page, cancel, the task page and its actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.lib.akses import get_for_user_or_404
from sakip.lib.berkas import respons_berkas
from sakip.lib.teks import content_disposition
from sakip.organisasi.models import Instansi
from sakip.organisasi.pemangku import adalah_kepala, pemangku

from . import dokumen_terikat, engine, jadwal, tindakan
from .forms import (
    AlihkanForm,
    BatalForm,
    KeputusanForm,
    MulaiForm,
    SelesaiForm,
)
from .lampiran import BerkasDitolak
from .models import Lampiran, Pelaksanaan, SopInstansi, Tugas, VersiSop

# ---------------------------------------------------------------- runs


@login_required
def pelaksanaan_mulai(request: HttpRequest, sop_id: int) -> HttpResponse:
    sop = get_for_user_or_404(
        SopInstansi.objects.select_related("instansi"), request.user, pk=sop_id
    )
    versi = sop.versi_terbaru()
    perlu_tim = engine.perlu_tim_saat_mulai(versi)
    form = MulaiForm(request.POST or None, initial=_judul_awal(sop, versi))
    form.atur_tim(sop.instansi, wajib=perlu_tim)
    if request.method == "POST" and form.is_valid():
        try:
            p = engine.mulai(
                aktor=request.user,
                sop=sop,
                judul=form.cleaned_data["judul"],
                periode=form.cleaned_data["periode"],
                tim=form.cleaned_data.get("tim") or (),
                ketua=form.cleaned_data.get("ketua"),
            )
        except engine.KesalahanAlur as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("“%(judul)s” dimulai.") % {"judul": p.judul})
            return redirect("sop:pelaksanaan_detail", pelaksanaan_id=p.pk)
    return render(
        request, "sop/pelaksanaan_mulai.html", {"sop": sop, "form": form, "perlu_tim": perlu_tim}
    )


def _judul_awal(sop: SopInstansi, versi: VersiSop) -> dict:
    frekuensi = (versi.definisi.get("jadwal") or {}).get("frekuensi", "")
    periode = jadwal.periode_pada(frekuensi, timezone.localdate(), jadwal.acuan(versi.definisi))
    if periode is None:
        return {"judul": sop.nama.removeprefix("SOP ").strip()}
    return {"judul": jadwal.judul_terjadwal(sop, periode), "periode": periode.kunci}


@login_required
def pelaksanaan_daftar(request: HttpRequest, instansi_id: int) -> HttpResponse:
    instansi = get_for_user_or_404(Instansi, request.user, pk=instansi_id)
    status = request.GET.get("status", "berjalan")
    qs = (
        Pelaksanaan.objects.for_user(request.user)
        .filter(instansi=instansi)
        .select_related("sop", "dimulai_oleh")
        .annotate(
            jumlah_terlambat=Count(
                "tugas",
                filter=Q(tugas__status="terbuka", tugas__tenggat__lt=timezone.now()),
            )
        )
    )
    if status == "berjalan":
        qs = qs.berjalan()
    elif status in ("selesai", "dibatalkan"):
        qs = qs.filter(status=status)
    halaman = Paginator(qs.order_by("-dimulai_pada", "-id"), 30).get_page(request.GET.get("hal"))
    return render(
        request,
        "sop/pelaksanaan_daftar.html",
        {"instansi": instansi, "halaman": halaman, "status": status},
    )


@login_required
def pelaksanaan_detail(request: HttpRequest, pelaksanaan_id: int) -> HttpResponse:
    p = get_for_user_or_404(
        Pelaksanaan.objects.select_related("sop", "versi", "instansi", "induk", "dimulai_oleh"),
        request.user,
        pk=pelaksanaan_id,
    )
    tugas = {t.pk: t for t in p.tugas.select_related("selesai_oleh", "diklaim_oleh", "jabatan")}
    lini = []
    for e in p.peristiwa.all():
        t = tugas.get(e.tugas_id)
        lini.append({"peristiwa": e, "tugas": t})
    sekarang = timezone.now()
    baris_tugas = []
    for t in sorted(tugas.values(), key=lambda t: (t.dibuat_pada, t.pk)):
        aktual = engine.durasi_aktual_menit(t)
        baris_tugas.append(
            {
                "tugas": t,
                "baku": p.versi.langkah_ke(t.langkah_no).get("waktu") or "",
                "aktual": aktual,
                "kondisi": t.kondisi_tenggat(sekarang),
                **waktu_langkah(t, aktual),
            }
        )
    return render(
        request,
        "sop/pelaksanaan_detail.html",
        {
            "p": p,
            "lini": lini,
            "baris_tugas": baris_tugas,
            "anak": p.anak.select_related("sop"),
            "tim": p.anggota_tim.select_related("pegawai__jabatan"),
            "boleh_batal": not p.selesai and adalah_kepala(request.user, p.instansi_id),
            "form_batal": BatalForm(),
        },
    )


def waktu_langkah(tugas: Tugas, aktual: int | None) -> dict:
    """The timeline's reading of one finished step against its standard.

    Working minutes are the measure (the standard counts office hours), but 0 working
    minutes for work done at night reads like "no time at all": the clock time elapsed is
    shown beside it whenever it differs, and the bar compares actual with the standard.
    """
    if tugas.selesai_pada is None or aktual is None:
        return {"kalender": None, "luar_jam_kerja": False, "batang": None}
    kalender = max(0, int((tugas.selesai_pada - tugas.dibuat_pada).total_seconds() // 60))
    baku = tugas.waktu_baku_menit
    batang = None
    if baku:
        skala = max(baku, aktual, 1)
        batang = {
            "baku": round(baku * 100 / skala, 1),
            "aktual": round(aktual * 100 / skala, 1),
            "lewat": aktual > baku,
            "persen": round(aktual * 100 / baku),
        }
    return {
        "kalender": kalender if kalender != aktual else None,
        "luar_jam_kerja": aktual == 0 and kalender > 0,
        "batang": batang,
    }


@require_POST
@login_required
def pelaksanaan_batal(request: HttpRequest, pelaksanaan_id: int) -> HttpResponse:
    p = get_for_user_or_404(Pelaksanaan, request.user, pk=pelaksanaan_id)
    form = BatalForm(request.POST)
    try:
        engine.batalkan(
            aktor=request.user,
            pelaksanaan=p,
            alasan=form.data.get("alasan", ""),
        )
    except engine.KesalahanAlur as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Pelaksanaan dibatalkan."))
    return redirect("sop:pelaksanaan_detail", pelaksanaan_id=p.pk)


# ---------------------------------------------------------------- inbox and tasks


def _tugas(request, tugas_id: int) -> Tugas:
    return get_for_user_or_404(
        Tugas.objects.select_related(
            "pelaksanaan__versi",
            "pelaksanaan__sop",
            "pelaksanaan__instansi",
            "jabatan",
            "diklaim_oleh",
            "selesai_oleh",
            "dikembalikan_dari__selesai_oleh",
            "dikembalikan_dari__jabatan",
        ),
        request.user,
        pk=tugas_id,
    )


@login_required
def tugas_detail(request: HttpRequest, tugas_id: int) -> HttpResponse:
    return _halaman_tugas(request, _tugas(request, tugas_id))


def _halaman_tugas(
    request: HttpRequest,
    tugas: Tugas,
    *,
    kekurangan=None,
    galat_passphrase: str = "",
    isian: dict | None = None,
) -> HttpResponse:
    """The task page; after a refused action it shows why, keeping what the user typed.

    `kekurangan`: what the document still lacks (links to fill it in, at the top);
    `galat_passphrase`: the passphrase field's own error; `isian`: the typed note/team.
    """
    isian = isian or {}
    p = tugas.pelaksanaan
    langkah = p.versi.langkah_ke(tugas.langkah_no)
    # What earlier steps of this run produced: the kelengkapan of this step comes from them.
    sebelumnya = [
        {"tugas": t, "output": p.versi.langkah_ke(t.langkah_no).get("output", "")}
        for t in p.tugas.filter(status=Tugas.Status.SELESAI)
        .exclude(pk=tugas.pk)
        .select_related("selesai_oleh")
        .prefetch_related("lampiran")
        .order_by("selesai_pada", "id")
    ]
    boleh = engine.boleh_bertindak(request.user, tugas)
    selesai_form = SelesaiForm(initial={k: v for k, v in isian.items() if k != "berkas"})
    selesai_form.atur_tim(p.instansi, wajib=bool(langkah.get("bentuk_tim")))
    pengikat = dokumen_terikat.pengikat_untuk(p.versi.definisi)
    dokumen = dokumen_terikat.dokumen_dari(p)
    calon = [o for o in engine.penerima_tugas(tugas) if o.pk != request.user.pk]
    if tugas.diklaim_oleh_id and tugas.jabatan_id:
        calon = [o for o in pemangku(tugas.jabatan) if o.pk != request.user.pk]
    tindakan_langkah = langkah.get("tindakan") or ""
    return render(
        request,
        "sop/tugas_detail.html",
        {
            "tugas": tugas,
            "p": p,
            "langkah": langkah,
            "keputusan": langkah.get("keputusan"),
            "sebelumnya": sebelumnya,
            "boleh": boleh,
            "kondisi": tugas.kondisi_tenggat(timezone.now()),
            "pengembalian": _pengembalian(tugas),
            "kekurangan": kekurangan,
            "galat_passphrase": galat_passphrase,
            "isian": isian,
            "selesai_form": selesai_form,
            "keputusan_form": KeputusanForm(),
            "alihkan_form": AlihkanForm(calon=calon) if calon else None,
            "tujuan_tolak": _langkah_tujuan(p, langkah, "tidak"),
            "tujuan_ya": _langkah_tujuan(p, langkah, "ya"),
            "pengikat": pengikat,
            "dokumen": dokumen,
            "url_dokumen": pengikat.url(dokumen) if pengikat and dokumen is not None else "",
            "url_unduh": pengikat.url_unduh(dokumen) if pengikat and dokumen is not None else None,
            "perubahan": engine.perubahan_sejak_pemeriksaan(p),
            "tindakan": tindakan_langkah,
            "menandatangani": boleh and tindakan_langkah == "tanda_tangan",
            "perlu_passphrase": boleh and engine.perlu_passphrase(tugas, request.user),
            "naskah": _naskah(p),
        },
    )


def _pengembalian(tugas: Tugas) -> dict | None:
    """Who returned this work, as what, when and why (None for work that is not returned)."""
    asal = tugas.dikembalikan_dari
    if asal is None:
        return None
    return {
        "nama": asal.selesai_oleh.nama_lengkap if asal.selesai_oleh else _("Pemeriksa"),
        "jabatan": asal.jabatan.nama if asal.jabatan else asal.pelaksana_nama,
        "waktu": asal.selesai_pada,
        "catatan": asal.catatan,
        "langkah_no": asal.langkah_no,
        "tugas": asal,
    }


def _naskah(p: Pelaksanaan) -> dict | None:
    """The run's outgoing letter (number, signature, distribution), when one was made."""
    penangan = tindakan.penangan()
    return penangan.ringkasan(p) if penangan is not None else None


@require_POST
@login_required
def pelaksanaan_dokumen(request: HttpRequest, pelaksanaan_id: int) -> HttpResponse:
    p = get_for_user_or_404(Pelaksanaan, request.user, pk=pelaksanaan_id)
    try:
        dokumen = engine.siapkan_dokumen(aktor=request.user, pelaksanaan=p)
    except engine.KesalahanAlur as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Dokumen “%(d)s” disiapkan.") % {"d": dokumen})
    kembali = request.POST.get("kembali", "")
    if kembali and url_has_allowed_host_and_scheme(kembali, {request.get_host()}):
        return redirect(kembali)
    return redirect("sop:pelaksanaan_detail", pelaksanaan_id=p.pk)


def _langkah_tujuan(p: Pelaksanaan, langkah: dict, cabang: str) -> dict | None:
    keputusan = langkah.get("keputusan") or {}
    no = keputusan.get(cabang)
    if no is None or no > len(p.versi.langkah):
        return None
    return p.versi.langkah_ke(no)


def _penyebab(exc: BaseException, kelas) -> BaseException | None:
    """`exc` or the error it was raised from, when it is a `kelas` (None: neither)."""
    while exc is not None:
        if kelas is not None and isinstance(exc, kelas):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def _passphrase_salah():
    try:
        from sakip.surat.tte import PassphraseSalah
    except ImportError:  # a Pemda without the letters app signs nothing
        return None
    return PassphraseSalah


def _aksi(request, tugas_id: int, fungsi, pesan_ok: str, isian: dict | None = None):
    """Run one task action; a refusal re-renders the task page with the typed note kept."""
    tugas = _tugas(request, tugas_id)
    try:
        fungsi(tugas)
    except (engine.KesalahanAlur, BerkasDitolak, ValidationError) as exc:
        if isian is None:
            messages.error(request, _pesan_galat(exc))
            return redirect("sop:tugas_detail", tugas_id=tugas.pk)
        tugas = _tugas(request, tugas_id)  # re-read: the transaction rolled back
        kurang = _penyebab(exc, getattr(dokumen_terikat, "DokumenBelumLengkap", None))
        salah = _penyebab(exc, _passphrase_salah())
        if isian.get("berkas"):
            messages.warning(request, _("Berkas belum tersimpan: pilih lagi berkas Anda."))
        if kurang is not None:
            return _halaman_tugas(request, tugas, kekurangan=kurang, isian=isian)
        if salah is not None:
            return _halaman_tugas(request, tugas, galat_passphrase=_pesan_galat(salah), isian=isian)
        messages.error(request, _pesan_galat(exc))
        return _halaman_tugas(request, tugas, isian=isian)
    messages.success(request, pesan_ok)
    if engine.boleh_bertindak(request.user, Tugas.objects.get(pk=tugas.pk)):
        return redirect("sop:tugas_detail", tugas_id=tugas.pk)
    return redirect("sop:pelaksanaan_detail", pelaksanaan_id=tugas.pelaksanaan_id)


def _pesan_galat(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


@require_POST
@login_required
def tugas_selesai(request: HttpRequest, tugas_id: int) -> HttpResponse:
    tugas = _tugas(request, tugas_id)
    langkah = tugas.pelaksanaan.versi.langkah_ke(tugas.langkah_no)
    form = SelesaiForm(request.POST, request.FILES)
    form.atur_tim(tugas.pelaksanaan.instansi, wajib=bool(langkah.get("bentuk_tim")))
    if not form.is_valid():
        for galat in form.errors.values():
            messages.error(request, " ".join(galat))
        return redirect("sop:tugas_detail", tugas_id=tugas.pk)
    d = form.cleaned_data
    return _aksi(
        request,
        tugas_id,
        lambda t: engine.selesaikan(
            aktor=request.user,
            tugas=t,
            catatan=d["catatan"],
            berkas=d["berkas"],
            tim=d.get("tim") or (),
            ketua=d.get("ketua"),
            # TTE passphrase: used for this signing only, never stored or logged.
            passphrase=request.POST.get("passphrase", ""),
        ),
        _("Langkah %(no)s selesai.") % {"no": tugas.langkah_no},
        isian={
            "catatan": d["catatan"],
            "tim": d.get("tim"),
            "ketua": d.get("ketua"),
            "berkas": d["berkas"],
        },
    )


def _putuskan(request: HttpRequest, tugas_id: int, *, setuju: bool) -> HttpResponse:
    catatan = request.POST.get("catatan", "")
    return _aksi(
        request,
        tugas_id,
        lambda t: engine.putuskan(
            aktor=request.user,
            tugas=t,
            setuju=setuju,
            catatan=catatan,
            passphrase=request.POST.get("passphrase", "") if setuju else "",
        ),
        _("Disetujui dan diteruskan.") if setuju else _("Dikembalikan untuk diperbaiki."),
        isian={"catatan_keputusan": catatan},
    )


@require_POST
@login_required
def tugas_setuju(request: HttpRequest, tugas_id: int) -> HttpResponse:
    return _putuskan(request, tugas_id, setuju=True)


@require_POST
@login_required
def tugas_tolak(request: HttpRequest, tugas_id: int) -> HttpResponse:
    return _putuskan(request, tugas_id, setuju=False)


@login_required
def tugas_pratinjau(request: HttpRequest, tugas_id: int) -> HttpResponse:
    """The exact PDF a signing step will sign, for the signer to read before the passphrase."""
    tugas = _tugas(request, tugas_id)
    try:
        hasil = tindakan.pratinjau_pdf(tugas.pelaksanaan, tugas, request.user)
    except (engine.KesalahanAlur, ValidationError, PermissionDenied) as exc:
        messages.error(request, _pesan_galat(exc))
        return redirect("sop:tugas_detail", tugas_id=tugas.pk)
    if hasil is None:  # not a signing step, or nothing to sign yet: back to the task
        messages.info(request, _("Langkah ini tidak menandatangani dokumen; tidak ada pratinjau."))
        return redirect("sop:tugas_detail", tugas_id=tugas.pk)
    pdf, nama = hasil
    respons = HttpResponse(pdf, content_type="application/pdf")
    respons["Content-Disposition"] = content_disposition(
        f"pratinjau-{nama or 'dokumen.pdf'}", unduh=False
    )
    return respons


@require_POST
@login_required
def tugas_klaim(request: HttpRequest, tugas_id: int) -> HttpResponse:
    return _aksi(
        request,
        tugas_id,
        lambda t: engine.klaim(aktor=request.user, tugas=t),
        _("Tugas diambil; rekan sejabatan melihat Anda yang mengerjakannya."),
    )


@require_POST
@login_required
def tugas_alihkan(request: HttpRequest, tugas_id: int) -> HttpResponse:
    tugas = _tugas(request, tugas_id)
    calon = pemangku(tugas.jabatan) if tugas.jabatan_id else engine.penerima_tugas(tugas)
    form = AlihkanForm(request.POST, calon=calon)
    if not form.is_valid():
        messages.error(request, _("Pilih pegawai pemegang jabatan yang sama."))
        return redirect("sop:tugas_detail", tugas_id=tugas.pk)
    kepada = form.cleaned_data["kepada"]
    return _aksi(
        request,
        tugas_id,
        lambda t: engine.alihkan(
            aktor=request.user, tugas=t, kepada=kepada, catatan=form.cleaned_data["catatan"]
        ),
        _("Tugas dialihkan kepada %(nama)s.") % {"nama": kepada.nama_lengkap},
    )


@login_required
def lampiran_unduh(request: HttpRequest, lampiran_id: int) -> FileResponse:
    lampiran = get_for_user_or_404(Lampiran, request.user, pk=lampiran_id)
    return respons_berkas(
        lampiran.berkas.open("rb"), lampiran.nama_asli, content_type=lampiran.jenis_mime
    )
