"""Letters, numbers, signatures and archive (docs/domain.md §11).

One `Surat` row is a letter or document in the agency's agenda book: incoming (a
letter from the kabupaten, with its scan and dispositions) or outgoing (a document an
SOP produced, or a letter typed here), numbered from the agency's pattern, initialled
(Paraf), signed (TandaTangan, PAdES), distributed with receipts (Pengiriman/Penerima)
and archived under its classification code with the code's retention.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.dokumen.penyimpanan import HashBerkasMixin
from sakip.lib.akses import ScopedManager
from sakip.organisasi.models import Instansi, Jabatan

USER = settings.AUTH_USER_MODEL
POLA_BAKU = "{kode}/{nomor:03d}/{unit}/{tahun}"


class KodeKlasifikasi(models.Model):
    """An archive classification code (Permendagri 83/2022) with its retention (JRA).

    Reference data shared by every Pemda; loaded from `surat/data/klasifikasi.yaml`.
    """

    class NasibAkhir(models.TextChoices):
        MUSNAH = "musnah", _("Musnah")
        PERMANEN = "permanen", _("Permanen")
        DINILAI_KEMBALI = "dinilai_kembali", _("Dinilai kembali")

    kode = models.CharField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("uraian"), max_length=250)
    retensi_aktif = models.PositiveSmallIntegerField(_("retensi aktif (tahun)"), default=2)
    retensi_inaktif = models.PositiveSmallIntegerField(_("retensi inaktif (tahun)"), default=3)
    nasib_akhir = models.CharField(
        _("keterangan akhir"), max_length=16, choices=NasibAkhir.choices, default=NasibAkhir.MUSNAH
    )
    keterangan = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("Kode klasifikasi arsip")
        verbose_name_plural = _("Kode klasifikasi arsip")
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class PengaturanSurat(models.Model):
    """An agency's numbering rules: the pattern and whether each code counts alone.

    Pattern fields: {kode} classification code, {nomor} sequence (format spec allowed,
    e.g. {nomor:03d}), {unit} the agency's kode_unit, {tahun}, {bulan} (1–12),
    {bulan_romawi} (I–XII).
    """

    instansi = models.OneToOneField(
        Instansi, on_delete=models.CASCADE, related_name="pengaturan_surat"
    )
    pola_nomor = models.CharField(_("pola nomor surat"), max_length=120, default=POLA_BAKU)
    urut_per_klasifikasi = models.BooleanField(
        _("nomor urut terpisah per kode klasifikasi"), default=False
    )

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "pengaturan_surat"

    class Meta:
        verbose_name = _("Pengaturan surat")
        verbose_name_plural = _("Pengaturan surat")

    def __str__(self) -> str:
        return f"Pengaturan surat {self.instansi}"


class Urutan(models.Model):
    """A gap-free counter: taken under a row lock, never decremented."""

    class Jenis(models.TextChoices):
        NOMOR_SURAT = "nomor_surat", _("Nomor surat keluar")
        AGENDA_MASUK = "agenda_masuk", _("Agenda surat masuk")
        AGENDA_KELUAR = "agenda_keluar", _("Agenda surat keluar")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=15, choices=Jenis.choices)
    tahun = models.PositiveIntegerField()
    # The classification code when the agency counts per code; "" otherwise.
    kode = models.CharField(max_length=30, blank=True, default="")
    terakhir = models.PositiveIntegerField(default=0)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"

    class Meta:
        verbose_name = _("Urutan nomor")
        verbose_name_plural = _("Urutan nomor")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "jenis", "tahun", "kode"], name="urutan_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jenis} {self.tahun} {self.kode}: {self.terakhir}"


class Surat(HashBerkasMixin, models.Model):
    class Arah(models.TextChoices):
        MASUK = "masuk", _("Surat masuk")
        KELUAR = "keluar", _("Surat keluar")

    class Sifat(models.TextChoices):
        SANGAT_SEGERA = "sangat_segera", _("Sangat Segera")
        SEGERA = "segera", _("Segera")
        RAHASIA = "rahasia", _("Rahasia")
        BIASA = "biasa", _("Biasa")

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DITERIMA = "diterima", _("Diterima")  # incoming, registered
        BERNOMOR = "bernomor", _("Bernomor")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani")
        DIKIRIM = "dikirim", _("Dikirim")
        DIARSIPKAN = "diarsipkan", _("Diarsipkan")
        BATAL = "batal", _("Batal")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="surat")
    arah = models.CharField(_("arah"), max_length=6, choices=Arah.choices)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.DRAF)
    # Agenda book entry (per agency, per direction, per calendar year).
    nomor_agenda = models.PositiveIntegerField(_("nomor agenda"), null=True, blank=True)
    tanggal_agenda = models.DateField(_("tanggal agenda"), null=True, blank=True)
    klasifikasi = models.ForeignKey(
        KodeKlasifikasi, on_delete=models.PROTECT, null=True, blank=True, related_name="surat"
    )
    # Outgoing: the sequence number taken and the formatted number. Incoming: the
    # sender's number as written (nomor_urut empty). tahun_nomor is the year of the
    # number and of the agenda entry (both directions: nomor_agenda_unik counts per year).
    nomor_urut = models.PositiveIntegerField(_("nomor urut"), null=True, blank=True)
    tahun_nomor = models.PositiveIntegerField(_("tahun nomor"), null=True, blank=True)
    nomor_surat = models.CharField(_("nomor surat"), max_length=120, blank=True)
    tanggal_surat = models.DateField(_("tanggal surat"), null=True, blank=True)
    asal = models.CharField(_("asal surat"), max_length=250, blank=True)  # incoming
    tujuan = models.CharField(_("tujuan"), max_length=500, blank=True)  # outgoing
    perihal = models.CharField(_("perihal"), max_length=500)
    lampiran = models.CharField(_("lampiran"), max_length=120, blank=True)
    sifat = models.CharField(_("sifat"), max_length=15, choices=Sifat.choices, default=Sifat.BIASA)
    keterangan = models.TextField(_("keterangan"), blank=True)
    diterima_pada = models.DateField(_("diterima tanggal"), null=True, blank=True)  # incoming
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True)
    # Incoming: the scan. Outgoing: the unsigned PDF as it went to signing.
    berkas = models.FileField(_("berkas"), upload_to="surat/%Y/", blank=True)
    sha256_berkas = models.CharField(max_length=64, blank=True)  # kept on save (HashBerkasMixin)
    # The signed PDF exactly as signed, and its SHA-256 (the verification page compares).
    berkas_ttd = models.FileField(
        _("berkas bertanda tangan"), upload_to="surat/ttd/%Y/", blank=True
    )
    sha256_ttd = models.CharField(max_length=64, blank=True)
    # The public verification address /verifikasi/<kode_verifikasi>/ (in the QR code).
    kode_verifikasi = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The document this letter carries (a PK, a report, an SKM report), when an SOP made it.
    dokumen_ct = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dokumen_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Outgoing: the SOP run that produced it. Incoming: set on the run it started.
    pelaksanaan = models.ForeignKey(
        "sop.Pelaksanaan", on_delete=models.SET_NULL, null=True, blank=True, related_name="surat"
    )
    dibuat_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(default=timezone.now)
    diarsipkan_pada = models.DateTimeField(_("diarsipkan pada"), null=True, blank=True)
    diarsipkan_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    hash_berkas = {"berkas": "sha256_berkas"}  # berkas_ttd: the signing service hashes it
    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "surat"

    class Meta:
        verbose_name = _("Surat")
        verbose_name_plural = _("Surat")
        ordering = ["instansi", "-dibuat_pada", "-id"]
        indexes = [
            models.Index(fields=["instansi", "arah", "tanggal_agenda"]),
            models.Index(fields=["dokumen_ct", "dokumen_id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "nomor_surat"],
                condition=Q(arah="keluar") & ~Q(nomor_surat=""),
                name="nomor_surat_keluar_unik",
            ),
            models.UniqueConstraint(
                fields=["instansi", "arah", "tahun_nomor", "nomor_agenda"],
                condition=Q(nomor_agenda__isnull=False),
                name="nomor_agenda_unik",
            ),
            # One live outgoing letter per document an SOP made (naskah_keluar is idempotent).
            models.UniqueConstraint(
                fields=["dokumen_ct", "dokumen_id"],
                condition=Q(arah="keluar") & Q(dokumen_id__isnull=False) & ~Q(status="batal"),
                name="naskah_keluar_per_dokumen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomor_surat or _('(belum bernomor)')} — {self.perihal}"

    @property
    def ditandatangani(self) -> bool:
        return bool(self.berkas_ttd)

    @property
    def retensi(self) -> dict:
        """Retention years and final disposition (sakip.surat.arsip.retensi)."""
        from .arsip import retensi

        return retensi(self)


class Paraf(models.Model):
    """A reviewer's initials on the document before the head signs."""

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="paraf")
    pegawai = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    jabatan = models.CharField(_("jabatan"), max_length=200)
    waktu = models.DateTimeField(default=timezone.now)
    tugas = models.ForeignKey(
        "sop.Tugas", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    catatan = models.TextField(blank=True)

    objects = ScopedManager()
    pemda_path = "surat__instansi__pemda"
    instansi_path = "surat__instansi"

    class Meta:
        verbose_name = _("Paraf")
        verbose_name_plural = _("Paraf")
        ordering = ["surat", "waktu", "id"]

    def __str__(self) -> str:
        return f"Paraf {self.jabatan} pada {self.surat}"


class KunciPenanda(models.Model):
    """How one official signs: a local PKCS#12 key or the BSrE-style HTTP service.

    The PKCS#12 bundle is stored encrypted under the signer's passphrase; the
    passphrase itself is never stored.
    """

    class Penyedia(models.TextChoices):
        PKCS12 = "pkcs12", _("Kunci lokal (PKCS#12)")
        BSRE = "bsre", _("Layanan TTE (BSrE)")

    pegawai = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="kunci_penanda")
    penyedia = models.CharField(max_length=8, choices=Penyedia.choices, default=Penyedia.PKCS12)
    p12 = models.BinaryField(blank=True, default=b"")
    nik = models.CharField(_("NIK"), max_length=16, blank=True)  # BSrE identifies by NIK
    sertifikat_pem = models.TextField(blank=True)
    berlaku_sampai = models.DateTimeField(null=True, blank=True)
    aktif = models.BooleanField(default=True)
    dibuat_pada = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    pemda_path = "pegawai__pemda"
    instansi_path = "pegawai__instansi"

    class Meta:
        verbose_name = _("Kunci penanda tangan")
        verbose_name_plural = _("Kunci penanda tangan")

    def __str__(self) -> str:
        return f"{self.get_penyedia_display()} — {self.pegawai}"


class TandaTangan(models.Model):
    """One electronic signature on a letter (PAdES), as it was made."""

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="tanda_tangan")
    penanda = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    nama = models.CharField(max_length=200)
    nip = models.CharField(max_length=30, blank=True)
    jabatan = models.CharField(max_length=200)
    waktu = models.DateTimeField(default=timezone.now)
    penyedia = models.CharField(max_length=8, choices=KunciPenanda.Penyedia.choices)
    sertifikat_subjek = models.CharField(max_length=300, blank=True)
    sertifikat_serial = models.CharField(max_length=80, blank=True)
    sha256 = models.CharField(max_length=64)  # of the signed PDF this signature produced

    objects = ScopedManager()
    pemda_path = "surat__instansi__pemda"
    instansi_path = "surat__instansi"

    class Meta:
        verbose_name = _("Tanda tangan elektronik")
        verbose_name_plural = _("Tanda tangan elektronik")
        ordering = ["surat", "waktu", "id"]

    def __str__(self) -> str:
        return f"TTE {self.nama} pada {self.surat}"


class Disposisi(models.Model):
    """An instruction on an incoming letter, down the position tree; a task for `kepada`."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Belum ditindaklanjuti")
        SELESAI = "selesai", _("Selesai")

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="disposisi")
    induk = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="turunan"
    )
    dari = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    dari_jabatan = models.ForeignKey(
        Jabatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kepada = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="disposisi")
    # Checked instructions of the lembar disposisi ("Untuk ditindaklanjuti", …).
    instruksi = models.JSONField(_("instruksi"), default=list, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    sifat = models.CharField(
        _("sifat"), max_length=15, choices=Surat.Sifat.choices, default=Surat.Sifat.BIASA
    )
    batas_waktu = models.DateField(_("batas waktu"), null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.TERBUKA)
    dibuat_pada = models.DateTimeField(default=timezone.now)
    tanggapan = models.TextField(_("tanggapan"), blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    selesai_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The SOP run this disposition started (e.g. the IKM SOP from the kabupaten's letter).
    pelaksanaan = models.ForeignKey(
        "sop.Pelaksanaan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager()
    pemda_path = "surat__instansi__pemda"
    instansi_path = "surat__instansi"

    class Meta:
        verbose_name = _("Disposisi")
        verbose_name_plural = _("Disposisi")
        ordering = ["surat", "dibuat_pada", "id"]

    def __str__(self) -> str:
        return f"Disposisi {self.surat} kepada {self.kepada}"


class Pengiriman(models.Model):
    """One distribution of a signed letter ("SOP Pengiriman"), with its recipients."""

    class Status(models.TextChoices):
        BERJALAN = "berjalan", _("Menunggu tanda terima")
        SELESAI = "selesai", _("Semua tanda terima lengkap")
        DITUTUP = "ditutup", _("Ditutup pengirim")

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="pengiriman")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.BERJALAN)
    # The sub-procedure run (SOP Pengiriman Surat/Dokumen) this distribution belongs to.
    pelaksanaan = models.ForeignKey(
        "sop.Pelaksanaan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat_oleh = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(default=timezone.now)
    alasan_tutup = models.TextField(_("alasan penutupan"), blank=True)
    ditutup_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditutup_pada = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    pemda_path = "surat__instansi__pemda"
    instansi_path = "surat__instansi"
    riwayat_jenis = "pengiriman"

    class Meta:
        verbose_name = _("Pengiriman")
        verbose_name_plural = _("Pengiriman")
        ordering = ["-dibuat_pada", "-id"]

    def __str__(self) -> str:
        return f"Pengiriman {self.surat}"

    # Receipt progress for pages; reads `penerima` once (prefetched rows when present).
    @property
    def jumlah_penerima(self) -> int:
        return len(self.penerima.all())

    @property
    def jumlah_diterima(self) -> int:
        return sum(1 for p in self.penerima.all() if p.diterima_pada is not None)

    @property
    def lengkap(self) -> bool:
        return self.status in (self.Status.SELESAI, self.Status.DITUTUP)


class Penerima(HashBerkasMixin, models.Model):
    """A recipient of a distribution and the receipt that proves delivery."""

    class Cara(models.TextChoices):
        APLIKASI = "aplikasi", _("Dalam aplikasi")
        EMAIL = "email", _("Surel dengan tautan konfirmasi")
        KERTAS = "kertas", _("Kertas (tanda terima ditandatangani)")

    class Bukti(models.TextChoices):
        DIBACA = "dibaca", _("Dibaca dalam aplikasi")
        TAUTAN = "tautan", _("Konfirmasi melalui tautan")
        UNGGAH = "unggah", _("Tanda terima diunggah")

    pengiriman = models.ForeignKey(Pengiriman, on_delete=models.CASCADE, related_name="penerima")
    # Internal: a position of the same Pemda. External: a name and address/email.
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    nama = models.CharField(_("nama penerima"), max_length=200, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    alamat = models.CharField(_("alamat"), max_length=300, blank=True)
    cara = models.CharField(_("cara kirim"), max_length=8, choices=Cara.choices)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dikirim_pada = models.DateTimeField(null=True, blank=True)
    diterima_pada = models.DateTimeField(null=True, blank=True)
    bukti = models.CharField(max_length=8, choices=Bukti.choices, blank=True)
    diterima_oleh = models.CharField(_("diterima oleh"), max_length=200, blank=True)
    berkas_tanda_terima = models.FileField(upload_to="surat/tanda-terima/%Y/", blank=True)
    sha256_tanda_terima = models.CharField(max_length=64, blank=True)
    dicatat_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    hash_berkas = {"berkas_tanda_terima": "sha256_tanda_terima"}
    objects = ScopedManager()
    pemda_path = "pengiriman__surat__instansi__pemda"
    instansi_path = "pengiriman__surat__instansi"

    class Meta:
        verbose_name = _("Penerima")
        verbose_name_plural = _("Penerima")
        ordering = ["pengiriman", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jabatan__isnull=False) | ~Q(nama=""), name="penerima_bernama"
            )
        ]

    def __str__(self) -> str:
        return self.nama or str(self.jabatan)

    @property
    def sudah_diterima(self) -> bool:
        return self.diterima_pada is not None


class UnggahVerifikasi(models.Model):
    """How many copies one sender uploaded to the public verification page in one hour.

    The page is anonymous: the counter is keyed on a keyed hash of the sender's network
    (never the address) and the hour, and raised with one conditional UPDATE, so parallel
    uploads cannot overrun the limit (`tte.batas.catat_unggah`).
    """

    sidik = models.CharField(max_length=64)
    jam = models.DateTimeField()
    jumlah = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Unggahan verifikasi")
        verbose_name_plural = _("Unggahan verifikasi")
        constraints = [
            models.UniqueConstraint(fields=["sidik", "jam"], name="unggah_verifikasi_unik")
        ]

    def __str__(self) -> str:
        return f"{self.jam:%Y-%m-%d %H}:00 — {self.jumlah}"
