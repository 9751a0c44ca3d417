"""Who works where: Pemda → Instansi → Jabatan (a tree) → Pegawai (docs/domain.md §2)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.lib.akses import ScopedManager, ScopedQuerySet

from .validators import format_nip, normalisasi_nip, validasi_nip

LOGO_VALIDATORS = [FileExtensionValidator(["png", "jpg", "jpeg", "svg"])]

# Actor names the seed SOPs use (docs/domain.md §2–§3); an agency maps each it uses.
NAMA_PELAKSANA_SOP = [
    "Camat",
    "Sekretaris",
    "Sekcam",
    "Kasubag Evapor",
    "Kasubag Perencanaan",
    "Kasubag Umum",
    "Kasubag",
    "Kasi",
    "Staf",
    "Fungsional Umum",
    "Kabag",
    "Kasubag Pengendalian",
    "Kasubag AD",
    "Kasubag LN",
]


class Pemda(models.Model):
    class Jenis(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        PROVINSI = "provinsi", _("Provinsi")

    nama = models.CharField(_("nama"), max_length=150, unique=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    kode = models.CharField(_("kode wilayah"), max_length=20, blank=True)
    ibukota = models.CharField(_("ibu kota"), max_length=100, blank=True)
    alamat = models.TextField(_("alamat"), blank=True)
    logo = models.FileField(_("logo"), upload_to="logo/", blank=True, validators=LOGO_VALIDATORS)
    # The regional head co-signs the agency heads' PK but is not a user of the system.
    nama_kepala_daerah = models.CharField(
        _("nama kepala daerah"), max_length=200, blank=True, help_text=_("Dengan gelar.")
    )

    riwayat_jenis = "pemda"
    objects = ScopedManager()
    pemda_path = "pk"
    instansi_path = "instansi"

    class Meta:
        verbose_name = _("Pemda")
        verbose_name_plural = _("Pemda")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    @property
    def kepala_daerah(self) -> str:
        return {"kota": "Wali Kota", "provinsi": "Gubernur"}.get(self.jenis, "Bupati")


class Instansi(models.Model):
    """A perangkat daerah: kecamatan, dinas, badan, bagian of the Setda …"""

    class Jenis(models.TextChoices):
        KECAMATAN = "kecamatan", _("Kecamatan")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        BAGIAN = "bagian", _("Bagian Sekretariat Daerah")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        KANTOR = "kantor", _("Kantor")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="instansi")
    nama = models.CharField(_("nama"), max_length=150)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    kode_unit = models.CharField(
        _("kode unit"),
        max_length=30,
        help_text=_("Dipakai pada nomor surat, mis. KEC-BR."),
    )
    alamat = models.TextField(_("alamat"), blank=True)
    telepon = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    situs = models.URLField(_("situs web"), blank=True)
    logo = models.FileField(_("logo"), upload_to="logo/", blank=True, validators=LOGO_VALIDATORS)

    riwayat_jenis = "instansi"
    objects = ScopedManager()
    pemda_path = "pemda"
    instansi_path = ""

    class Meta:
        verbose_name = _("Instansi")
        verbose_name_plural = _("Instansi")
        ordering = ["pemda__nama", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "nama"], name="instansi_nama_unik"),
            models.UniqueConstraint(fields=["pemda", "kode_unit"], name="instansi_kode_unit_unik"),
        ]

    def __str__(self) -> str:
        return self.nama

    def pejabat_kepala(
        self, tanggal: datetime.date | None = None, *, plt: bool = True
    ) -> tuple[Pegawai, Jabatan, str] | None:
        """(person, head position, '' | 'Plt.' | 'Plh.') of the active head, or None.

        The definitive holder first (the head position has one holder, Pegawai.clean;
        by pk should broken data hold two), else with `plt` the acting one of `tanggal`.
        Two queries at most.
        """
        kepala = Q(jabatan__instansi=self, jabatan__peran=Jabatan.Peran.KEPALA)
        definitif = (
            Pegawai.objects.filter(kepala, is_active=True)
            .select_related("jabatan")
            .order_by("pk")
            .first()
        )
        if definitif is not None:
            return definitif, definitif.jabatan, ""
        if not plt:
            return None
        acting = (
            PelaksanaTugas.objects.aktif_pada(tanggal or timezone.localdate())
            .filter(kepala, pegawai__is_active=True)
            .select_related("pegawai", "jabatan")
            .first()
        )
        if acting is None:
            return None
        return acting.pegawai, acting.jabatan, acting.get_jenis_display()

    def kepala_aktif(self, tanggal: datetime.date | None = None) -> Pegawai | None:
        """The agency's active head on `tanggal`: the definitive head, else the Plt./Plh."""
        pejabat = self.pejabat_kepala(tanggal)
        return pejabat[0] if pejabat else None


class JabatanQuerySet(ScopedQuerySet):
    def with_pemangku(self) -> JabatanQuerySet:
        """Holders and today's acting holders in two queries, whatever the count."""
        hari_ini = timezone.localdate()
        return self.prefetch_related(
            models.Prefetch(
                "pemangku",
                queryset=Pegawai.objects.filter(is_active=True).order_by("nama"),
                to_attr="pemangku_list",
            ),
            models.Prefetch(
                "pelaksana_tugas",
                queryset=PelaksanaTugas.objects.aktif_pada(hari_ini).select_related("pegawai"),
                to_attr="plt_list",
            ),
        )


class Jabatan(models.Model):
    """A position. Positions form a tree through `atasan` (the superior)."""

    class Eselon(models.TextChoices):
        II_A = "II.a", "II.a"
        II_B = "II.b", "II.b"
        III_A = "III.a", "III.a"
        III_B = "III.b", "III.b"
        IV_A = "IV.a", "IV.a"
        IV_B = "IV.b", "IV.b"

    class Peran(models.TextChoices):
        KEPALA = "kepala", _("Kepala instansi")
        SEKRETARIS = "sekretaris", _("Sekretaris")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="jabatan")
    nama = models.CharField(_("nama jabatan"), max_length=200)
    atasan = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bawahan",
        verbose_name=_("atasan"),
    )
    eselon = models.CharField(_("eselon"), max_length=6, choices=Eselon.choices, blank=True)
    peran = models.CharField(
        _("peran pimpinan"),
        max_length=20,
        choices=Peran.choices,
        blank=True,
        help_text=_("Kepala dan sekretaris melihat riwayat seluruh instansi."),
    )
    tunggal = models.BooleanField(
        _("satu pemangku"),
        default=True,
        help_text=_("Jabatan struktural dipangku satu orang; jabatan pelaksana boleh banyak."),
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    riwayat_jenis = "jabatan"
    objects = ScopedManager.from_queryset(JabatanQuerySet)()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"

    class Meta:
        verbose_name = _("Jabatan")
        verbose_name_plural = _("Jabatan")
        ordering = ["instansi", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi"],
                condition=Q(peran="kepala"),
                name="jabatan_satu_kepala_per_instansi",
                violation_error_message=_("Instansi ini sudah punya jabatan kepala."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def pemangku_aktif(self) -> list[tuple[Pegawai, str]]:
        """(pegawai, '' | 'Plt.' | 'Plh.') for today; needs `with_pemangku()`."""
        hasil = [(p, "") for p in getattr(self, "pemangku_list", [])]
        hasil += [(t.pegawai, t.get_jenis_display()) for t in getattr(self, "plt_list", [])]
        return hasil

    def rantai_atasan(self) -> list[Jabatan]:
        """The superiors from the direct one upwards (stops at a cycle)."""
        rantai, seen, cur = [], {self.pk}, self.atasan
        while cur is not None and cur.pk not in seen:
            rantai.append(cur)
            seen.add(cur.pk)
            cur = cur.atasan
        return rantai

    def clean(self) -> None:
        if self.atasan_id is None or self.instansi_id is None:
            return
        if self.atasan_id == self.pk:
            raise ValidationError(
                {"atasan": _("Jabatan tidak boleh menjadi atasan dirinya sendiri.")}
            )
        atasan = Jabatan.objects.select_related("instansi").get(pk=self.atasan_id)
        if atasan.instansi.pemda_id != self.instansi.pemda_id:
            raise ValidationError({"atasan": _("Atasan harus jabatan pada Pemda yang sama.")})
        if self.pk is None:
            return
        # Walk up from the new superior; meeting this position again closes a cycle.
        jalur, seen, cur = [self.nama, atasan.nama], {atasan.pk}, atasan
        while cur.atasan_id is not None:
            if cur.atasan_id == self.pk:
                raise ValidationError(
                    {
                        "atasan": _(
                            "Susunan atasan membentuk lingkaran: %(jalur)s. "
                            "Pilih atasan yang bukan bawahan jabatan ini."
                        )
                        % {"jalur": " → ".join([*jalur, self.nama])}
                    }
                )
            if cur.atasan_id in seen:
                break
            seen.add(cur.atasan_id)
            cur = Jabatan.objects.only("id", "nama", "atasan_id").get(pk=cur.atasan_id)
            jalur.append(cur.nama)


class PelaksanaTugasQuerySet(ScopedQuerySet):
    def aktif_pada(self, tanggal: datetime.date) -> PelaksanaTugasQuerySet:
        return self.filter(tanggal_mulai__lte=tanggal).filter(
            Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=tanggal)
        )


class PelaksanaTugas(models.Model):
    """An acting holder: Plt (pelaksana tugas) or Plh (pelaksana harian), with dates."""

    class Jenis(models.TextChoices):
        PLT = "plt", "Plt."
        PLH = "plh", "Plh."

    jabatan = models.ForeignKey(Jabatan, on_delete=models.CASCADE, related_name="pelaksana_tugas")
    pegawai = models.ForeignKey("Pegawai", on_delete=models.CASCADE, related_name="penugasan_plt")
    jenis = models.CharField(_("jenis"), max_length=3, choices=Jenis.choices)
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor surat perintah"), max_length=100, blank=True)

    riwayat_jenis = "plt"
    objects = ScopedManager.from_queryset(PelaksanaTugasQuerySet)()
    pemda_path = "jabatan__instansi__pemda"
    instansi_path = "jabatan__instansi"

    class Meta:
        verbose_name = _("Pelaksana tugas (Plt/Plh)")
        verbose_name_plural = _("Pelaksana tugas (Plt/Plh)")
        ordering = ["-tanggal_mulai"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.jabatan}: {self.pegawai}"

    def clean(self) -> None:
        if (
            self.tanggal_selesai
            and self.tanggal_mulai
            and self.tanggal_selesai < self.tanggal_mulai
        ):
            raise ValidationError(
                {"tanggal_selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")}
            )
        if self.jabatan_id and self.pegawai_id:
            pemda_jabatan = Jabatan.objects.values_list("instansi__pemda", flat=True).get(
                pk=self.jabatan_id
            )
            if self.pegawai.pemda_id != pemda_jabatan:
                raise ValidationError({"pegawai": _("Pegawai harus dari Pemda yang sama.")})


class PemetaanPelaksana(models.Model):
    """Maps an actor name used in the agency's SOPs ("Sekcam") to one of its positions."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="pemetaan")
    nama_pelaksana = models.CharField(
        _("nama pelaksana pada SOP"), max_length=100, help_text=_("Mis. Camat, Sekcam, Staf.")
    )
    jabatan = models.ForeignKey(Jabatan, on_delete=models.CASCADE, related_name="pemetaan")

    riwayat_jenis = "pemetaan"
    objects = ScopedManager()
    pemda_path = "instansi__pemda"
    instansi_path = "instansi"

    class Meta:
        verbose_name = _("Pemetaan pelaksana SOP")
        verbose_name_plural = _("Pemetaan pelaksana SOP")
        ordering = ["instansi", "nama_pelaksana"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "nama_pelaksana"],
                name="pemetaan_pelaksana_unik",
                violation_error_message=_("Nama pelaksana ini sudah dipetakan di instansi ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama_pelaksana} → {self.jabatan}"

    def clean(self) -> None:
        if self.jabatan_id and self.instansi_id and self.jabatan.instansi_id != self.instansi_id:
            raise ValidationError(
                {
                    "jabatan": _(
                        "Jabatan “%(jabatan)s” milik %(lain)s; pelaksana SOP %(instansi)s "
                        "hanya boleh dipetakan ke jabatan instansinya sendiri."
                    )
                    % {
                        "jabatan": self.jabatan.nama,
                        "lain": self.jabatan.instansi.nama,
                        "instansi": self.instansi.nama,
                    }
                }
            )


# django-stubs types `from_queryset` only when assigned to a manager, not as a base class.
class PegawaiManager(BaseUserManager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, username, password=None, **extra):
        user = self.model(username=username, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("nama", username)
        return self.create_user(username, password, **extra)


class Pegawai(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Agency staff hold a position; Pemda roles see many agencies."""

    class Peran(models.TextChoices):
        PEGAWAI = "pegawai", _("Pegawai instansi")
        ADMIN_PEMDA = "admin_pemda", _("Administrator Pemda")
        EVALUATOR = "evaluator", _("Evaluator Pemda")

    username = models.CharField(
        _("nama pengguna"),
        max_length=150,
        unique=True,
        error_messages={"unique": _("Nama pengguna ini sudah dipakai pegawai lain.")},
    )
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validasi_nip],
        error_messages={"unique": _("NIP ini sudah ada: terdaftar untuk pegawai lain.")},
    )
    gelar_depan = models.CharField(_("gelar depan"), max_length=50, blank=True)
    nama = models.CharField(_("nama"), max_length=150)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    pemda = models.ForeignKey(
        Pemda, on_delete=models.PROTECT, null=True, blank=True, related_name="pegawai"
    )
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, null=True, blank=True, related_name="pegawai"
    )
    jabatan = models.ForeignKey(
        Jabatan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pemangku",
        verbose_name=_("jabatan definitif"),
    )
    peran = models.CharField(_("peran"), max_length=20, choices=Peran.choices, default="pegawai")
    is_active = models.BooleanField(_("aktif"), default=True)
    is_staff = models.BooleanField(_("akses admin"), default=False)
    date_joined = models.DateTimeField(_("terdaftar"), default=timezone.now)

    riwayat_jenis = "pegawai"
    objects = PegawaiManager()
    pemda_path = "pemda"
    instansi_path = "instansi"

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["nama"]
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("Pegawai")
        verbose_name_plural = _("Pegawai")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama_lengkap

    @property
    def nama_lengkap(self) -> str:
        """Name with titles as printed on letters: 'Drs. Amin Soimin, S.H., M.Si.'."""
        nama = f"{self.gelar_depan} {self.nama}".strip()
        return f"{nama}, {self.gelar_belakang}" if self.gelar_belakang else nama

    @property
    def nip_tampil(self) -> str:
        return format_nip(self.nip or "")

    def get_full_name(self) -> str:
        return self.nama_lengkap

    def get_short_name(self) -> str:
        return self.nama

    def instansi_plt_aktif_ids(self, tanggal: datetime.date) -> list[int]:
        if not self.pk:
            return []
        return list(
            PelaksanaTugas.objects.aktif_pada(tanggal)
            .filter(pegawai=self)
            .values_list("jabatan__instansi_id", flat=True)
        )

    def jabatan_aktif(self, tanggal: datetime.date | None = None) -> list[tuple[Jabatan, str]]:
        """Definitive position and today's Plt/Plh positions: (jabatan, '' | 'Plt.' | 'Plh.')."""
        tanggal = tanggal or timezone.localdate()
        hasil = [(self.jabatan, "")] if self.jabatan else []
        for t in (
            PelaksanaTugas.objects.aktif_pada(tanggal)
            .filter(pegawai=self)
            .select_related("jabatan__instansi")
        ):
            hasil.append((t.jabatan, t.get_jenis_display()))
        return hasil

    def clean_fields(self, exclude=None) -> None:
        # People type the NIP as printed ("19720713 199203 1 005"): store digits only.
        self.nip = normalisasi_nip(self.nip or "") or None
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        super().clean()
        instansi, jabatan = self.instansi, self.jabatan
        if instansi and self.pemda_id is None:
            self.pemda_id = instansi.pemda_id
        if instansi and instansi.pemda_id != self.pemda_id:
            raise ValidationError({"instansi": _("Instansi harus berada pada Pemda pegawai.")})
        if jabatan:
            if jabatan.instansi_id != self.instansi_id:
                raise ValidationError(
                    {"jabatan": _("Jabatan harus jabatan pada instansi pegawai ini.")}
                )
            if jabatan.tunggal:
                lain = (
                    Pegawai.objects.filter(jabatan_id=self.jabatan_id, is_active=True)
                    .exclude(pk=self.pk)
                    .first()
                )
                if lain is not None and self.is_active:
                    raise ValidationError(
                        {
                            "jabatan": _(
                                "Jabatan “%(jabatan)s” sudah dipangku %(nama)s. Kosongkan dulu, "
                                "atau tunjuk sebagai Plt/Plh."
                            )
                            % {"jabatan": jabatan.nama, "nama": lain.nama_lengkap}
                        }
                    )
        # Only the Pemda's administrators (and the superuser) open the admin site.
        self.is_staff = self.is_superuser or self.peran == self.Peran.ADMIN_PEMDA
        if self.peran in (self.Peran.ADMIN_PEMDA, self.Peran.EVALUATOR) and not self.pemda_id:
            raise ValidationError({"pemda": _("Peran tingkat Pemda memerlukan Pemda.")})
