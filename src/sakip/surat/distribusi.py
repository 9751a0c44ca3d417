"""Distributing a signed letter with a receipt per recipient ("SOP Pengiriman Surat/Dokumen").

The buku ekspedisi of docs/domain.md §11 as data: one `Pengiriman` per distribution, one
`Penerima` per recipient. Internal recipients are positions (Jabatan) of the same Pemda,
reached in the application (opening the receipt page is the read receipt); external ones
get an email with a confirmation link, or a paper letter whose signed receipt staff scan.
The sub-procedure ends when every receipt is in (SELESAI) or the sender closes it with a
reason (DITUTUP); `pengiriman_lengkap_signal` then tells the SOP engine, after commit.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import PurePath

import django.dispatch
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.lib.teks import bersihkan_baris
from sakip.notifikasi import services as notifikasi
from sakip.notifikasi.models import Notifikasi
from sakip.organisasi.models import Jabatan, Pegawai
from sakip.organisasi.pemangku import jabatan_dipegang_ids, pemangku
from sakip.sop.lampiran import BerkasDitolak, validasi_berkas

from .models import Penerima, Pengiriman, Surat

log = logging.getLogger(__name__)

# Sent (after commit) when a distribution is complete or closed; the SOP integration
# connects it: receiver(sender=Pengiriman, pengiriman=Pengiriman, **kwargs).
pengiriman_lengkap_signal = django.dispatch.Signal()

Cara = Penerima.Cara
STATUS_TERTANDATANGANI = (
    Surat.Status.DITANDATANGANI,
    Surat.Status.DIKIRIM,
    Surat.Status.DIARSIPKAN,
)
# The signed PDF rides along in the email below this size; larger ones are fetched by link.
LAMPIRAN_EMAIL_MAKS = 5 * 1024 * 1024
# A second submit of the same recipients this soon after the first is a double click.
JENDELA_KEMBAR = datetime.timedelta(seconds=10)
# Receipt scans: what a phone camera or a scanner produces.
EKSTENSI_TANDA_TERIMA = {"pdf", "jpg", "jpeg", "png"}


# ---------------------------------------------------------------- who may do what


def boleh_kirim(aktor, surat: Surat) -> bool:
    """The letter's agency staff (not evaluators) distribute and record receipts."""
    return (
        aktor is not None and Surat.objects.for_user(aktor, ubah=True).filter(pk=surat.pk).exists()
    )


def penerima_untuk(user) -> QuerySet[Penerima]:
    """The recipient rows addressed to positions `user` holds: the recipient's access path.

    A recipient may sit in another agency of the Pemda (Bagian Organisasi receives a
    kecamatan's PK), so `for_user` (the sender's scope) does not apply here.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return Penerima.objects.filter(jabatan__isnull=False)
    return Penerima.objects.filter(jabatan_id__in=jabatan_dipegang_ids(user))


def jabatan_penerima(surat: Surat) -> QuerySet[Jabatan]:
    """Positions a letter may go to: every agency of the letter's Pemda (its own included)."""
    return Jabatan.objects.filter(instansi__pemda_id=surat.instansi.pemda_id).select_related(
        "instansi"
    )


def dapat_dikirim(surat: Surat) -> bool:
    return surat.status in STATUS_TERTANDATANGANI and bool(surat.berkas_ttd)


def pengiriman_lengkap(pengiriman: Pengiriman) -> bool:
    """Whether the sub-procedure has ended: every receipt in, or closed by the sender."""
    return pengiriman.status in (Pengiriman.Status.SELESAI, Pengiriman.Status.DITUTUP)


# ---------------------------------------------------------------- starting a distribution


def _baris(surat: Surat, no: int, data: dict, jabatan_sah: set[int]) -> tuple[dict, list[str]]:
    """One recipient dict checked and normalised; (clean row, error messages)."""
    galat: list[str] = []
    awal = _("Penerima %(no)s: ") % {"no": no}
    cara = (data.get("cara") or "").strip()
    jabatan = data.get("jabatan")
    nama = " ".join(str(data.get("nama") or "").split())[:200]
    email = str(data.get("email") or "").strip()
    alamat = " ".join(str(data.get("alamat") or "").split())[:300]
    if cara not in Cara.values:
        galat.append(awal + _("pilih cara kirim (aplikasi, surel atau kertas)."))
    if jabatan is not None:
        if not isinstance(jabatan, Jabatan) or jabatan.pk not in jabatan_sah:
            galat.append(awal + _("jabatan tidak dikenal pada Pemda ini."))
    elif not nama:
        galat.append(awal + _("pilih jabatan atau isi nama penerima."))
    if cara == Cara.APLIKASI and jabatan is None:
        galat.append(awal + _("pengiriman dalam aplikasi hanya untuk jabatan internal."))
    if cara == Cara.EMAIL:
        if not email:
            galat.append(awal + _("pengiriman surel memerlukan alamat surel."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                galat.append(awal + _("alamat surel “%(email)s” tidak sah.") % {"email": email})
    if cara == Cara.KERTAS and jabatan is None and not alamat:
        galat.append(awal + _("pengiriman kertas ke penerima luar memerlukan alamat."))
    bersih = {
        "jabatan": jabatan if isinstance(jabatan, Jabatan) else None,
        "nama": nama,
        "email": email.lower(),
        "alamat": alamat,
        "cara": cara,
    }
    return bersih, galat


def _periksa_penerima(surat: Surat, penerima: list[dict]) -> list[dict]:
    """All rows checked before anything is written; every problem reported at once."""
    if not penerima:
        raise ValidationError(_("Pilih sedikitnya satu penerima."))
    jabatan_ids = {d["jabatan"].pk for d in penerima if isinstance(d.get("jabatan"), Jabatan)}
    sah = set(jabatan_penerima(surat).filter(pk__in=jabatan_ids).values_list("pk", flat=True))
    galat: list[str] = []
    hasil, terlihat = [], set()
    for no, data in enumerate(penerima, start=1):
        bersih, salah = _baris(surat, no, data, sah)
        galat += salah
        kunci = (
            (bersih["jabatan"].pk,)
            if bersih["jabatan"]
            else (bersih["nama"].lower(), bersih["email"])
        )
        if not salah and kunci in terlihat:
            galat.append(_("Penerima %(no)s tercantum dua kali.") % {"no": no})
        terlihat.add(kunci)
        hasil.append(bersih)
    if galat:
        raise ValidationError(galat)
    return hasil


def _tanda(baris) -> tuple:
    return (baris["jabatan"].pk if baris["jabatan"] else 0, baris["nama"], baris["email"],
            baris["alamat"], baris["cara"])  # fmt: skip


def _pengiriman_kembar(surat: Surat, aktor, baris: list[dict]) -> Pengiriman | None:
    """The open distribution the same person just made to the same recipients, if any."""
    batas = timezone.now() - JENDELA_KEMBAR
    calon = (
        Pengiriman.objects.filter(
            surat=surat,
            dibuat_oleh=aktor,
            status=Pengiriman.Status.BERJALAN,
            dibuat_pada__gte=batas,
        )
        .order_by("-dibuat_pada", "-id")
        .first()
    )
    if calon is None:
        return None
    lama = sorted(
        (p.jabatan_id or 0, p.nama, p.email, p.alamat, p.cara) for p in calon.penerima.all()
    )
    return calon if lama == sorted(_tanda(b) for b in baris) else None


def mulai_pengiriman(*, aktor, surat: Surat, penerima: list[dict], pelaksanaan=None) -> Pengiriman:
    """Distribute a signed letter: record the recipients, notify them, send the emails.

    Each dict is {"jabatan": Jabatan} or {"nama", "email", "alamat"}, with "cara" one of
    aplikasi (internal positions only), email (needs an address) or kertas. Everything is
    checked before anything is written. The letter becomes DIKIRIM. A double submit of the
    same recipients within seconds returns the distribution the first one made.
    """
    if not boleh_kirim(aktor, surat):
        raise PermissionDenied(_("Anda tidak berwenang mengirim surat instansi ini."))
    with transaction.atomic():
        # The row lock serialises double submits of the same letter.
        surat = (
            Surat.objects.select_for_update(of=("self",))
            .select_related("instansi")
            .get(pk=surat.pk)
        )
        if not dapat_dikirim(surat):
            raise ValidationError(_("Hanya surat yang sudah ditandatangani yang dapat dikirim."))
        baris = _periksa_penerima(surat, penerima)
        kembar = _pengiriman_kembar(surat, aktor, baris)
        if kembar is not None:
            return kembar
        sekarang = timezone.now()
        pengiriman = Pengiriman.objects.create(
            surat=surat, pelaksanaan=pelaksanaan, dibuat_oleh=aktor, dibuat_pada=sekarang
        )
        dibuat = [
            Penerima.objects.create(pengiriman=pengiriman, dikirim_pada=sekarang, **b)
            for b in baris
        ]
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.TAMBAH,
            objek=pengiriman,
            sesudah={
                "surat": surat.pk,
                "penerima": [f"{p} ({p.get_cara_display()})" for p in dibuat],
            },
            keterangan="Mengirim surat",
        )
        _tandai_surat_dikirim(aktor, surat)
        for p in dibuat:
            _sampaikan(surat, p)
    return pengiriman


def _tandai_surat_dikirim(aktor, surat: Surat) -> None:
    # Only forward: an archived letter sent again stays archived.
    if surat.status != Surat.Status.DITANDATANGANI:
        return
    surat.status = Surat.Status.DIKIRIM
    surat.save(update_fields=["status"])
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.UBAH,
        objek=surat,
        sebelum={"status": Surat.Status.DITANDATANGANI},
        sesudah={"status": Surat.Status.DIKIRIM},
        keterangan="Surat dikirim",
    )


def _sampaikan(surat: Surat, penerima: Penerima) -> None:
    """In-app: notify the position's holders. Email: the link (and PDF) after commit."""
    if penerima.cara == Cara.APLIKASI and penerima.jabatan_id:
        judul = _("Surat dari %(instansi)s: %(perihal)s") % {
            "instansi": surat.instansi.nama,
            "perihal": surat.perihal,
        }
        isi = _("Nomor %(nomor)s. Buka untuk membaca dan mencatat tanda terima.") % {
            "nomor": surat.nomor_surat or "—"
        }
        tautan = reverse("kirim:terima", args=[penerima.pk])
        for orang in pemangku(penerima.jabatan):
            notifikasi.kirim(
                penerima=orang, judul=judul, isi=isi, tautan=tautan, kunci=f"penerima:{penerima.pk}"
            )
    elif penerima.cara == Cara.EMAIL:
        pk = penerima.pk
        transaction.on_commit(lambda: kirim_email(pk), robust=True)


def tautan_konfirmasi(penerima: Penerima) -> str:
    """The absolute confirmation link of an email recipient (settings.SITE_URL)."""
    jalur = reverse("tanda_terima:konfirmasi", args=[penerima.token])
    return settings.SITE_URL.rstrip("/") + jalur


def _isi_email(surat: Surat, penerima: Penerima, terlampir: bool) -> str:
    baris = [
        _("Yth. %(nama)s,") % {"nama": penerima.nama or penerima.jabatan},
        "",
        _("%(instansi)s mengirimkan surat kepada Anda:") % {"instansi": surat.instansi.nama},
        _("Nomor: %(nomor)s") % {"nomor": surat.nomor_surat or "—"},
        _("Perihal: %(perihal)s") % {"perihal": surat.perihal},
        "",
        _("Surat bertanda tangan elektronik terlampir.")
        if terlampir
        else _("Surat bertanda tangan elektronik dapat diunduh melalui tautan di bawah."),
        _("Mohon konfirmasi penerimaan dengan membuka tautan berikut:"),
        tautan_konfirmasi(penerima),
    ]
    return "\n".join(baris)


def kirim_email(penerima_id: int) -> bool:
    """Send one email recipient its letter; runs after commit. False when the mail failed.

    A mail server outage must not undo the distribution: the link can be sent again.
    """
    penerima = (
        Penerima.objects.select_related("pengiriman__surat__instansi", "jabatan")
        .filter(pk=penerima_id, cara=Cara.EMAIL)
        .first()
    )
    if penerima is None or not penerima.email:
        return False
    surat = penerima.pengiriman.surat
    lampiran = _berkas_ttd_kecil(surat)
    pesan = EmailMessage(
        # The subject is typed text: control characters become spaces (no BadHeaderError).
        subject=bersihkan_baris(
            _("[SAKIP] Surat %(nomor)s: %(perihal)s")
            % {"nomor": surat.nomor_surat or "", "perihal": surat.perihal}
        ),
        body=_isi_email(surat, penerima, lampiran is not None),
        to=[penerima.email],
    )
    if lampiran is not None:
        pesan.attach(nama_berkas_ttd(surat), lampiran, "application/pdf")
    try:
        pesan.send()
    except Exception:  # noqa: BLE001 — any backend failure; the distribution stands
        log.warning("Surel surat ke %s gagal dikirim", penerima.email, exc_info=True)
        return False
    return True


def _berkas_ttd_kecil(surat: Surat) -> bytes | None:
    try:
        if surat.berkas_ttd.size >= LAMPIRAN_EMAIL_MAKS:
            return None
        with surat.berkas_ttd.open("rb") as f:
            return f.read()
    except (OSError, ValueError):
        log.warning("Berkas bertanda tangan surat %s tidak terbaca", surat.pk, exc_info=True)
        return None


def nama_berkas_ttd(surat: Surat) -> str:
    """A download name from the letter's number: '000.7.2.7-015-KEC-A-2026.pdf'."""
    dasar = surat.nomor_surat or f"surat-{surat.pk}"
    return "".join(c if c.isalnum() or c in ".-" else "-" for c in dasar).strip("-") + ".pdf"


# ---------------------------------------------------------------- receipts


def _kunci_penerima(penerima: Penerima) -> Penerima:
    return (
        Penerima.objects.select_for_update(of=("self",))
        .select_related("pengiriman__surat__instansi", "jabatan")
        .get(pk=penerima.pk)
    )


def _catat_terima(penerima: Penerima, *, aktor, bukti: str, oleh: str, keterangan: str) -> None:
    sebelum = audit.snapshot(penerima)
    penerima.diterima_pada = timezone.now()
    penerima.bukti = bukti
    penerima.diterima_oleh = oleh[:200]
    if aktor is not None and getattr(aktor, "is_authenticated", False):
        penerima.dicatat_oleh = aktor
    penerima.save()
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.UBAH,
        objek=penerima,
        sebelum=sebelum,
        sesudah=audit.snapshot(penerima),
        keterangan=keterangan,
    )
    _selesaikan_bila_lengkap(penerima.pengiriman, aktor)


def tandai_dibaca(*, aktor, penerima: Penerima) -> Penerima:
    """A holder of the recipient position opened the letter in the app: the read receipt.

    Opening it again changes nothing.
    """
    if not penerima.jabatan_id or penerima.jabatan_id not in jabatan_dipegang_ids(aktor):
        raise PermissionDenied(_("Surat ini tidak ditujukan kepada jabatan Anda."))
    with transaction.atomic():
        penerima = _kunci_penerima(penerima)
        if penerima.cara != Cara.APLIKASI:
            raise ValidationError(_("Surat ini tidak dikirim melalui aplikasi."))
        if penerima.sudah_diterima:
            return penerima
        # The notification that pointed here is done with, however the page was reached.
        Notifikasi.objects.milik(aktor).filter(
            kunci=f"penerima:{penerima.pk}", dibaca_pada__isnull=True
        ).update(dibaca_pada=timezone.now())
        _catat_terima(
            penerima,
            aktor=aktor,
            bukti=Penerima.Bukti.DIBACA,
            oleh=f"{aktor.nama_lengkap} ({penerima.jabatan.nama})",
            keterangan="Surat dibuka penerima dalam aplikasi",
        )
    return penerima


def konfirmasi_tautan(*, token, nama: str) -> Penerima:
    """An email recipient confirms receipt through the link (public, no sign-in).

    A second confirmation keeps the first one.
    """
    nama = " ".join((nama or "").split())
    if not nama:
        raise ValidationError(_("Isi nama Anda sebagai penerima surat."))
    with transaction.atomic():
        penerima = (
            Penerima.objects.select_for_update(of=("self",))
            .select_related("pengiriman__surat__instansi", "jabatan")
            .filter(token=token, cara=Cara.EMAIL)
            .first()
        )
        if penerima is None:
            raise ValidationError(_("Tautan tanda terima tidak dikenal."))
        if penerima.sudah_diterima:
            return penerima
        _catat_terima(
            penerima,
            aktor=None,
            bukti=Penerima.Bukti.TAUTAN,
            oleh=nama,
            keterangan="Penerima mengonfirmasi melalui tautan surel",
        )
    return penerima


def _periksa_scan(berkas) -> None:
    if berkas is None:
        raise ValidationError(_("Pilih berkas tanda terima (PDF, JPG atau PNG)."))
    nama = getattr(berkas, "name", "") or ""
    if PurePath(nama).suffix.lower().lstrip(".") not in EKSTENSI_TANDA_TERIMA:
        raise ValidationError(
            _("Berkas “%(nama)s” ditolak: tanda terima harus PDF, JPG atau PNG.") % {"nama": nama}
        )
    try:
        validasi_berkas(berkas)
    except BerkasDitolak as exc:
        raise ValidationError(str(exc)) from exc


def unggah_tanda_terima(*, aktor, penerima: Penerima, berkas, diterima_oleh: str) -> Penerima:
    """Staff record a paper receipt: the scan of the signed receipt and the receiver's name."""
    if not boleh_kirim(aktor, penerima.pengiriman.surat):
        raise PermissionDenied(_("Anda tidak berwenang mencatat tanda terima surat ini."))
    diterima_oleh = " ".join((diterima_oleh or "").split())
    if not diterima_oleh:
        raise ValidationError(_("Isi nama orang yang menerima surat."))
    _periksa_scan(berkas)
    with transaction.atomic():
        penerima = _kunci_penerima(penerima)
        if penerima.cara != Cara.KERTAS:
            raise ValidationError(_("Tanda terima kertas hanya untuk pengiriman kertas."))
        if penerima.sudah_diterima:
            return penerima  # a repeated upload: the first receipt stands
        akhiran = PurePath(berkas.name).suffix.lower()
        penerima.berkas_tanda_terima.save(
            f"tanda-terima-{penerima.pk}{akhiran}", berkas, save=False
        )
        _catat_terima(
            penerima,
            aktor=aktor,
            bukti=Penerima.Bukti.UNGGAH,
            oleh=diterima_oleh,
            keterangan="Mengunggah tanda terima kertas",
        )
    return penerima


# ---------------------------------------------------------------- ending the sub-procedure


def _kabari_lengkap(pengiriman: Pengiriman) -> None:
    transaction.on_commit(
        lambda: pengiriman_lengkap_signal.send(sender=Pengiriman, pengiriman=pengiriman)
    )


def _selesaikan_bila_lengkap(pengiriman: Pengiriman, aktor) -> None:
    pengiriman = Pengiriman.objects.select_for_update().get(pk=pengiriman.pk)
    if pengiriman.status != Pengiriman.Status.BERJALAN:
        return
    if pengiriman.penerima.filter(diterima_pada__isnull=True).exists():
        return
    pengiriman.status = Pengiriman.Status.SELESAI
    pengiriman.save(update_fields=["status"])
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.UBAH,
        objek=pengiriman,
        sebelum={"status": Pengiriman.Status.BERJALAN},
        sesudah={"status": Pengiriman.Status.SELESAI},
        keterangan="Semua tanda terima lengkap",
    )
    _kabari_lengkap(pengiriman)


def tutup_pengiriman(*, aktor, pengiriman: Pengiriman, alasan: str) -> Pengiriman:
    """The sender ends a distribution whose receipts will not all come, saying why."""
    if not boleh_kirim(aktor, pengiriman.surat):
        raise PermissionDenied(_("Anda tidak berwenang menutup pengiriman ini."))
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError(_("Tuliskan alasan menutup pengiriman."))
    with transaction.atomic():
        pengiriman = Pengiriman.objects.select_for_update().get(pk=pengiriman.pk)
        if pengiriman.status == Pengiriman.Status.DITUTUP:
            return pengiriman
        if pengiriman.status == Pengiriman.Status.SELESAI:
            raise ValidationError(_("Semua tanda terima sudah lengkap; pengiriman telah selesai."))
        sebelum = audit.snapshot(pengiriman)
        pengiriman.status = Pengiriman.Status.DITUTUP
        pengiriman.alasan_tutup = alasan
        pengiriman.ditutup_oleh = aktor
        pengiriman.ditutup_pada = timezone.now()
        pengiriman.save()
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=pengiriman,
            sebelum=sebelum,
            sesudah=audit.snapshot(pengiriman),
            keterangan="Menutup pengiriman",
        )
        _kabari_lengkap(pengiriman)
    return pengiriman


# ---------------------------------------------------------------- demo

PEMDA_DEMO = "Kabupaten Siak"
PENERIMA_DEMO = "BAG-ADPEM"  # the Setda's Bagian that collects the agencies' PK and reports


def muat_demo(admin) -> int:
    """Send each signed demo letter not yet sent to the head of Bagian Administrasi
    Pembangunan (in the app) and to the Inspektorat on paper; returns distributions made.

    Idempotent: letters that already have a distribution are left alone. Run after the
    demo letters are signed.
    """
    tujuan = Jabatan.objects.filter(
        instansi__pemda__nama=PEMDA_DEMO, instansi__kode_unit=PENERIMA_DEMO, peran="kepala"
    ).first()
    if tujuan is None:
        return 0
    surat_list = (
        Surat.objects.filter(
            instansi__pemda__nama=PEMDA_DEMO,
            arah=Surat.Arah.KELUAR,
            status=Surat.Status.DITANDATANGANI,
            pengiriman__isnull=True,
        )
        .exclude(berkas_ttd="")
        .exclude(instansi_id=tujuan.instansi_id)
        .select_related("instansi")
    )
    dibuat = 0
    for surat in surat_list:
        pimpinan = Pegawai.objects.filter(instansi=surat.instansi, is_active=True)
        pengirim = pimpinan.exclude(jabatan__peran="").order_by("pk").first() or admin
        mulai_pengiriman(
            aktor=pengirim,
            surat=surat,
            penerima=[
                {"jabatan": tujuan, "cara": Cara.APLIKASI},
                {
                    "nama": "Inspektorat Daerah Kabupaten Siak",
                    "alamat": "Jl. Sultan Ismail, Siak Sri Indrapura",
                    "cara": Cara.KERTAS,
                },
            ],
        )
        dibuat += 1
    return dibuat
