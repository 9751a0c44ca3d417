"""The agency's measurement forms: a month's realisasi per indicator, the Kasubag's review,
closing a month, the budget realisation of the month, and the Excel upload.

Which indicators a person fills is decided once, in `daftar_acuan`: the Renstra indicators
whose responsible position they hold and the own (not Renstra-linked) indicators of their
PK — or every one of them for the planning Kasubag and the head. Every save goes through
`services`, which checks the same rule again and keeps the month lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sakip.lib.formatting import angka
from sakip.organisasi.pemangku import jabatan_dipegang_ids
from sakip.perencanaan.forms import ImporForm, RupiahField, baca_angka
from sakip.perencanaan.models import (
    Indikator,
    IndikatorPK,
    ItemAnggaran,
    PerjanjianKinerja,
    TargetTahunan,
)

from . import services
from .models import Realisasi, RealisasiAnggaran

BULAN_PANJANG = [
    _("Januari"),
    _("Februari"),
    _("Maret"),
    _("April"),
    _("Mei"),
    _("Juni"),
    _("Juli"),
    _("Agustus"),
    _("September"),
    _("Oktober"),
    _("November"),
    _("Desember"),
]
BULAN_PENDEK = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def tulis_angka(nilai: Decimal | None) -> str:
    """82.5000 → '82,5': as many decimals as the value has (at most four), Indonesian style."""
    if nilai is None:
        return ""
    nilai = Decimal(nilai)
    desimal = 0 if nilai == nilai.to_integral() else min(4, -nilai.normalize().as_tuple().exponent)
    return angka(nilai, desimal)


# ---------------------------------------------------------------- who fills what


@dataclass
class Acuan:
    """An indicator a month's realisasi is entered for: a Renstra indicator or an own PK
    indicator (a PK indicator linked to the Renstra is measured by that Renstra indicator)."""

    kunci: str  # "i12" / "p7": the grid row's id and the `acuan` parameter
    kode: str  # the Renstra code, or "PK-7" — the key of a row in the Excel sheet
    nama: str
    satuan: str
    target: str  # the year's target as displayed
    target_angka: Decimal | None  # the same as a number, when it is one (not a range or scale)
    skala: list[str] | None  # the scale's values (best first) when it is not a number
    kelompok: str  # the sasaran, tujuan or PK sasaran it is grouped under
    jabatan_id: int | None  # the position responsible for it
    jabatan_nama: str
    indikator: Indikator | None = None
    indikator_pk: IndikatorPK | None = None

    def realisasi_baru(self, instansi, tahun: int, bulan: int) -> Realisasi:
        return Realisasi(
            instansi=instansi,
            tahun=tahun,
            bulan=bulan,
            indikator=self.indikator,
            indikator_pk=self.indikator_pk,
        )


def daftar_acuan(instansi, tahun: int, *, jabatan_ids: set[int] | None = None) -> list[Acuan]:
    """The agency's indicators measured monthly in `tahun` (three queries), in the Renstra's
    order then the PKs'; only those of `jabatan_ids` when given."""
    renstra = (
        Indikator.objects.filter(
            renstra__instansi=instansi,
            renstra__tahun_awal__lte=tahun,
            renstra__tahun_akhir__gte=tahun,
        )
        .select_related("skala", "sasaran", "tujuan", "penanggung_jawab")
        .order_by("urutan", "kode")
    )
    pk = (
        IndikatorPK.objects.filter(
            sasaran__pk_dokumen__instansi=instansi,
            sasaran__pk_dokumen__tahun=tahun,
            indikator_renstra__isnull=True,
        )
        .exclude(sasaran__pk_dokumen__status=PerjanjianKinerja.Status.DIGANTI)
        .select_related("sasaran__pk_dokumen__jabatan")
        .order_by("sasaran__pk_dokumen__jabatan__urutan", "sasaran__urutan", "urutan", "id")
    )
    if jabatan_ids is not None:
        renstra = renstra.filter(penanggung_jawab_id__in=jabatan_ids)
        pk = pk.filter(sasaran__pk_dokumen__jabatan_id__in=jabatan_ids)
    renstra = list(renstra)
    target = {
        t.indikator_id: t for t in TargetTahunan.objects.filter(indikator__in=renstra, tahun=tahun)
    }
    hasil = []
    for i in renstra:
        induk = i.sasaran or i.tujuan
        t = target.get(i.pk)
        hasil.append(
            Acuan(
                kunci=f"i{i.pk}",
                kode=i.kode,
                nama=i.nama,
                satuan=i.satuan,
                target=t.target_tampil() if t else "—",
                target_angka=t.target if t and t.target_atas is None else None,
                skala=[str(v) for v in i.skala.nilai] if i.skala else None,
                kelompok=f"{induk.kode} {induk.uraian}",
                jabatan_id=i.penanggung_jawab_id,
                jabatan_nama=i.penanggung_jawab.nama if i.penanggung_jawab else "",
                indikator=i,
            )
        )
    for i in pk:
        dokumen = i.sasaran.pk_dokumen
        hasil.append(
            Acuan(
                kunci=f"p{i.pk}",
                kode=f"PK-{i.pk}",
                nama=i.nama,
                satuan=i.satuan,
                target=i.target_tampil(),
                target_angka=i.target if i.target_atas is None else None,
                skala=None,  # an own PK indicator has no scale (NilaiTarget without acuan)
                kelompok=_("PK %(j)s: %(s)s") % {"j": dokumen.jabatan.nama, "s": i.sasaran.uraian},
                jabatan_id=dokumen.jabatan_id,
                jabatan_nama=dokumen.jabatan.nama,
                indikator_pk=i,
            )
        )
    return hasil


def realisasi_bulan(instansi, tahun: int, bulan: int, qs=None) -> dict[str, Realisasi]:
    """The month's stored realisations by the `Acuan.kunci` of their indicator (one query;
    `qs` adds what the caller draws, e.g. select_related)."""
    qs = Realisasi.objects.all() if qs is None else qs
    return {
        (f"i{r.indikator_id}" if r.indikator_id else f"p{r.indikator_pk_id}"): r
        for r in qs.filter(instansi=instansi, tahun=tahun, bulan=bulan)
    }


def acuan_pengguna(user, instansi, tahun: int) -> tuple[list[Acuan], bool]:
    """(the indicators `user` fills in `tahun`, whether they review the agency's data)."""
    pemeriksa = services.boleh_memeriksa(user, instansi.pk)
    if pemeriksa:
        return daftar_acuan(instansi, tahun), True
    if not type(instansi).objects.for_user(user, ubah=True).filter(pk=instansi.pk).exists():
        return [], False  # evaluators and other readers fill nothing
    return daftar_acuan(instansi, tahun, jabatan_ids=jabatan_dipegang_ids(user)), False


# ---------------------------------------------------------------- one row of the month


class AngkaField(forms.CharField):
    """A realisation typed as people write it: '82,5', '1.234,5' or '82.5'."""

    def clean(self, value):
        teks = super().clean(value).strip()
        if not teks:
            return None
        nilai = baca_angka(teks)
        if nilai is None:
            raise ValidationError(_("“%(t)s” bukan angka; tulis mis. 82,5.") % {"t": teks})
        return nilai


class BarisRealisasiForm(forms.Form):
    """One indicator's realisation for the month, with optional evidence; saved as a draft
    or submitted ("Ajukan") for the Kasubag's review."""

    nilai = AngkaField(label=_("Realisasi"), required=False, max_length=30)
    catatan = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    bukti_berkas = forms.FileField(
        label=_("Berkas bukti"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"}),
        help_text=_("PDF, DOCX, XLSX, PNG atau JPG."),
    )
    bukti_tautan = forms.URLField(label=_("Tautan bukti"), required=False, assume_scheme="https")
    bukti_keterangan = forms.CharField(label=_("Keterangan bukti"), required=False, max_length=300)
    aksi = forms.ChoiceField(
        choices=[("draf", _("Simpan draf")), ("ajukan", _("Ajukan"))], required=False
    )

    def __init__(self, *args, acuan: Acuan, realisasi: Realisasi, **kwargs):
        kwargs.setdefault("auto_id", f"id_{acuan.kunci}_%s")
        super().__init__(*args, **kwargs)
        self.acuan, self.realisasi = acuan, realisasi
        self.fields["nilai"].widget.attrs.update({"inputmode": "decimal", "size": 8})
        if acuan.skala is not None:
            pilihan = [("", "—"), *((v, v) for v in acuan.skala)]
            self.fields["nilai"] = forms.ChoiceField(
                label=_("Realisasi"), choices=pilihan, required=False
            )
        # The row's inputs sit in several table cells; they belong to the row's own form.
        for field in self.fields.values():
            field.widget.attrs["form"] = f"f-{acuan.kunci}"
        self.initial.setdefault(
            "nilai", realisasi.nilai_skala if acuan.skala else tulis_angka(realisasi.nilai)
        )
        self.initial.setdefault("catatan", realisasi.catatan)

    @property
    def ajukan(self) -> bool:
        return self.cleaned_data.get("aksi") == "ajukan"

    def clean(self):
        data = super().clean()
        nilai = data.get("nilai")
        if self.ajukan and nilai in (None, "") and "nilai" not in self.errors:
            self.add_error("nilai", _("Isi realisasi sebelum mengajukan."))
        return data

    def simpan(self, aktor) -> Realisasi:
        """Write the realisation and the evidence together (`services.isi_realisasi`):
        refused evidence keeps the value unsaved too, so nobody submits a row whose proof
        silently went missing."""
        r, nilai = self.realisasi, self.cleaned_data["nilai"]
        skala = self.acuan.skala is not None
        return services.isi_realisasi(
            aktor=aktor,
            instansi_id=r.instansi_id,
            tahun=r.tahun,
            bulan=r.bulan,
            indikator=self.acuan.indikator,
            indikator_pk=self.acuan.indikator_pk,
            nilai=None if skala else nilai,
            nilai_skala=(nilai or "") if skala else "",
            catatan=self.cleaned_data["catatan"].strip(),
            ajukan=self.ajukan,
            berkas=self.cleaned_data.get("bukti_berkas"),
            tautan=self.cleaned_data.get("bukti_tautan") or "",
            keterangan_bukti=self.cleaned_data["bukti_keterangan"].strip(),
        )


class PeriksaForm(forms.Form):
    """The Kasubag's decision on a submitted realisation; returning needs a note."""

    keputusan = forms.ChoiceField(
        choices=[("setuju", _("Setujui")), ("kembalikan", _("Kembalikan"))]
    )
    catatan = forms.CharField(
        label=_("Catatan pemeriksa"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, realisasi: Realisasi, **kwargs):
        kwargs.setdefault("auto_id", f"id_periksa_{realisasi.pk}_%s")
        super().__init__(*args, **kwargs)
        self.realisasi = realisasi

    def clean(self):
        data = super().clean()
        if self.realisasi.status != Realisasi.Status.DIAJUKAN:
            raise ValidationError(_("Realisasi ini tidak sedang diajukan untuk diperiksa."))
        return data

    def simpan(self, aktor) -> Realisasi:
        return services.periksa_realisasi(
            aktor=aktor,
            realisasi=self.realisasi,
            setuju=self.cleaned_data["keputusan"] == "setuju",
            catatan=self.cleaned_data["catatan"],
        )


class PenutupanForm(forms.Form):
    """Close a month, or reopen it with a reason (the service refuses an empty one)."""

    tahun = forms.IntegerField(min_value=2000, max_value=2100)
    bulan = forms.IntegerField(min_value=1, max_value=12)
    aksi = forms.ChoiceField(choices=[("tutup", _("Tutup bulan")), ("buka", _("Buka kembali"))])
    alasan = forms.CharField(
        label=_("Alasan membuka kembali"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def simpan(self, aktor, instansi):
        d = self.cleaned_data
        if d["aksi"] == "tutup":
            return services.tutup_bulan(
                aktor=aktor, instansi=instansi, tahun=d["tahun"], bulan=d["bulan"]
            )
        return services.buka_bulan(
            aktor=aktor, instansi=instansi, tahun=d["tahun"], bulan=d["bulan"], alasan=d["alasan"]
        )


class AnggaranBulanForm(forms.Form):
    """The month's budget realisation of every DPA sub-kegiatan; one service call per
    changed row, all in one transaction."""

    def __init__(self, *args, sub_kegiatan: list[ItemAnggaran], bulan: int, ada: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.sub_kegiatan, self.bulan, self.ada = sub_kegiatan, bulan, ada
        for item in sub_kegiatan:
            nama = f"item_{item.pk}"
            self.fields[nama] = RupiahField(label=f"{item.kode} {item.nama}", required=False)
            lama = ada.get(item.pk)
            self.initial[nama] = lama.jumlah if lama is not None else None

    def simpan(self, aktor) -> int:
        ditulis = 0
        with transaction.atomic():
            for item in self.sub_kegiatan:
                jumlah = self.cleaned_data[f"item_{item.pk}"]
                lama: RealisasiAnggaran | None = self.ada.get(item.pk)
                if jumlah is None and lama is None:
                    continue
                jumlah = jumlah if jumlah is not None else Decimal(0)
                if lama is not None and lama.jumlah == jumlah:
                    continue
                services.simpan_realisasi_anggaran(
                    aktor=aktor, item=item, bulan=self.bulan, jumlah=jumlah
                )
                ditulis += 1
        return ditulis


class ImporRealisasiForm(ImporForm):
    ajukan = forms.BooleanField(
        label=_("Langsung ajukan ke Kasubag setelah impor"),
        required=False,
        help_text=_("Tanpa centang, baris yang diimpor tersimpan sebagai draf."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].help_text = _(
            "Pakai templat bulan ini dari tombol “Unduh templat Excel”."
        )
