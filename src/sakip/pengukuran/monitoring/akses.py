"""Who may do what in monitoring (seed 001): the Tim Monitoring or the planning Kasubag
fill, the head signs, the Sekretaris issues and closes recommendations, the official
addressed follows them up. Evaluators read and never write."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from sakip.organisasi.access import jabatan_pimpinan_ids
from sakip.organisasi.models import Instansi, PemetaanPelaksana
from sakip.organisasi.pemangku import adalah_kepala, jabatan_dipegang_ids

from .. import services
from ..models import KartuKendali, Rekomendasi

# ---------------------------------------------------------------- who may do what


def boleh_tulis(user, instansi_id: int) -> bool:
    return Instansi.objects.for_user(user, ubah=True).filter(pk=instansi_id).exists()


def pastikan(boleh: bool, pesan: str) -> None:
    if not boleh:
        raise PermissionDenied(pesan)


def jabatan_tim_ids(instansi_id: int) -> set[int]:
    """Positions mapped to the SOP's "Tim Monitoring" (a standing team of the agency)."""
    return set(
        PemetaanPelaksana.objects.filter(
            instansi_id=instansi_id, nama_pelaksana__istartswith="tim"
        ).values_list("jabatan_id", flat=True)
    )


def _anggota_tim_kartu(user, kartu: KartuKendali) -> bool:
    """A member of the team formed in a monitoring run that carries this card."""
    from sakip.sop.models import Pelaksanaan

    return Pelaksanaan.objects.filter(
        dokumen_ct=ContentType.objects.get_for_model(KartuKendali),
        dokumen_id=kartu.pk,
        anggota_tim__pegawai=user,
    ).exists()


def boleh_mengisi(user, instansi_id: int, kartu: KartuKendali | None = None) -> bool:
    """The Tim Monitoring, the planning Kasubag, the secretary or the head (seed 001 steps
    6, 8, 12) — of this agency, never an evaluator."""
    if not boleh_tulis(user, instansi_id):
        return False
    if services.boleh_memeriksa(user, instansi_id):
        return True
    if jabatan_dipegang_ids(user) & jabatan_tim_ids(instansi_id):
        return True
    return kartu is not None and kartu.pk is not None and _anggota_tim_kartu(user, kartu)


def boleh_menandatangani(user, instansi_id: int) -> bool:
    """The head of the agency (definitive, Plt or Plh) signs (seed 001 steps 7 and 13)."""
    return boleh_tulis(user, instansi_id) and adalah_kepala(user, instansi_id)


def boleh_menerbitkan(user, instansi_id: int) -> bool:
    """The Sekretaris issues recommendations on the head's order; the head may too (step 9)."""
    return boleh_tulis(user, instansi_id) and instansi_id in jabatan_pimpinan_ids(user)


def boleh_menindaklanjuti(user, rekomendasi: Rekomendasi) -> bool:
    """The official addressed: a holder (definitive, Plt, Plh) of the position (step 10)."""
    return boleh_tulis(user, rekomendasi.instansi_id) and (
        rekomendasi.jabatan_id in jabatan_dipegang_ids(user)
    )


def boleh_menutup(user, rekomendasi: Rekomendasi) -> bool:
    return boleh_menerbitkan(user, rekomendasi.instansi_id)
