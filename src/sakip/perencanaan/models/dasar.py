"""Targets and scales shared by every plan level (docs/domain.md §6)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from sakip.lib.akses import ScopedManager
from sakip.organisasi.models import Pemda

USER = settings.AUTH_USER_MODEL
ANGKA = {"max_digits": 20, "decimal_places": 4, "null": True, "blank": True}
UANG = {"max_digits": 18, "decimal_places": 2, "default": Decimal("0")}


class Polaritas(models.TextChoices):
    NAIK = "naik", _("Naik (makin tinggi makin baik)")
    TURUN = "turun", _("Turun (makin rendah makin baik)")
    RENTANG = "rentang", _("Rentang target")
    STABIL = "stabil", _("Stabil (dalam batas toleransi)")


class Agregasi(models.TextChoices):
    KUMULATIF = "kumulatif", _("Kumulatif")
    RATA_RATA = "rata_rata", _("Rata-rata")
    AKHIR_PERIODE = "akhir_periode", _("Akhir periode")


class Skala(models.Model):
    """A named scale used as a unit, e.g. "Opini BPK": WTP, WDP, TW, TMP (best first)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="skala")
    nama = models.CharField(_("nama skala"), max_length=100)
    nilai = models.JSONField(
        _("nilai (terbaik lebih dulu)"), default=list, help_text=_('Mis. ["WTP", "WDP"].')
    )

    objects = ScopedManager()
    pemda_path = "pemda"
    instansi_path = "pemda__instansi"

    class Meta:
        verbose_name = _("Skala target")
        verbose_name_plural = _("Skala target")
        constraints = [models.UniqueConstraint(fields=["pemda", "nama"], name="skala_nama_unik")]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if not isinstance(self.nilai, list) or not self.nilai:
            raise ValidationError({"nilai": _("Isi paling sedikit satu nilai skala.")})
        if len({str(v).strip().upper() for v in self.nilai}) != len(self.nilai):
            raise ValidationError({"nilai": _("Nilai skala tidak boleh berulang.")})


class NilaiTarget(models.Model):
    """A target (or realisation) as a number, a range, or a value on the indicator's scale."""

    target = models.DecimalField(_("target"), **ANGKA)
    target_atas = models.DecimalField(_("batas atas target"), **ANGKA)
    target_skala = models.CharField(_("target (skala)"), max_length=50, blank=True)

    class Meta:
        abstract = True

    def indikator_acuan(self):
        """The indicator that says what kind of target this is (unit, scale, polarity)."""
        raise NotImplementedError

    def target_tampil(self) -> str:
        from sakip.lib.formatting import angka

        if self.target_skala:
            return self.target_skala
        if self.target is None:
            return "—"
        desimal = 0 if self.target == self.target.to_integral() else 2
        teks = angka(self.target, desimal)
        if self.target_atas is not None:
            teks += f" – {angka(self.target_atas, desimal)}"
        return teks

    def clean(self) -> None:
        super().clean()
        validasi_target(self, self.indikator_acuan())


def validasi_target(nilai: NilaiTarget, indikator) -> None:
    """docs/domain.md §6–7: a number with a unit, a range for `rentang`, or a scale value."""
    if indikator is None:
        return
    skala = indikator.skala
    if skala is not None:
        if nilai.target is not None or nilai.target_atas is not None:
            raise ValidationError(
                _("Indikator “%(nama)s” memakai skala %(skala)s: isi nilai skala, bukan angka.")
                % {"nama": indikator.nama, "skala": skala.nama}
            )
        pilihan = [str(v) for v in skala.nilai]
        if nilai.target_skala and nilai.target_skala not in pilihan:
            raise ValidationError(
                _("“%(nilai)s” bukan nilai skala %(skala)s (pilihan: %(pilihan)s).")
                % {"nilai": nilai.target_skala, "skala": skala.nama, "pilihan": ", ".join(pilihan)}
            )
        return
    if nilai.target_skala:
        raise ValidationError(
            _("Indikator “%(nama)s” bersatuan %(satuan)s: target harus angka.")
            % {"nama": indikator.nama, "satuan": indikator.satuan}
        )
    if indikator.polaritas == Polaritas.RENTANG:
        if (nilai.target is None) != (nilai.target_atas is None):
            raise ValidationError(_("Target rentang perlu batas bawah dan batas atas."))
        if nilai.target is not None and nilai.target_atas < nilai.target:
            raise ValidationError(_("Batas atas rentang tidak boleh lebih kecil dari batas bawah."))
    elif nilai.target_atas is not None:
        raise ValidationError(_("Batas atas hanya untuk indikator berpolaritas rentang."))


# ---------------------------------------------------------------- Renstra
