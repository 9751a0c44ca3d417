from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.lib.teks import satu_baris
from sakip.organisasi.models import Pegawai


class BanyakBerkasInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", BanyakBerkasInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class TimMixin(forms.Form):
    """Team members and leader, chosen among the agency's people."""

    tim = forms.ModelMultipleChoiceField(
        label=_("Anggota tim"),
        queryset=Pegawai.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ketua = forms.ModelChoiceField(
        label=_("Ketua tim"), queryset=Pegawai.objects.none(), required=False
    )

    def atur_tim(self, instansi, wajib: bool) -> None:
        orang = Pegawai.objects.filter(instansi=instansi, is_active=True).select_related("jabatan")
        self.fields["tim"].queryset = orang
        self.fields["ketua"].queryset = orang
        self.fields["tim"].label_from_instance = lambda p: (
            f"{p.nama_lengkap} — {p.jabatan.nama}" if p.jabatan_id else p.nama_lengkap
        )
        if not wajib:
            del self.fields["tim"]
            del self.fields["ketua"]
        else:
            self.fields["tim"].required = True
            self.fields["ketua"].required = True

    def clean(self):
        data = super().clean()
        tim, ketua = data.get("tim"), data.get("ketua")
        if "tim" in self.fields and ketua and tim is not None and ketua not in tim:
            self.add_error("ketua", _("Ketua harus salah satu anggota tim."))
        return data


class MulaiForm(TimMixin):
    judul = forms.CharField(
        label=_("Judul"),
        max_length=300,
        help_text=_("Mis. “Laporan Bulanan Oktober 2026”."),
        validators=[satu_baris],  # the title goes into email subjects
    )
    periode = forms.CharField(
        label=_("Periode"),
        max_length=20,
        required=False,
        validators=[satu_baris],
        help_text=_("Opsional, mis. 2026-10, 2026-Q4, 2026."),
    )


class SelesaiForm(TimMixin):
    catatan = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    berkas = BanyakBerkasField(
        label=_("Lampiran"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, PNG atau JPG; boleh lebih dari satu."),
    )


class KeputusanForm(forms.Form):
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila dikembalikan untuk diperbaiki."),
    )


class AlihkanForm(forms.Form):
    kepada = forms.ModelChoiceField(label=_("Alihkan kepada"), queryset=Pegawai.objects.none())
    catatan = forms.CharField(label=_("Catatan"), required=False, max_length=500)

    def __init__(self, *args, calon=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kepada"].queryset = Pegawai.objects.filter(pk__in=[p.pk for p in calon])


class BatalForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan pembatalan"), widget=forms.Textarea(attrs={"rows": 2}))


def _daftar(teks: str) -> list[str]:
    return [baris.strip() for baris in (teks or "").splitlines() if baris.strip()]


class IdentitasForm(forms.Form):
    """PermenPAN-RB 35/2012 identity fields of an SOP (lists: one item per line)."""

    nama = forms.CharField(label=_("Nama SOP"), max_length=300)
    nomor_sop = forms.CharField(label=_("Nomor SOP"), max_length=100, required=False)
    tanggal_pembuatan = forms.DateField(label=_("Tanggal pembuatan"), required=False)
    tanggal_revisi = forms.DateField(label=_("Tanggal revisi"), required=False)
    tanggal_efektif = forms.DateField(label=_("Tanggal efektif"), required=False)
    disahkan_jabatan = forms.CharField(
        label=_("Disahkan oleh — jabatan"), max_length=200, required=False
    )
    disahkan_nama = forms.CharField(label=_("Disahkan oleh — nama"), max_length=200, required=False)
    disahkan_nip = forms.CharField(label=_("Disahkan oleh — NIP"), max_length=30, required=False)
    dasar_hukum = forms.CharField(
        label=_("Dasar hukum"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu baris satu peraturan."),
    )
    kualifikasi_pelaksana = forms.CharField(
        label=_("Kualifikasi pelaksana"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    keterkaitan = forms.CharField(
        label=_("Keterkaitan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    peralatan_perlengkapan = forms.CharField(
        label=_("Peralatan/perlengkapan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    peringatan = forms.CharField(
        label=_("Peringatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    pencatatan_pendataan = forms.CharField(
        label=_("Pencatatan dan pendataan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    catatan_perubahan = forms.CharField(
        label=_("Catatan perubahan"),
        max_length=300,
        required=False,
        help_text=_("Mis. “Waktu langkah 5 disesuaikan”."),
    )

    @staticmethod
    def awal(definisi: dict) -> dict:
        i = definisi.get("identitas", {})
        disahkan = i.get("disahkan_oleh") or {}
        gabung = lambda v: "\n".join(v) if isinstance(v, list) else (v or "")  # noqa: E731
        return {
            "nama": definisi["nama"],
            "nomor_sop": i.get("nomor_sop", ""),
            "tanggal_pembuatan": i.get("tanggal_pembuatan") or None,
            "tanggal_revisi": i.get("tanggal_revisi") or None,
            "tanggal_efektif": i.get("tanggal_efektif") or None,
            "disahkan_jabatan": disahkan.get("jabatan", ""),
            "disahkan_nama": disahkan.get("nama", ""),
            "disahkan_nip": disahkan.get("nip", ""),
            **{
                f: gabung(i.get(f))
                for f in (
                    "dasar_hukum",
                    "kualifikasi_pelaksana",
                    "keterkaitan",
                    "peralatan_perlengkapan",
                    "peringatan",
                    "pencatatan_pendataan",
                )
            },
        }

    def identitas(self) -> dict:
        d = self.cleaned_data
        tanggal = lambda v: v.isoformat() if v else ""  # noqa: E731
        return {
            "nomor_sop": d["nomor_sop"],
            "tanggal_pembuatan": tanggal(d["tanggal_pembuatan"]),
            "tanggal_revisi": tanggal(d["tanggal_revisi"]),
            "tanggal_efektif": tanggal(d["tanggal_efektif"]),
            "disahkan_oleh": {
                "jabatan": d["disahkan_jabatan"],
                "nama": d["disahkan_nama"],
                "nip": d["disahkan_nip"],
            },
            "dasar_hukum": _daftar(d["dasar_hukum"]),
            "kualifikasi_pelaksana": _daftar(d["kualifikasi_pelaksana"]),
            "keterkaitan": _daftar(d["keterkaitan"]),
            "peralatan_perlengkapan": _daftar(d["peralatan_perlengkapan"]),
            "peringatan": d["peringatan"],
            "pencatatan_pendataan": d["pencatatan_pendataan"],
        }


class LangkahForm(forms.Form):
    """The editable texts of one step; order and decisions stay as the SOP defines them."""

    kegiatan = forms.CharField(label=_("Kegiatan"), widget=forms.Textarea(attrs={"rows": 2}))
    pelaksana = forms.ChoiceField(label=_("Pelaksana"))
    kelengkapan = forms.CharField(label=_("Kelengkapan"), required=False, max_length=500)
    waktu = forms.CharField(label=_("Waktu"), required=False, max_length=50)
    output = forms.CharField(label=_("Output"), required=False, max_length=500)
    keterangan = forms.CharField(label=_("Keterangan"), required=False, max_length=500)

    def __init__(self, *args, pilihan_pelaksana=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pelaksana"].choices = [(p, p) for p in pilihan_pelaksana]

    def clean_waktu(self):
        from .waktu import WaktuTidakDikenal, parse_waktu

        teks = self.cleaned_data["waktu"]
        try:
            parse_waktu(teks)
        except WaktuTidakDikenal as exc:
            raise forms.ValidationError(
                _(
                    "Waktu “%(teks)s” tidak dapat dibaca; "
                    "tulis mis. 15 menit, 2 jam, 1 hari, 1 minggu."
                )
                % {"teks": teks}
            ) from exc
        return teks


LangkahFormSet = forms.formset_factory(LangkahForm, extra=0)
