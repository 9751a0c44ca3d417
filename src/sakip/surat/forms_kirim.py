"""Forms of the distribution pages: recipient rows, a paper receipt, closing, the archive filter.

Recipient rows are two plain formsets (internal positions, external addresses) that work
without JavaScript: five empty rows of each, and a "Tambah baris" button that redraws the
form with more. Rules (who may receive how) live in `distribusi.mulai_pengiriman`.
"""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Penerima

BARIS_AWAL = 5
BARIS_TAMBAHAN = 3
Cara = Penerima.Cara


class BarisInternalForm(forms.Form):
    jabatan = forms.TypedChoiceField(
        label=_("Jabatan penerima"), required=False, coerce=int, empty_value=None
    )
    cara = forms.ChoiceField(
        label=_("Cara kirim"),
        choices=[(Cara.APLIKASI, Cara.APLIKASI.label), (Cara.KERTAS, Cara.KERTAS.label)],
        initial=Cara.APLIKASI,
    )

    def __init__(self, *args, pilihan_jabatan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jabatan"].choices = [("", _("— pilih jabatan —")), *pilihan_jabatan]

    def baris(self, jabatan_map: dict) -> dict | None:
        """The service's dict for this row, or None for an empty row."""
        pk = self.cleaned_data.get("jabatan")
        if not pk:
            return None
        return {"jabatan": jabatan_map.get(pk), "cara": self.cleaned_data.get("cara")}


class BarisEksternalForm(forms.Form):
    nama = forms.CharField(label=_("Nama / instansi penerima"), max_length=200, required=False)
    email = forms.EmailField(label=_("Surel"), required=False)
    alamat = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    cara = forms.ChoiceField(
        label=_("Cara kirim"),
        choices=[(Cara.EMAIL, Cara.EMAIL.label), (Cara.KERTAS, Cara.KERTAS.label)],
        initial=Cara.EMAIL,
    )

    def baris(self) -> dict | None:
        d = self.cleaned_data
        if not (d.get("nama") or d.get("email") or d.get("alamat")):
            return None
        return {
            "nama": d.get("nama", ""),
            "email": d.get("email", ""),
            "alamat": d.get("alamat", ""),
            "cara": d.get("cara"),
        }


BarisInternalSet = forms.formset_factory(BarisInternalForm, extra=BARIS_AWAL)
BarisEksternalSet = forms.formset_factory(BarisEksternalForm, extra=BARIS_AWAL)


def pilihan_jabatan(jabatan_list) -> list:
    """Positions grouped by agency for a <select> with <optgroup>, holders named."""
    per_instansi = defaultdict(list)
    for j in jabatan_list:
        orang = ", ".join(p.nama_lengkap for p, _jenis in j.pemangku_aktif())
        label = f"{j.nama} — {orang}" if orang else f"{j.nama} ({_('kosong')})"
        per_instansi[j.instansi.nama].append((j.pk, label))
    return [(nama, pilihan) for nama, pilihan in per_instansi.items()]


class FormKirim:
    """The two recipient formsets of one distribution form, bound or not."""

    def __init__(self, jabatan_list, data=None, tambah: bool = False):
        self.jabatan_map = {j.pk: j for j in jabatan_list}
        pilihan = pilihan_jabatan(jabatan_list)
        if data is not None and tambah:
            data = data.copy()
            for awalan in ("int", "eks"):
                kunci = f"{awalan}-TOTAL_FORMS"
                data[kunci] = str(_angka(data.get(kunci)) + BARIS_TAMBAHAN)
        self.internal = BarisInternalSet(
            data, prefix="int", form_kwargs={"pilihan_jabatan": pilihan}
        )
        self.eksternal = BarisEksternalSet(data, prefix="eks")

    def is_valid(self) -> bool:
        return self.internal.is_valid() and self.eksternal.is_valid()

    def penerima(self) -> list[dict]:
        hasil = [b for f in self.internal.forms if (b := f.baris(self.jabatan_map))]
        hasil += [b for f in self.eksternal.forms if (b := f.baris())]
        return hasil


def _angka(teks) -> int:
    try:
        return max(0, min(int(teks), 50))
    except (TypeError, ValueError):
        return BARIS_AWAL


class TandaTerimaForm(forms.Form):
    diterima_oleh = forms.CharField(label=_("Diterima oleh (nama)"), max_length=200)
    berkas = forms.FileField(
        label=_("Pindaian tanda terima (PDF, JPG, PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class TutupForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan menutup pengiriman"), widget=forms.Textarea(attrs={"rows": 2})
    )


class KonfirmasiForm(forms.Form):
    nama = forms.CharField(
        label=_("Nama penerima"),
        max_length=200,
        error_messages={"required": _("Isi nama Anda sebagai penerima surat.")},
    )


class SaringArsipForm(forms.Form):
    kode = forms.ChoiceField(label=_("Kode klasifikasi"), required=False)
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(label=_("Cari nomor atau perihal"), required=False, max_length=100)

    def __init__(self, *args, kode_list=(), tahun_list=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kode"].choices = [
            ("", _("Semua kode")),
            *[(k.kode, f"{k.kode} {k.nama}") for k in kode_list],
            ("-", _("Tanpa klasifikasi")),
        ]
        self.fields["tahun"].choices = [("", _("Semua tahun")), *[(t, t) for t in tahun_list]]
