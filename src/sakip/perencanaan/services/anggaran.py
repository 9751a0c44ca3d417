"""Renja → RKA → DPA: copying a document down the chain, the cash plan, the year's DPA."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import AnggaranKas, DokumenAnggaran, IndikatorItem, ItemAnggaran
from .dasar import CARI, AturanPerencanaan, Tersimpan, isi_per_kunci, simpan, simpan_butir

SUMBER_SALINAN = {"rka": "renja", "dpa": "rka"}


def dpa_tahun(instansi_id: int, tahun: int) -> DokumenAnggaran | None:
    return DokumenAnggaran.objects.filter(
        instansi_id=instansi_id, tahun=tahun, jenis=DokumenAnggaran.Jenis.DPA
    ).first()


def simpan_kas(
    *,
    aktor,
    item: ItemAnggaran,
    bulan: int,
    jumlah: Decimal,
    lama: AnggaranKas | None = CARI,
    keterangan: str = "",
) -> Tersimpan[AnggaranKas]:
    """Save or update one month of a sub-kegiatan's cash plan (anggaran kas)."""
    if lama is CARI:
        lama = AnggaranKas.objects.filter(item=item, bulan=bulan).first()
    return simpan_butir(
        aktor=aktor,
        objek=lama or AnggaranKas(item=item, bulan=bulan),
        nilai={"jumlah": jumlah},
        keterangan=keterangan,
    )


def simpan_rencana_kas(
    *, aktor, item: ItemAnggaran, kas: Mapping[int, Decimal | None], keterangan: str = ""
) -> ItemAnggaran:
    """Save the months of a sub-kegiatan's cash plan, all or none; a month given as None
    (left empty) loses its stored amount."""
    if item.level != ItemAnggaran.Level.SUB_KEGIATAN:
        raise ValidationError(_("Anggaran kas diisi untuk sub kegiatan."))
    with transaction.atomic():
        isi_per_kunci(
            aktor=aktor,
            tersimpan={k.bulan: k for k in AnggaranKas.objects.filter(item=item)},
            isian=kas,
            simpan_satu=lambda bulan, jumlah, lama: simpan_kas(
                aktor=aktor, item=item, bulan=bulan, jumlah=jumlah, lama=lama, keterangan=keterangan
            ),
        )
    return item


def salin_dokumen_anggaran(*, aktor, sumber: DokumenAnggaran, jenis: str) -> DokumenAnggaran:
    """Draft the RKA from the Renja (or the DPA from the RKA): same tree, pagu, indicators
    and cash plan, to be adjusted; one transaction, every row audited."""
    if SUMBER_SALINAN.get(jenis) != sumber.jenis:
        raise AturanPerencanaan(
            _("%(j)s disalin dari %(s)s.")
            % {"j": jenis.upper(), "s": SUMBER_SALINAN.get(jenis, "?")}
        )
    with transaction.atomic():
        baru = simpan(
            aktor=aktor,
            objek=DokumenAnggaran(
                instansi_id=sumber.instansi_id,
                renstra_id=sumber.renstra_id,
                jenis=jenis,
                tahun=sumber.tahun,
            ),
            keterangan=f"Disalin dari {sumber}",
        )
        salinan: dict[int, ItemAnggaran] = {}
        # Parents before children: kode order puts 7.01.01 before 7.01.01.2.01.
        for item in sumber.item.prefetch_related("indikator", "kas").order_by("kode"):
            item_baru = simpan(
                aktor=aktor,
                objek=ItemAnggaran(
                    dokumen=baru,
                    induk=salinan.get(item.induk_id),
                    level=item.level,
                    kode=item.kode,
                    nama=item.nama,
                    pagu=item.pagu,
                    program_renstra_id=item.program_renstra_id,
                    penanggung_jawab_id=item.penanggung_jawab_id,
                    urutan=item.urutan,
                ),
            )
            salinan[item.pk] = item_baru
            for i in item.indikator.all():
                simpan(
                    aktor=aktor,
                    objek=IndikatorItem(
                        item=item_baru,
                        nama=i.nama,
                        satuan=i.satuan,
                        indikator_renstra_id=i.indikator_renstra_id,
                        target=i.target,
                        target_atas=i.target_atas,
                        target_skala=i.target_skala,
                        urutan=i.urutan,
                    ),
                )
            for k in item.kas.all():
                simpan_kas(aktor=aktor, item=item_baru, bulan=k.bulan, jumlah=k.jumlah, lama=None)
    return baru
