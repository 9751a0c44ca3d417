"""The audit trail: one append-only row per change of domain data."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.lib.akses import ScopedQuerySet


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit record."""


class CatatanAuditQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Catatan audit tidak boleh diubah.")

    def delete(self):
        raise AppendOnlyError("Catatan audit tidak boleh dihapus.")


class CatatanAudit(models.Model):
    class Aksi(models.TextChoices):
        TAMBAH = "tambah", _("Tambah")
        UBAH = "ubah", _("Ubah")
        HAPUS = "hapus", _("Hapus")
        LAIN = "lain", _("Lainnya")

    # Set when the record is built, not at INSERT: the hash covers it (see rantai.py).
    waktu = models.DateTimeField(_("waktu"), default=timezone.now, editable=False, db_index=True)
    aktor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    aktor_nama = models.CharField(_("pelaku"), max_length=200, blank=True)
    request_id = models.CharField(_("ID permintaan"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    aksi = models.CharField(_("aksi"), max_length=10, choices=Aksi.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("objek"), max_length=300)
    # Plain ids, no FK: the record outlives the agency row it describes.
    pemda_id = models.BigIntegerField(null=True, db_index=True)
    instansi_id = models.BigIntegerField(null=True, db_index=True)
    perubahan = models.JSONField(_("perubahan"), default=dict, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True)
    # The chain of the record's agency (rantai.py): SHA-256 of this row and the previous hash.
    hash = models.CharField(max_length=64, blank=True, editable=False)
    hash_sebelumnya = models.CharField(max_length=64, blank=True, editable=False)

    objects = CatatanAuditQuerySet.as_manager()
    pemda_path = "pemda_id"
    instansi_path = "instansi_id"

    class Meta:
        verbose_name = _("Catatan riwayat")
        verbose_name_plural = _("Riwayat")
        ordering = ["-waktu", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.aktor_nama} {self.aksi} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Catatan audit tidak boleh diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Catatan audit tidak boleh dihapus.")


class UjungRantai(models.Model):
    """The head of one audit chain: its last hash and length, locked while appending."""

    kunci = models.CharField(max_length=40, primary_key=True)  # rantai.kunci_rantai()
    hash_terakhir = models.CharField(max_length=64, blank=True)
    jumlah = models.PositiveBigIntegerField(default=0)
    catatan_terakhir_id = models.BigIntegerField(null=True)

    class Meta:
        verbose_name = _("Ujung rantai riwayat")
        verbose_name_plural = _("Ujung rantai riwayat")

    def __str__(self) -> str:
        return f"{self.kunci} ({self.jumlah})"
