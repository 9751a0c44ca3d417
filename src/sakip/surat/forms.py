"""Forms of the agenda book: they parse input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.lib.teks import satu_baris
from sakip.organisasi.models import Jabatan
from sakip.sop.models import SopInstansi

from .models import KodeKlasifikasi, PengaturanSurat, Surat
from .services import INSTRUKSI_BAKU, hari_ini

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class KlasifikasiField(forms.ModelChoiceField):
    """A code chosen by its text ("000.7.2.7"), shown with its description."""

    def __init__(self, **kw):
        kw.setdefault("queryset", KodeKlasifikasi.objects.all())
        kw.setdefault("to_field_name", "kode")
        kw.setdefault("label", _("Kode klasifikasi"))
        super().__init__(**kw)

    def label_from_instance(self, obj: KodeKlasifikasi) -> str:
        return f"{obj.kode} — {obj.nama}"


class PencarianForm(forms.Form):
    """The agenda search; every field optional, unknown values ignored by `cari_agenda`."""

    q = forms.CharField(label=_("Cari"), required=False)
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=TANGGAL)
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=TANGGAL)
    pihak = forms.CharField(label=_("Asal/tujuan"), required=False)
    klasifikasi = forms.CharField(label=_("Kode klasifikasi"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua"))] + Surat.Status.choices
    )


class SuratMasukForm(forms.Form):
    asal = forms.CharField(label=_("Surat dari"), max_length=250, validators=[satu_baris])
    nomor_surat = forms.CharField(label=_("Nomor surat"), max_length=120, validators=[satu_baris])
    tanggal_surat = forms.DateField(label=_("Tanggal surat"), widget=TANGGAL)
    diterima_pada = forms.DateField(label=_("Diterima tanggal"), widget=TANGGAL)
    sifat = forms.ChoiceField(label=_("Sifat"), choices=Surat.Sifat.choices, initial="biasa")
    perihal = forms.CharField(label=_("Perihal"), max_length=500, validators=[satu_baris])
    lampiran = forms.CharField(
        label=_("Lampiran"), max_length=120, required=False, help_text=_("Mis. 1 (satu) berkas.")
    )
    klasifikasi = KlasifikasiField(required=False)
    keterangan = forms.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea)
    berkas = forms.FileField(
        label=_("Pindaian surat"),
        help_text=_("PDF, JPG atau PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.fields["diterima_pada"].initial = hari_ini()


class SuratKeluarForm(forms.Form):
    perihal = forms.CharField(label=_("Perihal"), max_length=500, validators=[satu_baris])
    tujuan = forms.CharField(label=_("Kepada (tujuan)"), max_length=500, validators=[satu_baris])
    klasifikasi = KlasifikasiField()
    tanggal = forms.DateField(label=_("Tanggal surat"), widget=TANGGAL)
    lampiran = forms.CharField(label=_("Lampiran"), max_length=120, required=False)
    keterangan = forms.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea)
    berkas = forms.FileField(
        label=_("Naskah surat (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}),
    )
    beri_nomor = forms.BooleanField(
        label=_("Ambil nomor surat sekarang"), required=False, initial=True
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.fields["tanggal"].initial = hari_ini()


class PengaturanForm(forms.ModelForm):
    class Meta:
        model = PengaturanSurat
        fields = ["pola_nomor", "urut_per_klasifikasi"]
        help_texts = {
            "pola_nomor": _(
                "Isian: {kode} kode klasifikasi, {nomor} nomor urut (mis. {nomor:03d} = 015), "
                "{unit} kode unit instansi, {tahun}, {bulan}, {bulan_romawi} (I–XII)."
            )
        }


class BatalForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan pembatalan"), widget=forms.Textarea(attrs={"rows": 2}))


class DisposisiForm(forms.Form):
    kepada = forms.ModelChoiceField(label=_("Diteruskan kepada"), queryset=Jabatan.objects.none())
    instruksi = forms.MultipleChoiceField(
        label=_("Instruksi"),
        required=False,
        choices=[(i, i) for i in INSTRUKSI_BAKU],
        widget=forms.CheckboxSelectMultiple,
    )
    catatan = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    sifat = forms.ChoiceField(label=_("Sifat"), choices=Surat.Sifat.choices)
    batas_waktu = forms.DateField(label=_("Batas waktu"), required=False, widget=TANGGAL)
    induk = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, instansi=None, surat: Surat | None = None, **kw):
        super().__init__(*args, **kw)
        if instansi is not None:
            self.fields["kepada"].queryset = Jabatan.objects.filter(instansi=instansi)
        if surat is not None:
            self.fields["sifat"].initial = surat.sifat


class TanggapanForm(forms.Form):
    tanggapan = forms.CharField(label=_("Tanggapan"), widget=forms.Textarea(attrs={"rows": 2}))
    selesai = forms.BooleanField(label=_("Tandai selesai"), required=False, initial=True)


class MulaiSopForm(forms.Form):
    sop = forms.ModelChoiceField(label=_("SOP"), queryset=SopInstansi.objects.none())
    judul = forms.CharField(label=_("Judul pelaksanaan"), max_length=300, required=False)
    periode = forms.CharField(label=_("Periode"), max_length=20, required=False)

    def __init__(self, *args, instansi=None, **kw):
        super().__init__(*args, **kw)
        if instansi is not None:
            self.fields["sop"].queryset = SopInstansi.objects.filter(instansi=instansi, aktif=True)
