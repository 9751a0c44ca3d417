"""Word templates an agency (or its Pemda) uploads in place of the built-in ones."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.lib.akses import ScopedManager
from sakip.organisasi.models import Instansi, Pemda

from .jenis import JENIS_DOKUMEN


class TemplatDokumen(models.Model):
    """An uploaded .docx template for one kind of document (`jenis`, see `jenis.py`).

    With `instansi` it serves that agency; without, every agency of the Pemda that has
    none of its own. Replacing a template deactivates the old one, kept for the record.
    """

    # No `choices`: kinds are registered by apps at run time, checked in clean().
    jenis = models.CharField(_("jenis dokumen"), max_length=40)
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="templat_dokumen")
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="templat_dokumen",
        help_text=_("Kosongkan untuk templat seluruh instansi Pemda."),
    )
    nama = models.CharField(_("nama"), max_length=200)
    berkas = models.FileField(
        _("berkas .docx"),
        upload_to="templat/%Y/",
        validators=[FileExtensionValidator(["docx"])],
    )
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    diunggah_pada = models.DateTimeField(_("diunggah pada"), default=timezone.now)
    aktif = models.BooleanField(_("aktif"), default=True)

    objects = ScopedManager()
    pemda_path = "pemda"
    instansi_path = "instansi"
    riwayat_jenis = "templat"

    class Meta:
        verbose_name = _("Templat dokumen")
        verbose_name_plural = _("Templat dokumen")
        ordering = ["jenis", "instansi", "-diunggah_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "jenis"],
                condition=Q(aktif=True, instansi__isnull=False),
                name="templat_satu_aktif_per_instansi",
                violation_error_message=_("Instansi ini sudah punya templat aktif jenis ini."),
            ),
            models.UniqueConstraint(
                fields=["pemda", "jenis"],
                condition=Q(aktif=True, instansi__isnull=True),
                name="templat_satu_aktif_per_pemda",
                violation_error_message=_("Pemda ini sudah punya templat aktif jenis ini."),
            ),
        ]

    def __str__(self) -> str:
        pemilik = self.instansi.nama if self.instansi_id else self.pemda.nama
        return f"{self.nama} ({pemilik})"

    def clean(self) -> None:
        if self.jenis not in JENIS_DOKUMEN:
            raise ValidationError({"jenis": _("Jenis dokumen tidak dikenal.")})
        if self.instansi_id and self.pemda_id and self.instansi.pemda_id != self.pemda_id:
            raise ValidationError({"instansi": _("Instansi harus berada pada Pemda templat.")})
