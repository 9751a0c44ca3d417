"""Incoming letters: registered with their scan under the next incoming agenda number."""

from __future__ import annotations

import datetime
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sakip.audit.models import CatatanAudit
from sakip.organisasi.models import Instansi

from ..models import Surat, Urutan
from ..penomoran import ambil_nomor, kunci_urutan
from .umum import _catat, _klasifikasi, _pastikan_boleh_tulis, _wajib, hari_ini, validasi_scan

# ---------------------------------------------------------------- incoming letters


def daftarkan_surat_masuk(
    *,
    aktor,
    instansi: Instansi,
    asal: str,
    nomor_surat: str,
    tanggal_surat: datetime.date,
    perihal: str,
    diterima_pada: datetime.date | None = None,
    sifat: str = "biasa",
    lampiran: str = "",
    kode_klasifikasi: str | None = None,
    keterangan: str = "",
    berkas=None,
) -> Surat:
    """Register an incoming letter (with its scan) under the next incoming agenda number.

    Registering the same letter again (same sender, number and date) returns the entry
    already made, so a double submit is harmless.
    """
    _pastikan_boleh_tulis(aktor, instansi.pk)
    asal = _wajib(asal, _("Asal surat"), satu=True)
    nomor_surat = _wajib(nomor_surat, _("Nomor surat"), satu=True)
    perihal = _wajib(perihal, _("Perihal"), satu=True)
    if tanggal_surat is None:
        raise ValidationError(_("Tanggal surat wajib diisi."))
    diterima_pada = diterima_pada or hari_ini()
    if tanggal_surat > diterima_pada:
        raise ValidationError(_("Tanggal surat tidak boleh setelah tanggal diterima."))
    if sifat not in Surat.Sifat.values:
        raise ValidationError(_("Sifat surat “%(s)s” tidak dikenal.") % {"s": sifat})
    klasifikasi = _klasifikasi(kode_klasifikasi)
    if berkas is not None:
        validasi_scan(berkas)
    with transaction.atomic():
        agenda = kunci_urutan(
            instansi_id=instansi.pk, jenis=Urutan.Jenis.AGENDA_MASUK, tahun=diterima_pada.year
        )
        # Checked under the counter's lock: a concurrent double submit waits, then finds it.
        ada = (
            Surat.objects.filter(
                instansi=instansi,
                arah=Surat.Arah.MASUK,
                asal__iexact=asal,
                nomor_surat=nomor_surat,
                tanggal_surat=tanggal_surat,
            )
            .exclude(status=Surat.Status.BATAL)
            .first()
        )
        if ada is not None:
            return ada
        surat = Surat(
            instansi=instansi,
            arah=Surat.Arah.MASUK,
            status=Surat.Status.DITERIMA,
            asal=asal[:250],
            nomor_surat=nomor_surat[:120],
            tanggal_surat=tanggal_surat,
            perihal=perihal[:500],
            diterima_pada=diterima_pada,
            sifat=sifat,
            lampiran=(lampiran or "").strip()[:120],
            klasifikasi=klasifikasi,
            keterangan=(keterangan or "").strip(),
            nomor_agenda=ambil_nomor(agenda),
            tanggal_agenda=diterima_pada,
            tahun_nomor=diterima_pada.year,
            dibuat_oleh=aktor if getattr(aktor, "is_authenticated", False) else None,
        )
        if berkas is not None:
            berkas.seek(0)
            surat.berkas.save(PurePath(berkas.name).name, berkas, save=False)
        surat.save()
        _catat(aktor, CatatanAudit.Aksi.TAMBAH, surat, None, "Mendaftarkan surat masuk")
    return surat
