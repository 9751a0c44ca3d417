"""The agency side of measurement: the month's realisasi grid and its review, the budget
realisation of the month, closing a month, the capaian page, the dashboard and Excel.

The agency is reached through `for_user` (another agency's id answers 404); every write
goes through `services` (one per use case; PermissionDenied there answers 403). Capaian is
read through `penilaian` only, so the page, the dashboard, the Excel matrix and the Pemda
view show the same numbers — each with the formula and the numbers it used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.audit.models import CatatanAudit
from sakip.lib.akses import get_for_user_or_404
from sakip.lib.htmx import is_htmx
from sakip.organisasi.access import peran_pemda
from sakip.organisasi.models import Instansi
from sakip.perencanaan.models import (
    Agregasi,
    AnggaranKas,
    Indikator,
    ItemAnggaran,
    Polaritas,
    TargetTahunan,
)

from . import forms as f
from . import grafik, penilaian, services
from .capaian import Hasil, efisiensi
from .models import BuktiRealisasi, KategoriCapaian, PenutupanBulan, Realisasi, RealisasiAnggaran

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BULAN_PENDEK = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
# Colours for the default category scale, used when the Pemda has not set its own.
WARNA_BAWAAN = {
    "Sangat Baik": "#1f7a4d",
    "Baik": "#2e7d32",
    "Cukup": "#b54708",
    "Kurang": "#c4320a",
    "Sangat Kurang": "#b42318",
}
ABU = "#98a2b3"  # no category yet (no realisation)


# ---------------------------------------------------------------- request helpers


def _bilangan(request: HttpRequest, nama: str, bawaan: int, bawah: int, atas: int) -> int:
    try:
        n = int(request.GET.get(nama) or request.POST.get(nama) or bawaan)
    except ValueError:
        return bawaan
    return n if bawah <= n <= atas else bawaan


def _periode(request: HttpRequest, nama_bulan: str = "bulan") -> tuple[int, int]:
    """(tahun, bulan) asked for; by default this month, or December of a past year."""
    hari_ini = timezone.localdate()
    tahun = _bilangan(request, "tahun", hari_ini.year, 2000, 2100)
    bawaan = hari_ini.month if tahun == hari_ini.year else 12
    return tahun, _bilangan(request, nama_bulan, bawaan, 1, 12)


def _instansi(request: HttpRequest, instansi_id: int) -> Instansi:
    return get_for_user_or_404(
        Instansi.objects.select_related("pemda"), request.user, pk=instansi_id
    )


def _url(nama: str, instansi_id: int, **query) -> str:
    teks = "&".join(f"{k}={v}" for k, v in query.items())
    return reverse(f"pengukuran:{nama}", args=[instansi_id]) + (f"?{teks}" if teks else "")


def _pesan_form(form) -> str:
    return " ".join(" ".join(e) for e in form.errors.values())


def _unduh(isi: bytes, nama: str) -> HttpResponse:
    respons = HttpResponse(isi, content_type=XLSX)
    respons["Content-Disposition"] = content_disposition_header(True, nama)
    return respons


def _nama_bulan(bulan: int) -> str:
    return str(f.BULAN_PANJANG[bulan - 1])


def _tampil(nilai) -> str:
    if nilai is None or nilai == "":
        return "—"
    return nilai if isinstance(nilai, str) else f.tulis_angka(nilai)


def _persen(nilai: Decimal | None) -> str:
    return "—" if nilai is None else f.tulis_angka(nilai.quantize(Decimal("0.01"))) + "%"


# ---------------------------------------------------------------- index


@login_required
def indeks(request: HttpRequest) -> HttpResponse:
    """Agency staff go to their month's realisasi; Pemda roles choose an agency."""
    user = request.user
    if user.instansi_id:
        return redirect("pengukuran:realisasi", instansi_id=user.instansi_id)
    instansi_list = (
        Instansi.objects.for_user(user) if peran_pemda(user) else Instansi.objects.none()
    )
    return render(request, "pengukuran/realisasi_indeks.html", {"instansi_list": instansi_list})


# ---------------------------------------------------------------- the month's realisasi


@dataclass
class BarisBulan:
    """One row of the month's grid: the indicator, its realisation (unsaved when new) and
    the form — None when the row is read-only (`alasan_kunci` says why)."""

    acuan: f.Acuan
    realisasi: Realisasi
    form: f.BarisRealisasiForm | None
    alasan_kunci: str = ""
    pesan: str = ""
    galat: list[str] = field(default_factory=list)  # a refused save on a now read-only row

    @property
    def nilai_tampil(self) -> str:
        return _nilai_realisasi(self.realisasi)


def _nilai_realisasi(r: Realisasi) -> str:
    return r.nilai_skala or _tampil(r.nilai)


def _untuk_periksa(r: Realisasi, form: f.PeriksaForm | None) -> Realisasi:
    """A realisation as the review list draws it: its value, its month, its form."""
    r.nilai_tampil, r.nama_bulan, r.form_periksa = _nilai_realisasi(r), _nama_bulan(r.bulan), form
    return r


def _susun_baris(
    instansi, tahun: int, bulan: int, daftar: list[f.Acuan], *, tertutup: bool, pemeriksa: bool
) -> list[BarisBulan]:
    """The grid rows of `daftar` for the month, in two queries whatever its length."""
    ada = {}
    for r in (
        Realisasi.objects.filter(instansi=instansi, tahun=tahun, bulan=bulan)
        .select_related("diisi_oleh", "diperiksa_oleh")
        .prefetch_related("bukti")
    ):
        ada[f"i{r.indikator_id}" if r.indikator_id else f"p{r.indikator_pk_id}"] = r
    hasil = []
    for acuan in daftar:
        r = ada.get(acuan.kunci)
        if r is None:
            r = acuan.realisasi_baru(instansi, tahun, bulan)
        else:  # the indicator is already loaded: no query per row when a service reads it
            r.indikator, r.indikator_pk = acuan.indikator, acuan.indikator_pk
        alasan = ""
        if tertutup:
            alasan = _("Bulan ini sudah ditutup.")
        elif r.status == Realisasi.Status.DISETUJUI and not pemeriksa:
            alasan = _("Sudah disetujui Kasubag.")
        form = None if alasan else f.BarisRealisasiForm(acuan=acuan, realisasi=r)
        hasil.append(BarisBulan(acuan, r, form, alasan))
    return hasil


def _kelompokkan(baris: list) -> list[tuple[str, list]]:
    """Consecutive rows under their group heading (sasaran, tujuan or PK sasaran)."""
    hasil: list[tuple[str, list]] = []
    for b in baris:
        kelompok = b.acuan.kelompok
        if not hasil or hasil[-1][0] != kelompok:
            hasil.append((kelompok, []))
        hasil[-1][1].append(b)
    return hasil


def _penutupan(instansi, tahun: int) -> dict[int, PenutupanBulan]:
    return {
        p.bulan: p
        for p in PenutupanBulan.objects.filter(instansi=instansi, tahun=tahun).select_related(
            "ditutup_oleh"
        )
    }


def _daftar_bulan(penutupan: dict[int, PenutupanBulan] | None = None) -> list[tuple]:
    """(month, short name, closed) for the month strip; locks only where entry happens."""
    penutupan = penutupan or {}
    return [
        (b, BULAN_PENDEK[b - 1], b in penutupan and penutupan[b].tertutup) for b in range(1, 13)
    ]


def _pembukaan_terakhir(penutupan: PenutupanBulan | None) -> CatatanAudit | None:
    """Who reopened a month and when: the audit record keeps it, the row keeps the reason."""
    if penutupan is None or penutupan.tertutup:
        return None
    return CatatanAudit.objects.filter(
        content_type=ContentType.objects.get_for_model(PenutupanBulan),
        object_id=str(penutupan.pk),
        keterangan__startswith="Membuka kembali",
    ).first()


@login_required
def realisasi(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The month's grid of the indicators the user fills; for the Kasubag also the review
    list and closing the month."""
    instansi = _instansi(request, instansi_id)
    tahun, bulan = _periode(request)
    daftar, pemeriksa = f.acuan_pengguna(request.user, instansi, tahun)
    penutupan = _penutupan(instansi, tahun)
    bulan_ini = penutupan.get(bulan)
    tertutup = bulan_ini is not None and bulan_ini.tertutup
    baris = _susun_baris(instansi, tahun, bulan, daftar, tertutup=tertutup, pemeriksa=pemeriksa)
    diajukan = []
    if pemeriksa:
        diajukan = list(
            Realisasi.objects.menunggu_persetujuan()
            .filter(instansi=instansi, tahun=tahun)
            .select_related("indikator", "indikator_pk", "diisi_oleh")
            .prefetch_related("bukti")
            .order_by("bulan", "indikator__urutan", "indikator__kode", "id")
        )
        for r in diajukan:
            _untuk_periksa(r, f.PeriksaForm(realisasi=r))
    return render(
        request,
        "pengukuran/realisasi.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "bulan": bulan,
            "nama_bulan": _nama_bulan(bulan),
            "daftar_bulan": _daftar_bulan(penutupan),
            "kelompok": _kelompokkan(baris),
            "jumlah_baris": len(baris),
            "pemeriksa": pemeriksa,
            "tertutup": tertutup,
            "penutupan": bulan_ini,
            "pembukaan": _pembukaan_terakhir(bulan_ini) if pemeriksa else None,
            "diajukan": diajukan,
            "menu": "realisasi",
        },
    )


_KUNCI = re.compile(r"^[ip]\d+$")


@login_required
def realisasi_baris(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Save one row of the grid (htmx swaps the row; without JavaScript, back to the grid)."""
    instansi = _instansi(request, instansi_id)
    tahun, bulan = _periode(request)
    kembali = _url("realisasi", instansi.pk, tahun=tahun, bulan=bulan)
    if request.method != "POST":
        return redirect(kembali)
    kunci = request.GET.get("acuan") or request.POST.get("acuan") or ""
    if not _KUNCI.match(kunci):
        return HttpResponseBadRequest(_("Baris indikator tidak disebutkan."))
    # Any indicator of the agency's year: the service, not this lookup, refuses a non-holder.
    acuan = next((a for a in f.daftar_acuan(instansi, tahun) if a.kunci == kunci), None)
    if acuan is None:
        raise Http404("Indikator tidak ditemukan.")
    lama = Realisasi.objects.filter(
        instansi=instansi,
        tahun=tahun,
        bulan=bulan,
        indikator=acuan.indikator,
        indikator_pk=acuan.indikator_pk,
    ).first()
    form = f.BarisRealisasiForm(
        request.POST,
        request.FILES,
        acuan=acuan,
        realisasi=lama or acuan.realisasi_baru(instansi, tahun, bulan),
    )
    pesan = ""
    if form.is_valid():
        try:
            form.simpan(request.user)
        except ValidationError as exc:  # the month lock, an approved row, a refused file
            form.add_error(None, exc.messages)
        else:
            pesan = _("Diajukan ke Kasubag.") if form.ajukan else _("Tersimpan sebagai draf.")
    if not is_htmx(request):
        if form.errors:
            messages.error(request, f"{acuan.kode}: {_pesan_form(form)}")
        else:
            messages.success(request, f"{acuan.kode}: {pesan}")
        return redirect(f"{kembali}#baris-{kunci}")
    # Drawn again from the database: a refused save shows what is stored, with the typed input.
    pemeriksa = services.boleh_memeriksa(request.user, instansi.pk)
    tertutup = services.bulan_tertutup(instansi.pk, tahun, bulan)
    baris = _susun_baris(instansi, tahun, bulan, [acuan], tertutup=tertutup, pemeriksa=pemeriksa)[0]
    if form.errors and baris.form is not None:
        baris.form = form
    elif form.errors:
        baris.galat = [e for daftar in form.errors.values() for e in daftar]
    baris.pesan = pesan
    konteks = {"b": baris, "instansi": instansi, "tahun": tahun, "bulan": bulan}
    respons = render(request, "pengukuran/realisasi_baris.html", konteks)
    if pesan:
        respons["HX-Trigger"] = "realisasi-berubah"  # the Kasubag's review list listens
    return respons


@require_POST
@login_required
def periksa(request: HttpRequest, realisasi_id: int) -> HttpResponse:
    """The Kasubag approves a submitted realisation or returns it with a note."""
    r = get_for_user_or_404(
        Realisasi.objects.select_related("instansi", "indikator", "indikator_pk", "diisi_oleh"),
        request.user,
        pk=realisasi_id,
    )
    form = f.PeriksaForm(request.POST, realisasi=r)
    if form.is_valid():
        try:
            r = form.simpan(request.user)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    if is_htmx(request):
        _untuk_periksa(r, form if form.errors else None)
        return render(request, "pengukuran/realisasi_periksa.html", {"r": r})
    if form.errors:
        messages.error(request, _pesan_form(form))
    else:
        messages.success(
            request,
            _("%(i)s %(b)s: %(s)s.")
            % {"i": r.acuan, "b": _nama_bulan(r.bulan), "s": r.get_status_display()},
        )
    return redirect(_url("realisasi", r.instansi_id, tahun=r.tahun, bulan=r.bulan) + "#periksa")


@login_required
def bukti_unduh(request: HttpRequest, bukti_id: int) -> HttpResponse:
    bukti = get_for_user_or_404(BuktiRealisasi, request.user, pk=bukti_id)
    if not bukti.berkas:
        return HttpResponseRedirect(bukti.tautan)
    nama = PurePath(bukti.berkas.name).name
    return FileResponse(bukti.berkas.open("rb"), as_attachment=True, filename=nama)


@require_POST
@login_required
def penutupan_bulan(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Close the month, or reopen it with a reason (kept in the audit trail)."""
    instansi = _instansi(request, instansi_id)
    form = f.PenutupanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _pesan_form(form))
        return redirect(_url("realisasi", instansi.pk))
    tahun, bulan = form.cleaned_data["tahun"], form.cleaned_data["bulan"]
    try:
        form.simpan(request.user, instansi)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if form.cleaned_data["aksi"] == "tutup":
            pesan = _("Data %(b)s %(t)s ditutup: realisasinya tidak dapat diubah lagi.")
        else:
            pesan = _("Data %(b)s %(t)s dibuka kembali.")
        messages.success(request, pesan % {"b": _nama_bulan(bulan), "t": tahun})
    return redirect(_url("realisasi", instansi.pk, tahun=tahun, bulan=bulan))


# ---------------------------------------------------------------- budget realisation


@login_required
def anggaran(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The month's budget realisation per DPA sub-kegiatan, with the cash plan and serapan."""
    instansi = _instansi(request, instansi_id)
    tahun, bulan = _periode(request)
    dpa = penilaian.dpa_tahun(instansi.pk, tahun)
    baris, total = penilaian.serapan_dpa(dpa, bulan) if dpa else ([], None)
    sub = [b.item for b in baris]
    ada = {r.item_id: r for r in RealisasiAnggaran.objects.filter(item__in=sub, bulan=bulan)}
    kas = {k.item_id: k.jumlah for k in AnggaranKas.objects.filter(item__in=sub, bulan=bulan)}
    pemeriksa = services.boleh_memeriksa(request.user, instansi.pk)
    penutupan = _penutupan(instansi, tahun)
    tertutup = bulan in penutupan and penutupan[bulan].tertutup
    if request.method == "POST" and not pemeriksa:
        raise PermissionDenied(_("Realisasi anggaran diisi oleh Kasubag Perencanaan."))
    form = f.AnggaranBulanForm(request.POST or None, sub_kegiatan=sub, bulan=bulan, ada=ada)
    if request.method == "POST" and form.is_valid():
        try:
            n = form.simpan(request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Realisasi anggaran %(b)s tersimpan (%(n)s sub kegiatan diubah).")
                % {"b": _nama_bulan(bulan), "n": n},
            )
            return redirect(_url("anggaran", instansi.pk, tahun=tahun, bulan=bulan))
    for b in baris:
        b.kas = kas.get(b.item.pk)
        b.bulan_ini = b.bulanan[bulan - 1]
        b.isian = form[f"item_{b.item.pk}"]
    return render(
        request,
        "pengukuran/anggaran_bulan.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "bulan": bulan,
            "nama_bulan": _nama_bulan(bulan),
            "daftar_bulan": _daftar_bulan(penutupan),
            "dpa": dpa,
            "baris": baris,
            "total": total,
            "total_pagu": sum((b.pagu for b in baris), Decimal(0)),
            "total_realisasi": sum((b.realisasi for b in baris), Decimal(0)),
            "total_bulan_ini": sum((b.bulan_ini for b in baris), Decimal(0)),
            "boleh_isi": pemeriksa and not tertutup,
            "tertutup": tertutup,
            "form": form,
            "menu": "anggaran",
        },
    )


# ---------------------------------------------------------------- capaian


def warna_kategori(pemda_id: int) -> dict[str, str]:
    return {
        k.nama: k.warna for k in KategoriCapaian.objects.filter(pemda_id=pemda_id)
    } or WARNA_BAWAAN


def _label(pilihan, nilai: str) -> str:
    """The short label of a choice: "Naik (makin tinggi makin baik)" → "Naik"."""
    return str(dict(pilihan.choices).get(nilai, nilai)).split(" (")[0]


def rumus_realisasi(c: penilaian.CapaianIndikator, sampai: int) -> str:
    """How the realisation to date came from the months (docs/domain.md §7 period aggregation)."""
    terisi = [(b, v) for b, v in enumerate(c.bulanan[:sampai], 1) if v not in (None, "")]
    if not terisi:
        return _("belum ada realisasi s.d. %(b)s") % {"b": _nama_bulan(sampai)}
    if isinstance(terisi[-1][1], str) or c.agregasi == "akhir_periode":
        b, v = terisi[-1]
        return _("akhir periode: nilai %(b)s = %(v)s") % {"b": BULAN_PENDEK[b - 1], "v": _tampil(v)}
    nama = " + ".join(BULAN_PENDEK[b - 1] for b, _v in terisi)
    nilai = " + ".join(f.tulis_angka(v) for _b, v in terisi)
    if c.agregasi == "kumulatif":
        return _("kumulatif: %(n)s = %(v)s = %(r)s") % {
            "n": nama,
            "v": nilai,
            "r": _tampil(c.realisasi),
        }
    rata = Decimal(c.realisasi).quantize(Decimal("0.01"))
    return _("rata-rata %(k)s bulan terisi: (%(v)s) / %(k)s = %(r)s") % {
        "k": len(terisi),
        "v": nilai,
        "r": f.tulis_angka(rata),
    }


def rata_dengan_rumus(nilai: list[Decimal]) -> Hasil:
    """The mean of capaian figures, with the figures in its formula."""
    if not nilai:
        return Hasil(None, _("belum ada capaian"))
    rata = sum(nilai, Decimal(0)) / len(nilai)
    if len(nilai) == 1:
        return Hasil(rata, _("satu indikator: %(n)s") % {"n": _persen(rata)})
    angka = " + ".join(f.tulis_angka(n.quantize(Decimal("0.01"))) for n in nilai)
    return Hasil(rata, f"({angka}) / {len(nilai)} = {_persen(rata)}")


@dataclass
class BarisCapaian:
    c: penilaian.CapaianIndikator
    realisasi: str
    rumus_realisasi: str
    warna: str
    jenis: str  # polarity and period aggregation, e.g. "Turun · Rata-rata"


@dataclass
class KelompokCapaian:
    """The indicators of one sasaran (or tujuan) and their mean capaian."""

    kode: str
    uraian: str
    jenis: str
    sasaran_id: int | None
    baris: list[BarisCapaian] = field(default_factory=list)
    rata: Hasil | None = None
    kategori: str = ""
    warna: str = ""


def susun_capaian(instansi, tahun: int, sampai: int, hasil=None) -> list[KelompokCapaian]:
    """Capaian of the Renstra indicators grouped by sasaran/tujuan, with each group's mean."""
    hasil = hasil if hasil is not None else penilaian.capaian_renstra(instansi, tahun, sampai)
    aturan = penilaian.aturan_pemda(instansi.pemda_id)
    warna = warna_kategori(instansi.pemda_id)
    induk = {
        i.pk: (i.sasaran, "sasaran") if i.sasaran_id else (i.tujuan, "tujuan")
        for i in Indikator.objects.filter(pk__in=[c.indikator_id for c in hasil]).select_related(
            "sasaran", "tujuan"
        )
    }
    kelompok: dict[tuple, KelompokCapaian] = {}
    for c in hasil:
        objek, jenis = induk[c.indikator_id]
        k = kelompok.setdefault(
            (jenis, objek.pk),
            KelompokCapaian(
                objek.kode,
                objek.uraian,
                _("Sasaran") if jenis == "sasaran" else _("Tujuan"),
                objek.pk if jenis == "sasaran" else None,
            ),
        )
        jenis = f"{_label(Polaritas, c.polaritas)} · {_label(Agregasi, c.agregasi)}"
        k.baris.append(
            BarisCapaian(
                c,
                _tampil(c.realisasi),
                rumus_realisasi(c, sampai),
                warna.get(c.kategori, ""),
                jenis,
            )
        )
    for k in kelompok.values():
        k.rata = rata_dengan_rumus([b.c.nilai for b in k.baris if b.c.nilai is not None])
        k.kategori = aturan.kategori_dari(k.rata.nilai)
        k.warna = warna.get(k.kategori, "")
    return list(kelompok.values())


@dataclass
class BarisSerapan:
    """A program, kegiatan or sub-kegiatan with its realisation to date and serapan; a
    program linked to a Renstra sasaran also compares the sasaran's capaian (efisiensi)."""

    item: ItemAnggaran
    tingkat: int
    pagu: Decimal
    realisasi: Decimal
    serapan: Hasil
    capaian: Hasil | None = None
    efisiensi: Hasil | None = None


def susun_serapan(dpa, sampai: int, capaian_sasaran: dict[int, Hasil]):
    """The DPA tree with serapan per program, kegiatan and sub-kegiatan, and the total."""
    from .capaian import serapan

    sub, total = penilaian.serapan_dpa(dpa, sampai)
    semua = list(dpa.item.select_related("program_renstra").order_by("kode"))
    jumlah: dict[int, list[Decimal]] = {}
    induk = {i.pk: i.induk_id for i in semua}
    for s in sub:
        # a sub-kegiatan's money counts for its kegiatan and that kegiatan's program
        simpul = s.item.pk
        while simpul is not None:
            pagu, real = jumlah.get(simpul, [Decimal(0), Decimal(0)])
            jumlah[simpul] = [pagu + s.pagu, real + s.realisasi]
            simpul = induk.get(simpul)
    tingkat = {"program": 0, "kegiatan": 1, "sub": 2}
    baris = []
    for i in semua:
        pagu, real = jumlah.get(i.pk, [Decimal(0), Decimal(0)])
        b = BarisSerapan(i, tingkat[i.level], pagu, real, serapan(real, pagu))
        sasaran_id = i.program_renstra.sasaran_id if i.program_renstra else None
        if i.level == "program" and sasaran_id in capaian_sasaran:
            b.capaian = capaian_sasaran[sasaran_id]
            b.efisiensi = efisiensi(b.capaian.nilai, b.serapan.nilai)
        baris.append(b)
    return baris, total


def _sampai(request: HttpRequest) -> tuple[int, int]:
    return _periode(request, "sampai")


@dataclass
class RingkasanCapaian:
    """Everything the capaian page shows and the capaian matrix exports."""

    kelompok: list[KelompokCapaian]
    rata: Hasil
    kategori_rata: str
    serapan: list[BarisSerapan]
    total_serapan: Hasil | None
    efisiensi: Hasil


def ringkasan_capaian(instansi, tahun: int, sampai: int, hasil=None) -> RingkasanCapaian:
    hasil = hasil if hasil is not None else penilaian.capaian_renstra(instansi, tahun, sampai)
    kelompok = susun_capaian(instansi, tahun, sampai, hasil)
    rata = rata_dengan_rumus([c.nilai for c in hasil if c.nilai is not None])
    dpa = penilaian.dpa_tahun(instansi.pk, tahun)
    serapan, total = [], None
    if dpa is not None:
        per_sasaran = {k.sasaran_id: k.rata for k in kelompok if k.sasaran_id}
        serapan, total = susun_serapan(dpa, sampai, per_sasaran)
    return RingkasanCapaian(
        kelompok=kelompok,
        rata=rata,
        kategori_rata=penilaian.aturan_pemda(instansi.pemda_id).kategori_dari(rata.nilai),
        serapan=serapan,
        total_serapan=total,
        efisiensi=efisiensi(rata.nilai, total.nilai if total else None),
    )


def _tandai_menunggu(instansi, tahun: int, sampai: int, hasil) -> list[tuple]:
    """The submissions still waiting, attached to their rows: the page says why a figure
    did not move (they count once the Kasubag approves them)."""
    return penilaian.tandai_menunggu(hasil, penilaian.menunggu_persetujuan(instansi, tahun, sampai))


@login_required
def capaian(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Per sasaran: target, realisation to date, capaian and category, each with its
    formula; then serapan per program and sub-kegiatan and efficiency."""
    instansi = _instansi(request, instansi_id)
    tahun, sampai = _sampai(request)
    aturan = penilaian.aturan_pemda(instansi.pemda_id)
    warna = warna_kategori(instansi.pemda_id)
    hasil = penilaian.capaian_renstra(instansi, tahun, sampai)
    menunggu = _tandai_menunggu(instansi, tahun, sampai, hasil)
    ringkasan = ringkasan_capaian(instansi, tahun, sampai, hasil)
    return render(
        request,
        "pengukuran/dasbor_capaian.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "sampai": sampai,
            "nama_bulan": _nama_bulan(sampai),
            "daftar_bulan": _daftar_bulan(),
            "r": ringkasan,
            "warna_rata": warna.get(ringkasan.kategori_rata, ""),
            "skala_kategori": [
                (batas, nama, warna.get(nama, "")) for batas, nama in aturan.kategori
            ],
            "aturan": aturan,
            "warna": warna,
            "menunggu": menunggu,
            "boleh_memeriksa": services.boleh_memeriksa(request.user, instansi.pk),
            "menu": "capaian",
        },
    )


@login_required
def capaian_excel(request: HttpRequest, instansi_id: int) -> HttpResponse:
    from . import excel

    instansi = _instansi(request, instansi_id)
    tahun, sampai = _sampai(request)
    isi = excel.ekspor_capaian(instansi, tahun, sampai, ringkasan_capaian(instansi, tahun, sampai))
    return _unduh(isi, excel.nama_berkas("Capaian", instansi, tahun, sampai))


# ---------------------------------------------------------------- dashboard


def _desimal_json(nilai) -> float | None:
    """Chart.js reads numbers; DjangoJSONEncoder would write Decimals as strings."""
    if nilai is None or isinstance(nilai, str):
        return None
    return float(Decimal(nilai).quantize(Decimal("0.01")))


def _serapan_per_bulan(instansi, tahun: int, sampai: int) -> list[Decimal | None]:
    """The DPA's serapan to the end of each month (one DPA read)."""
    dpa = penilaian.dpa_tahun(instansi.pk, tahun)
    if dpa is None:
        return [None] * sampai
    sub, _total = penilaian.serapan_dpa(dpa, sampai)
    pagu = sum((s.pagu for s in sub), Decimal(0))
    hasil, kumulatif = [], Decimal(0)
    for b in range(sampai):
        kumulatif += sum((s.bulanan[b] for s in sub), Decimal(0))
        hasil.append(kumulatif / pagu * 100 if pagu else None)
    return hasil


@login_required
def dasbor(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Charts of the agency's year: capaian per indicator and sasaran, one indicator's
    monthly trend against its target, and serapan against capaian month by month."""
    instansi = _instansi(request, instansi_id)
    tahun, sampai = _sampai(request)
    # Capaian to the end of each month, by the same function as the capaian page: a fixed
    # number of queries per month, none per indicator.
    per_bulan = penilaian.capaian_renstra_bulanan(instansi, tahun, sampai)
    akhir = per_bulan[-1]
    menunggu = _tandai_menunggu(instansi, tahun, sampai, akhir)
    ringkasan = ringkasan_capaian(instansi, tahun, sampai, akhir)
    warna = warna_kategori(instansi.pemda_id)
    capaian_bulan = [penilaian.rata_capaian(hasil) for hasil in per_bulan]
    serapan_bulan = _serapan_per_bulan(instansi, tahun, sampai)

    pilihan = _bilangan(request, "indikator", 0, 0, 2**31)
    terpilih = next((c for c in akhir if c.indikator_id == pilihan), None) or next(
        (c for c in akhir if c.realisasi is not None), akhir[0] if akhir else None
    )
    label_bulan = BULAN_PENDEK[:sampai]
    data = {
        "capaian": {
            "label": [c.kode for c in akhir],
            "nama": [c.nama for c in akhir],
            "nilai": [_desimal_json(c.nilai) for c in akhir],
            "warna": [warna.get(c.kategori, ABU) for c in akhir],
        },
        "sasaran": {
            "label": [k.kode for k in ringkasan.kelompok],
            "nama": [k.uraian for k in ringkasan.kelompok],
            "nilai": [_desimal_json(k.rata.nilai) for k in ringkasan.kelompok],
            "warna": [k.warna or ABU for k in ringkasan.kelompok],
        },
        "tren": _tren(terpilih, per_bulan, tahun) if terpilih else None,
        "serapan_capaian": {
            "bulan": label_bulan,
            "capaian": [_desimal_json(n) for n in capaian_bulan],
            "serapan": [_desimal_json(n) for n in serapan_bulan],
        },
        "teks": {
            "capaian": _("Capaian (%)"),
            "capaian_kinerja": _("Capaian kinerja (rata-rata)"),
            "serapan": _("Serapan anggaran"),
        },
    }
    judul_bar = _("Capaian per indikator s.d. %(b)s %(t)s") % {"b": _nama_bulan(sampai), "t": tahun}
    judul_garis = _("Serapan anggaran dan capaian kinerja %(t)s") % {"t": tahun}
    # grafik escapes every text it writes: its SVG goes into the page as it is.
    svg_capaian = grafik.bar_svg(
        [(f"{c.kode} {c.nama}", c.nilai) for c in akhir],
        judul=judul_bar,
        warna=[warna.get(c.kategori, ABU) for c in akhir],
    )
    svg_serapan = grafik.garis_svg(
        label_bulan,
        [
            (_("Capaian kinerja (rata-rata)"), capaian_bulan, "#0b4f8a"),
            (_("Serapan anggaran"), serapan_bulan, "#b54708"),
        ],
        judul=judul_garis,
        satuan="%",
    )
    terisi = sum(1 for c in akhir if c.bulanan[sampai - 1] not in (None, ""))
    return render(
        request,
        "pengukuran/dasbor.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "sampai": sampai,
            "nama_bulan": _nama_bulan(sampai),
            "daftar_bulan": _daftar_bulan(),
            "akhir": akhir,
            "r": ringkasan,
            "warna_rata": warna.get(ringkasan.kategori_rata, ""),
            "terisi": terisi,
            "terpilih": terpilih,
            "tinggi_capaian": max(220, 60 + 28 * len(akhir)),
            "data_grafik": data,
            "svg_capaian": mark_safe(svg_capaian),
            "svg_serapan": mark_safe(svg_serapan),
            "menunggu": menunggu,
            "menunggu_bulan_ini": sum(1 for _c, m in menunggu if m.bulan == sampai),
            "boleh_memeriksa": services.boleh_memeriksa(request.user, instansi.pk),
            "menu": "dasbor",
        },
    )


def _tren(c: penilaian.CapaianIndikator, per_bulan: list, tahun: int) -> dict:
    """One indicator month by month: the month's value, the value to date and the target;
    a scale indicator (WTP, WDP …) is drawn as its capaian against 100%."""
    urutan = next(i for i, x in enumerate(per_bulan[-1]) if x.indikator_id == c.indikator_id)
    sd_bulan = [hasil[urutan] for hasil in per_bulan]
    n = len(sd_bulan)
    t = (
        TargetTahunan.objects.filter(indikator_id=c.indikator_id, tahun=tahun)
        .select_related("indikator")
        .first()
    )
    judul = f"{c.kode} {c.nama}"
    if (t is not None and t.indikator.skala_id) or any(isinstance(v, str) for v in c.bulanan):
        seri = [
            (_("Capaian s.d. bulan"), [_desimal_json(x.nilai) for x in sd_bulan]),
            (_("Target"), [100.0] * n),
        ]
        return {"judul": judul, "satuan": "%", "seri": _seri(seri)}
    target = t.target if t is not None else None
    seri = [
        (_("Realisasi bulan itu"), [_desimal_json(v) for v in c.bulanan[:n]]),
        (_("Realisasi s.d. bulan"), [_desimal_json(x.realisasi) for x in sd_bulan]),
        (
            _("Target") if t is None or t.target_atas is None else _("Target (batas bawah)"),
            [_desimal_json(target)] * n,
        ),
    ]
    if t is not None and t.target_atas is not None:
        seri.append((_("Target (batas atas)"), [_desimal_json(t.target_atas)] * n))
    return {"judul": judul, "satuan": c.satuan, "seri": _seri(seri)}


def _seri(seri: list[tuple[str, list]]) -> list[dict]:
    """Chart.js series; targets are drawn dashed."""
    return [
        {"label": label, "nilai": nilai, "target": label.startswith(_("Target"))}
        for label, nilai in seri
    ]


# ---------------------------------------------------------------- Excel


@login_required
def realisasi_templat(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """The month's sheet with the indicators the user fills and what is already stored."""
    from . import excel

    instansi = _instansi(request, instansi_id)
    tahun, bulan = _periode(request)
    daftar, _pemeriksa = f.acuan_pengguna(request.user, instansi, tahun)
    isi = excel.templat_realisasi(instansi, tahun, bulan, daftar)
    return _unduh(isi, excel.nama_berkas("Realisasi", instansi, tahun, bulan))


@login_required
def realisasi_impor(request: HttpRequest, instansi_id: int) -> HttpResponse:
    """Upload the month's sheet: every row is written, or none and a table of what is wrong."""
    from . import excel

    instansi = _instansi(request, instansi_id)
    tahun, bulan = _periode(request)
    form = f.ImporRealisasiForm(request.POST or None, request.FILES or None)
    hasil = None
    if request.method == "POST" and form.is_valid():
        hasil = excel.impor_realisasi(
            aktor=request.user,
            instansi=instansi,
            tahun=tahun,
            bulan=bulan,
            berkas=form.cleaned_data["berkas"],
            ajukan=form.cleaned_data["ajukan"],
        )
        if hasil.berhasil:
            messages.success(
                request,
                _("Impor selesai: %(d)s realisasi baru, %(u)s diubah.")
                % {"d": hasil.dibuat, "u": hasil.diubah},
            )
            return redirect(_url("realisasi", instansi.pk, tahun=tahun, bulan=bulan))
    return render(
        request,
        "pengukuran/realisasi_impor.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "bulan": bulan,
            "nama_bulan": _nama_bulan(bulan),
            "form": form,
            "hasil": hasil,
            "menu": "realisasi",
        },
    )
