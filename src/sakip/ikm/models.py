"""The public satisfaction survey (SKM/IKM, PermenPAN-RB 14/2017) and the Standar
Pelayanan (PermenPAN-RB 15/2014): docs/domain.md §9.

An agency offers services (Layanan), each with its Standar Pelayanan. A survey period
(PeriodeSurvei: a semester or a year) collects questionnaires (Responden) for the
agency's services, online from the public or typed in from paper. The nine elements
(unsur) are data: each Pemda keeps its question texts (UnsurSurvei) and a period
copies them when it is created, so later edits never change what was asked.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.dokumen.models import DokumenBeku
from sakip.lib.akses import ScopedManager
from sakip.organisasi.models import Instansi, Pemda

USER = settings.AUTH_USER_MODEL
KODE_UNSUR = [f"U{i}" for i in range(1, 10)]  # the nine answer columns u1 … u9
JAWABAN = [MinValueValidator(1), MaxValueValidator(4)]


class UnsurSurvei(models.Model):
    """One of the nine elements as a Pemda asks it: name, question and four answers."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="unsur_survei")
    urutan = models.PositiveSmallIntegerField(
        _("urutan"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    nama = models.CharField(_("unsur"), max_length=120)
    pertanyaan = models.TextField(_("pertanyaan"))
    # The answer labels for 1, 2, 3, 4 ("Tidak sesuai" … "Sangat sesuai").
    jawaban_1 = models.CharField(_("jawaban nilai 1"), max_length=80)
    jawaban_2 = models.CharField(_("jawaban nilai 2"), max_length=80)
    jawaban_3 = models.CharField(_("jawaban nilai 3"), max_length=80)
    jawaban_4 = models.CharField(_("jawaban nilai 4"), max_length=80)

    objects = ScopedManager()
    pemda_path = "pemda"
    instansi_path = "pemda__instansi"

    class Meta:
        verbose_name = _("Unsur survei")
        verbose_name_plural = _("Unsur survei")
        ordering = ["pemda", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "urutan"], name="unsur_urutan_unik")
        ]

    def __str__(self) -> str:
        return f"U{self.urutan} {self.nama}"

    @property
    def kode(self) -> str:
        return f"U{self.urutan}"

    def sebagai_data(self) -> dict:
        """The form a period freezes: {kode, nama, pertanyaan, jawaban: [4 labels]}."""
        return {
            "kode": self.kode,
            "nama": self.nama,
            "pertanyaan": self.pertanyaan,
            "jawaban": [self.jawaban_1, self.jawaban_2, self.jawaban_3, self.jawaban_4],
        }


class Layanan(models.Model):
    """A service (jenis layanan) the agency delivers to the public."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="layanan")
    nama = models.CharField(_("nama layanan"), max_length=200)
    # The public address piece: /survei/<instansi.kode_unit>/<slug>/
    slug = models.SlugField(_("kode tautan"), max_length=80)
    uraian = models.TextField(_("uraian"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "layanan"

    class Meta:
        verbose_name = _("Layanan")
        verbose_name_plural = _("Layanan")
        ordering = ["instansi", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "slug"], name="layanan_slug_unik")
        ]

    def __str__(self) -> str:
        return self.nama


class StandarPelayanan(models.Model):
    """The Standar Pelayanan of one service (PermenPAN-RB 15/2014, docs/domain.md §9).

    Six service-delivery components and eight management components, each free text
    (one item per line is rendered as a list). Published once it is set (ditetapkan).
    """

    # (field, label, group) in the order the regulation lists them.
    KOMPONEN = [
        ("persyaratan", _("Persyaratan"), "penyampaian"),
        ("prosedur", _("Sistem, Mekanisme, dan Prosedur"), "penyampaian"),
        ("jangka_waktu", _("Jangka Waktu Penyelesaian"), "penyampaian"),
        ("biaya", _("Biaya/Tarif"), "penyampaian"),
        ("produk", _("Produk Pelayanan"), "penyampaian"),
        ("pengaduan", _("Penanganan Pengaduan, Saran, dan Masukan"), "penyampaian"),
        ("dasar_hukum", _("Dasar Hukum"), "pengelolaan"),
        ("sarana", _("Sarana dan Prasarana, dan/atau Fasilitas"), "pengelolaan"),
        ("kompetensi", _("Kompetensi Pelaksana"), "pengelolaan"),
        ("pengawasan", _("Pengawasan Internal"), "pengelolaan"),
        ("jumlah_pelaksana", _("Jumlah Pelaksana"), "pengelolaan"),
        ("jaminan_pelayanan", _("Jaminan Pelayanan"), "pengelolaan"),
        ("jaminan_keamanan", _("Jaminan Keamanan dan Keselamatan Pelayanan"), "pengelolaan"),
        ("evaluasi", _("Evaluasi Kinerja Pelaksana"), "pengelolaan"),
    ]

    layanan = models.OneToOneField(Layanan, on_delete=models.CASCADE, related_name="standar")
    persyaratan = models.TextField(_("persyaratan"), blank=True)
    prosedur = models.TextField(_("sistem, mekanisme, dan prosedur"), blank=True)
    jangka_waktu = models.TextField(_("jangka waktu penyelesaian"), blank=True)
    biaya = models.TextField(_("biaya/tarif"), blank=True)
    produk = models.TextField(_("produk pelayanan"), blank=True)
    pengaduan = models.TextField(_("penanganan pengaduan, saran, dan masukan"), blank=True)
    dasar_hukum = models.TextField(_("dasar hukum"), blank=True)
    sarana = models.TextField(_("sarana dan prasarana"), blank=True)
    kompetensi = models.TextField(_("kompetensi pelaksana"), blank=True)
    pengawasan = models.TextField(_("pengawasan internal"), blank=True)
    jumlah_pelaksana = models.TextField(_("jumlah pelaksana"), blank=True)
    jaminan_pelayanan = models.TextField(_("jaminan pelayanan"), blank=True)
    jaminan_keamanan = models.TextField(_("jaminan keamanan dan keselamatan"), blank=True)
    evaluasi = models.TextField(_("evaluasi kinerja pelaksana"), blank=True)
    # The head's decree that sets it, e.g. "Keputusan Camat Bungaraya Nomor …".
    nomor_penetapan = models.CharField(_("nomor keputusan penetapan"), max_length=150, blank=True)
    tanggal_penetapan = models.DateField(_("tanggal penetapan"), null=True, blank=True)
    diperbarui_pada = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    pemda_path = "layanan__instansi__pemda"
    instansi_path = "layanan__instansi"
    riwayat_jenis = "standar_pelayanan"

    class Meta:
        verbose_name = _("Standar pelayanan")
        verbose_name_plural = _("Standar pelayanan")

    def __str__(self) -> str:
        return f"Standar Pelayanan {self.layanan}"

    @property
    def ditetapkan(self) -> bool:
        return self.tanggal_penetapan is not None


class PeriodeSurvei(DokumenBeku):
    """A survey period of an agency, and the SKM report that closes it.

    The SPP & IKM SOP run carries this row (sop binder): the period, its answers, the
    report narrative and, once signed, the frozen result and documents.
    """

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIBUKA = "dibuka", _("Dibuka")
        DITUTUP = "ditutup", _("Ditutup")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="periode_survei")
    tahun = models.PositiveIntegerField(_("tahun"))
    # 1 or 2 for a semester survey, 0 for a yearly one.
    semester = models.PositiveSmallIntegerField(
        _("semester"), default=0, validators=[MaxValueValidator(2)]
    )
    mulai = models.DateField(_("tanggal mulai"))
    selesai = models.DateField(_("tanggal selesai"))
    # People served in the period (N of Krejcie & Morgan): sets the sample size.
    populasi = models.PositiveIntegerField(_("jumlah penerima layanan (populasi)"), default=0)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.DRAF)
    # The nine elements as asked in this period: [{kode, nama, pertanyaan, jawaban[4]}].
    unsur = models.JSONField(default=list)
    # Report text people write: {"pendahuluan", "kesimpulan", "rencana_tindak_lanjut", …}.
    narasi = models.JSONField(default=dict, blank=True)
    # The rendered report, kept at signing with the frozen results (DokumenBeku).
    pdf = models.FileField(upload_to="ikm/%Y/", blank=True)
    docx = models.FileField(upload_to="ikm/%Y/", blank=True)

    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"
    riwayat_jenis = "periode_survei"

    class Meta:
        verbose_name = _("Periode survei")
        verbose_name_plural = _("Periode survei")
        ordering = ["instansi", "-tahun", "-semester"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "tahun", "semester"], name="periode_survei_unik"
            ),
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")), name="periode_urut"
            ),
        ]

    def __str__(self) -> str:
        return f"SKM {self.label} — {self.instansi.nama}"

    @property
    def label(self) -> str:
        if self.semester:
            return f"Semester {'I' if self.semester == 1 else 'II'} {self.tahun}"
        return f"Tahun {self.tahun}"

    @property
    def menerima_jawaban(self) -> bool:
        return self.status == self.Status.DIBUKA


class Responden(models.Model):
    """One filled questionnaire: who answered (no name), for which service, nine answers."""

    class Sumber(models.TextChoices):
        DARING = "daring", _("Formulir daring")
        KERTAS = "kertas", _("Kuesioner kertas")
        IMPOR = "impor", _("Impor Excel")

    class JenisKelamin(models.TextChoices):
        L = "L", _("Laki-laki")
        P = "P", _("Perempuan")

    class Pendidikan(models.TextChoices):
        SD = "SD", _("SD")
        SMP = "SMP", _("SMP")
        SMA = "SMA", _("SMA")
        DIPLOMA = "D1-D4", _("D1–D3–D4")
        S1 = "S1", _("S1")
        S2 = "S2+", _("S2 ke atas")

    class Pekerjaan(models.TextChoices):
        PNS = "PNS", _("PNS")
        TNI = "TNI", _("TNI")
        POLRI = "POLRI", _("POLRI")
        SWASTA = "Swasta", _("Swasta")
        WIRAUSAHA = "Wirausaha", _("Wirausaha")
        LAINNYA = "Lainnya", _("Lainnya")

    periode = models.ForeignKey(PeriodeSurvei, on_delete=models.CASCADE, related_name="responden")
    layanan = models.ForeignKey(Layanan, on_delete=models.PROTECT, related_name="responden")
    sumber = models.CharField(max_length=8, choices=Sumber.choices, default=Sumber.DARING)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    usia = models.PositiveSmallIntegerField(
        _("usia"), validators=[MinValueValidator(10), MaxValueValidator(120)]
    )
    pendidikan = models.CharField(_("pendidikan"), max_length=6, choices=Pendidikan.choices)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=10, choices=Pekerjaan.choices)
    # When the person was served / filled the questionnaire (paper: the date written on it).
    waktu = models.DateTimeField(_("tanggal dan jam"), default=timezone.now)
    u1 = models.PositiveSmallIntegerField(validators=JAWABAN)
    u2 = models.PositiveSmallIntegerField(validators=JAWABAN)
    u3 = models.PositiveSmallIntegerField(validators=JAWABAN)
    u4 = models.PositiveSmallIntegerField(validators=JAWABAN)
    u5 = models.PositiveSmallIntegerField(validators=JAWABAN)
    u6 = models.PositiveSmallIntegerField(validators=JAWABAN)
    u7 = models.PositiveSmallIntegerField(validators=JAWABAN)
    u8 = models.PositiveSmallIntegerField(validators=JAWABAN)
    u9 = models.PositiveSmallIntegerField(validators=JAWABAN)
    saran = models.TextField(_("saran dan masukan"), blank=True)
    # Paper/import: who typed it in. Online: empty.
    dicatat_oleh = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dicatat_pada = models.DateTimeField(default=timezone.now)
    # Online only: a keyed hash of the sender's address (rate limit; the address is not kept)
    # and the form's one-time token (a double submit stores one questionnaire).
    sidik = models.CharField(max_length=64, blank=True, db_index=True)
    token = models.UUIDField(null=True, blank=True, unique=True, default=None)

    objects = ScopedManager()
    pemda_path = "periode__instansi__pemda"
    instansi_path = "periode__instansi"

    class Meta:
        verbose_name = _("Responden")
        verbose_name_plural = _("Responden")
        ordering = ["periode", "-waktu", "-id"]
        indexes = [models.Index(fields=["periode", "layanan"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"u{i}__gte": 1}) & Q(**{f"u{i}__lte": 4}),
                name=f"responden_u{i}_1_4",
            )
            for i in range(1, 10)
        ]

    def __str__(self) -> str:
        return f"Responden {self.pk} — {self.layanan}"

    @property
    def jawaban(self) -> dict[str, int]:
        return {f"U{i}": getattr(self, f"u{i}") for i in range(1, 10)}


def token_baru() -> uuid.UUID:
    return uuid.uuid4()
