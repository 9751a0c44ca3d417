"""The agency's numbering settings and who may change them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.organisasi.access import jabatan_pimpinan_ids
from sakip.organisasi.models import Instansi, Jabatan, PemetaanPelaksana

from ..models import POLA_BAKU, PengaturanSurat
from ..penomoran import format_nomor, periksa_pola
from .umum import _snapshot, boleh_tulis, hari_ini, jabatan_dipegang_ids

# ---------------------------------------------------------------- who may set numbering


def boleh_atur(user, instansi: Instansi) -> bool:
    """Numbering settings: the head or secretary, a Kasubag of the agency (Kasubag Umum
    keeps the agenda), or the Pemda's administrator."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if user.peran == user.Peran.ADMIN_PEMDA:
        return user.pemda_id == instansi.pemda_id
    if user.peran != user.Peran.PEGAWAI or not boleh_tulis(user, instansi.pk):
        return False
    if instansi.pk in jabatan_pimpinan_ids(user):
        return True
    dipegang = jabatan_dipegang_ids(user)
    kasubag = Jabatan.objects.filter(instansi=instansi, pk__in=dipegang).filter(
        Q(nama__istartswith="Kasubag")
        | Q(
            pk__in=PemetaanPelaksana.objects.filter(
                instansi=instansi, nama_pelaksana__iexact="Kasubag Umum"
            ).values("jabatan_id")
        )
    )
    return kasubag.exists()


# ---------------------------------------------------------------- settings


def pengaturan(instansi: Instansi) -> PengaturanSurat:
    """The agency's numbering settings, created with the defaults on first use."""
    hasil, _dibuat = PengaturanSurat.objects.get_or_create(
        instansi=instansi, defaults={"pola_nomor": POLA_BAKU}
    )
    return hasil


def simpan_pengaturan(
    *, aktor, instansi: Instansi, pola_nomor: str, urut_per_klasifikasi: bool
) -> PengaturanSurat:
    """Save the pattern after it rendered a sample; counters are untouched (no reuse)."""
    if aktor is not None and not boleh_atur(aktor, instansi):
        raise PermissionDenied(_("Anda tidak berwenang mengatur penomoran surat instansi ini."))
    pola_nomor = (pola_nomor or "").strip()
    periksa_pola(pola_nomor)
    if urut_per_klasifikasi and "{kode" not in pola_nomor:
        raise ValidationError(
            _(
                "Nomor urut per kode klasifikasi memerlukan isian {kode} pada pola, agar nomor "
                "dua kode berbeda tidak sama."
            )
        )
    format_nomor(pola_nomor, kode="000", nomor=1, unit=instansi.kode_unit, tanggal=hari_ini())
    with transaction.atomic():
        p = pengaturan(instansi)
        p = PengaturanSurat.objects.select_for_update().get(pk=p.pk)
        sebelum = _snapshot(p)
        p.pola_nomor = pola_nomor
        p.urut_per_klasifikasi = bool(urut_per_klasifikasi)
        p.full_clean()
        p.save()
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=p,
            sebelum=sebelum,
            sesudah=_snapshot(p),
            keterangan="Mengubah pola nomor surat",
        )
    return p
