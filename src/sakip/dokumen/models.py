"""Word templates an agency (or its Pemda) uploads in place of the built-in ones, and the
abstract models of documents that are signed once and then kept as they were signed."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.lib.akses import ScopedManager
from sakip.lib.sidik import sha256_isi
from sakip.organisasi.models import Instansi, Pemda

from .jenis import JENIS_DOKUMEN
from .penyimpanan import simpan_beralamat_isi


class DokumenTertandatangani(models.Model):
    """A document the head signs once: the signing time is kept, and from then on the
    document is read-only (the services refuse changes, a second signature is a no-op).

    Shared by the PK (perencanaan), the control card, the quarterly evaluation and the
    yearly archive (pengukuran), and through `DokumenBeku` the reports (laporan, ikm).
    """

    ditandatangani_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def sudah_ditandatangani(self) -> bool:
        return self.ditandatangani_pada is not None

    def tandai_ditandatangani(self) -> None:
        """Record the signature now (the caller saves, inside its audited transaction)."""
        self.ditandatangani_pada = timezone.now()


class DokumenBeku(DokumenTertandatangani):
    """A report whose content is frozen at signing: what it showed when signed (`isi_beku`),
    who signed, and the rendered files. Before signing it is assembled from live data each
    time it is shown; after, always from `isi_beku`, so later data changes never alter a
    signed report.

    The subclass has a `status` field whose signed value is "ditandatangani", and `pdf` and
    `docx` FileFields (each app keeps its files in a folder of its own: the first part of
    their `upload_to`). The signed files are stored under their SHA-256, kept here too
    (`dokumen/penyimpanan.py`; the restore check compares).
    """

    STATUS_DITANDATANGANI = "ditandatangani"

    isi_beku = models.JSONField(default=dict, blank=True)
    dibuat_pada = models.DateTimeField(default=timezone.now)
    ditandatangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sha256_pdf = models.CharField(max_length=64, blank=True)
    sha256_docx = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True

    @property
    def sudah_ditandatangani(self) -> bool:
        # The status, not the time: it is what lists and filters read.
        return self.status == self.STATUS_DITANDATANGANI

    def tandai_ditandatangani(self, *, oleh=None) -> None:
        """Signed now by `oleh` (an SOP step without a signed-in person records nobody)."""
        self.status = self.STATUS_DITANDATANGANI
        self.ditandatangani_oleh = oleh if getattr(oleh, "is_authenticated", False) else None
        super().tandai_ditandatangani()

    def bekukan(self, data: dict) -> None:
        """Keep `data` as the signed content, in the JSON it will be read back as (dates and
        decimals become text now, not differently on the next read)."""
        self.isi_beku = json.loads(json.dumps(data, default=str))

    def isi_dokumen(self, susun: Callable[[DokumenBeku], dict]) -> dict:
        """The content a document shows: frozen at signing, else `susun(self)` now."""
        if self.sudah_ditandatangani and self.isi_beku:
            return self.isi_beku
        return susun(self)

    def pdf_atau(self, render: Callable[[DokumenBeku], bytes]) -> bytes:
        """The PDF kept at signing, or `render(self)` now for a draft: a signed document is
        served as the bytes that were signed, never re-rendered."""
        if self.pdf:
            with self.pdf.open("rb") as f:
                return f.read()
        return render(self)

    def simpan_berkas(self, nama: str, *, pdf: bytes, docx: bytes) -> None:
        """Keep the signed renderings with the row, and their SHA-256 (the caller saves).

        Stored under their hash, never overwritten (`simpan_beralamat_isi`); `nama` is the
        document's human name, which the download views give the files, not the store.
        """
        for bidang, isi in (("pdf", pdf), ("docx", docx)):
            field = self._meta.get_field(bidang)
            folder = str(field.upload_to).split("/")[0]
            setattr(self, bidang, simpan_beralamat_isi(field.storage, f"{folder}/ttd", isi, bidang))
            setattr(self, f"sha256_{bidang}", sha256_isi(isi))


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
