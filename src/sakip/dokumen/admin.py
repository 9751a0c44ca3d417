"""Document templates in the admin: scoped to the Pemda, checked and saved by the services."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from sakip.lib.berkas import respons_berkas
from sakip.organisasi.admin import FilterTerbatas, MasterAdmin

from . import services
from .jenis import JENIS_DOKUMEN, daftar_variabel, jenis_dokumen, pilihan_jenis
from .models import TemplatDokumen
from .templat import periksa_templat


class TemplatDokumenForm(forms.ModelForm):
    jenis = forms.ChoiceField(label=_("Jenis dokumen"), choices=pilihan_jenis)

    class Meta:
        model = TemplatDokumen
        fields = ["jenis", "pemda", "instansi", "nama", "berkas", "aktif"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "pemda" in self.fields:
            self.fields["pemda"].required = False
            self.fields["pemda"].help_text = _("Boleh kosong bila instansi dipilih.")

    def clean(self):
        data = super().clean()
        instansi = data.get("instansi")
        if instansi is not None and data.get("pemda") is None:
            data["pemda"] = self.instance.pemda = instansi.pemda
        berkas, jenis = data.get("berkas"), data.get("jenis")
        if self.instance.pk is None and berkas and jenis:
            # Shown on the form, not as an error page after saving.
            berkas.seek(0)
            pesan = periksa_templat(berkas.read(), jenis_dokumen(jenis))
            berkas.seek(0)
            if pesan:
                self.add_error("berkas", pesan)
        return data


def _daftar_variabel_html() -> str:
    bagian = []
    for kode, jenis in sorted(JENIS_DOKUMEN.items()):
        baris = format_html_join(
            "", "<li><code>{}</code> — {}</li>", daftar_variabel(jenis.variabel)
        )
        bagian.append(
            format_html(
                '<p><b>{}</b> (<a href="{}">unduh templat bawaan</a>)</p><ul>{}</ul>',
                jenis.nama,
                reverse("admin:dokumen_templat_bawaan", args=[kode]),
                baris,
            )
        )
    return format_html_join("", "{}", ((b,) for b in bagian))


@admin.register(TemplatDokumen)
class TemplatDokumenAdmin(MasterAdmin):
    """Add = upload (checked, audited); edit = name and active flag only; delete audited.

    `MasterAdmin.delete_model` calls organisasi's `hapus_master`, which knows only the
    organisation models: deletes go through `services.hapus_templat` instead.
    """

    form = TemplatDokumenForm
    list_display = ["nama", "jenis", "instansi", "pemda", "aktif", "diunggah_pada", "diunggah_oleh"]
    list_filter = ["jenis", "aktif", ("instansi", FilterTerbatas)]
    list_select_related = ["instansi", "pemda", "diunggah_oleh"]
    search_fields = ["nama", "instansi__nama"]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            kolom = ["jenis", "pemda", "instansi", "nama", "berkas"]
        else:
            kolom = ["jenis", "pemda", "instansi", "berkas", "nama", "aktif"]
            kolom += ["diunggah_oleh", "diunggah_pada"]
        return [
            (None, {"fields": kolom}),
            (
                _("Variabel templat"),
                {
                    "classes": ["collapse"],
                    "fields": [],
                    "description": _daftar_variabel_html(),
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The file is never edited in place: a new file is a new, checked upload.
        return ["jenis", "pemda", "instansi", "berkas", "diunggah_oleh", "diunggah_pada"]

    def save_model(self, request, obj, form, change):
        if change:
            services.simpan_templat(aktor=request.user, templat=obj)
            return
        hasil = services.unggah_templat(
            aktor=request.user,
            instansi=obj.instansi,
            pemda=obj.pemda,
            jenis=obj.jenis,
            berkas=form.cleaned_data["berkas"],
            nama=obj.nama,
        )
        # The admin carries on with `obj` (log entry, redirect): make it the saved row.
        for field in obj._meta.concrete_fields:
            setattr(obj, field.attname, getattr(hasil, field.attname))
        obj._state.adding = False

    def delete_model(self, request, obj):
        services.hapus_templat(aktor=request.user, templat=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def get_urls(self):
        unduh = self.admin_site.admin_view(self.unduh_bawaan)
        return [
            path("bawaan/<str:kode>/", unduh, name="dokumen_templat_bawaan"),
            *super().get_urls(),
        ]

    def unduh_bawaan(self, request, kode: str):
        """The built-in template, to restyle in Word and upload back."""
        if not self.has_view_permission(request) or kode not in JENIS_DOKUMEN:
            raise Http404("Templat tidak ditemukan.")
        berkas = jenis_dokumen(kode).bawaan
        return respons_berkas(berkas.open("rb"), f"templat-{kode}.docx")
