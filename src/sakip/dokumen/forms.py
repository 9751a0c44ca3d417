from django import forms
from django.utils.translation import gettext_lazy as _

from .jenis import pilihan_jenis


class UnggahTemplatForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis dokumen"))
    berkas = forms.FileField(
        label=_("Berkas templat (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
        help_text=_("Ubah templat bawaan di Word/LibreOffice, lalu unggah kembali."),
    )
    nama = forms.CharField(label=_("Nama"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = pilihan_jenis()
