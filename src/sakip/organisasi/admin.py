"""The Django admin for master data, through the same access path and services."""

from collections.abc import Callable

from django import forms
from django.contrib import admin
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Instansi, Jabatan, Pegawai, PelaksanaTugas, Pemda, PemetaanPelaksana
from .validators import normalisasi_nip


class FilterTerbatas(admin.RelatedFieldListFilter):
    """A related-object filter that lists only what the administrator may reach."""

    def field_choices(self, field, request, model_admin):
        return [(o.pk, str(o)) for o in field.related_model.objects.for_user(request.user)]


class MasterAdmin(admin.ModelAdmin):
    """Scoped to the admin's Pemda; every save and delete goes through a service."""

    # The service that saves: f(aktor=, <arg>=obj); every registered subclass names one
    # (PegawaiAdmin saves through its own save_model).
    simpan: Callable[..., object]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    arg = ""

    def _boleh(self, request) -> bool:
        return services.boleh_kelola_master(request.user, request.user.pemda_id)

    def has_module_permission(self, request):
        return self._boleh(request)

    def has_view_permission(self, request, obj=None):
        return self._boleh(request)

    def has_add_permission(self, request):
        return self._boleh(request)

    def has_change_permission(self, request, obj=None):
        return self._boleh(request)

    def has_delete_permission(self, request, obj=None):
        return self._boleh(request)

    def get_queryset(self, request):
        return self.model.objects.for_user(request.user, ubah=True)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if hasattr(related.objects, "for_user"):
            kwargs["queryset"] = related.objects.for_user(request.user, ubah=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        type(self).simpan(aktor=request.user, **{self.arg: obj})

    def delete_model(self, request, obj):
        services.hapus_master(aktor=request.user, objek=obj)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Another Pemda's object does not exist for this admin: 404, as everywhere else.
        raise Http404("Data tidak ditemukan.")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.hapus_master(aktor=request.user, objek=obj)


@admin.register(Pemda)
class PemdaAdmin(MasterAdmin):
    simpan = services.simpan_pemda
    arg = "pemda"
    list_display = ["nama", "jenis", "kode", "ibukota"]

    def has_add_permission(self, request):
        return request.user.is_superuser


class PemetaanInline(admin.TabularInline):
    model = PemetaanPelaksana
    extra = 0
    fields = ["nama_pelaksana", "jabatan"]

    def has_add_permission(self, request, obj=None):
        return False  # edited on their own page so each save is audited by a service

    has_change_permission = has_add_permission
    has_delete_permission = has_add_permission


@admin.register(Instansi)
class InstansiAdmin(MasterAdmin):
    simpan = services.simpan_instansi
    arg = "instansi"
    list_display = ["nama", "jenis", "kode_unit", "pemda"]
    list_filter = ["jenis", ("pemda", FilterTerbatas)]
    search_fields = ["nama", "kode_unit"]
    inlines = [PemetaanInline]


@admin.register(Jabatan)
class JabatanAdmin(MasterAdmin):
    simpan = services.simpan_jabatan
    arg = "jabatan"
    list_display = ["nama", "instansi", "atasan", "eselon", "peran", "tunggal"]
    list_filter = [("instansi", FilterTerbatas), "eselon"]
    search_fields = ["nama", "instansi__nama"]
    list_select_related = ["instansi", "atasan"]


@admin.register(PelaksanaTugas)
class PelaksanaTugasAdmin(MasterAdmin):
    simpan = services.simpan_pelaksana_tugas
    arg = "penugasan"
    list_display = ["jabatan", "pegawai", "jenis", "tanggal_mulai", "tanggal_selesai"]
    list_select_related = ["jabatan", "pegawai"]


@admin.register(PemetaanPelaksana)
class PemetaanPelaksanaAdmin(MasterAdmin):
    simpan = services.simpan_pemetaan
    arg = "pemetaan"
    list_display = ["nama_pelaksana", "jabatan", "instansi"]
    list_filter = [("instansi", FilterTerbatas)]
    list_select_related = ["jabatan", "instansi"]


class PegawaiForm(forms.ModelForm):
    # Wider than the column: people paste the NIP as printed, with spaces.
    nip = forms.CharField(
        label="NIP",
        max_length=30,
        required=False,
        help_text=_("18 angka; boleh diketik dengan spasi seperti tercetak."),
    )
    sandi_baru = forms.CharField(
        label=_("Kata sandi baru"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Kosongkan bila tidak diganti."),
    )

    class Meta:
        model = Pegawai
        fields = [
            "username",
            "nip",
            "gelar_depan",
            "nama",
            "gelar_belakang",
            "email",
            "pemda",
            "instansi",
            "jabatan",
            "peran",
            "is_active",
        ]

    def clean_nip(self):
        return normalisasi_nip(self.cleaned_data["nip"]) or None


@admin.register(Pegawai)
class PegawaiAdmin(MasterAdmin):
    form = PegawaiForm
    list_display = ["nama", "nip", "instansi", "jabatan", "peran", "is_active"]
    list_filter = [("instansi", FilterTerbatas), "peran", "is_active"]
    search_fields = ["nama", "nip", "username"]
    list_select_related = ["instansi", "jabatan"]

    def save_model(self, request, obj, form, change):
        services.simpan_pegawai(
            aktor=request.user, pegawai=obj, sandi=form.cleaned_data.get("sandi_baru") or None
        )
