"""The Perjanjian Kinerja: drafting, its sasaran and indicators, the Rencana Aksi, the
signature, revisions and the cascade check (docs/domain.md §6–7).

A signed PK is frozen and changes only through a revision; its Rencana Aksi is still
adjusted during the year.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.organisasi.models import Jabatan, Pegawai

from ..models import AnggaranPK, IndikatorPK, PerjanjianKinerja, RencanaAksi, SasaranPK
from .anggaran import dpa_tahun
from .dasar import (
    CARI,
    AturanPerencanaan,
    Tersimpan,
    jalankan_ulang,
    pastikan_boleh_ubah,
    simpan,
    simpan_butir,
)

# ---------------------------------------------------------------- PK


def pihak_kedua_untuk(jabatan: Jabatan) -> tuple[Pegawai | None, str, str]:
    """(person, name, position) of the superior who co-signs a position's PK.

    The head of an agency signs with the regional head (Bupati/Wali Kota), who is
    not a user of the system: named by text only.
    """
    if jabatan.atasan_id:
        atasan = jabatan.atasan
        pejabat = Pegawai.objects.filter(jabatan=atasan, is_active=True).first()
        return pejabat, pejabat.nama_lengkap if pejabat else "", atasan.nama
    pemda = jabatan.instansi.pemda
    nama_daerah = pemda.nama.removeprefix("Kabupaten ").removeprefix("Kota ")
    return None, pemda.nama_kepala_daerah, f"{pemda.kepala_daerah} {nama_daerah}"


def buat_pk(*, aktor, jabatan: Jabatan, tahun: int, pk_atasan=None) -> PerjanjianKinerja:
    """A draft PK for a position's holder; with `pk_atasan`, its sasaran are cascaded down."""
    pejabat = Pegawai.objects.filter(jabatan=jabatan, is_active=True).first()
    if pejabat is None:
        raise AturanPerencanaan(
            _("Jabatan %(j)s lowong: tetapkan pemangku atau Plt dulu.") % {"j": jabatan.nama}
        )
    kedua, nama_kedua, jabatan_kedua = pihak_kedua_untuk(jabatan)
    with transaction.atomic():
        pk = simpan(
            aktor=aktor,
            objek=PerjanjianKinerja(
                instansi=jabatan.instansi,
                tahun=tahun,
                jabatan=jabatan,
                pihak_pertama=pejabat,
                pihak_kedua=kedua,
                pihak_kedua_nama=nama_kedua,
                pihak_kedua_jabatan=jabatan_kedua,
                pk_atasan=pk_atasan,
                tempat=jabatan.instansi.pemda.ibukota or "",
            ),
            keterangan="Membuat PK",
        )
        if pk_atasan is not None:
            for urutan, s in enumerate(pk_atasan.sasaran.all()):
                tambah_sasaran_pk(
                    aktor=aktor,
                    pk=pk,
                    uraian=s.uraian,
                    sasaran_renstra=s.sasaran_renstra,
                    sasaran_atasan=s,
                    urutan=urutan,
                )
    return pk


# ---------------------------------------------------------------- sasaran, indicators, actions


def tambah_sasaran_pk(
    *,
    aktor,
    pk: PerjanjianKinerja,
    uraian: str = "",
    sasaran_renstra=None,
    sasaran_atasan=None,
    urutan: int | None = None,
    indikator: Sequence[Mapping[str, Any]] = (),
    keterangan: str = "",
) -> SasaranPK:
    """Add a sasaran to a PK with its indicators, all or none.

    Choosing a Renstra sasaran (or the superior PK's) is enough: its wording is the PK's
    wording. Without `urutan` the sasaran goes after the last one.
    """
    # Without either, the model refuses the empty uraian (after the permission check).
    uraian = uraian or getattr(sasaran_renstra or sasaran_atasan, "uraian", "")
    with transaction.atomic():
        sasaran = simpan(
            aktor=aktor,
            objek=SasaranPK(
                pk_dokumen=pk,
                uraian=uraian,
                sasaran_renstra=sasaran_renstra,
                sasaran_atasan=sasaran_atasan,
                urutan=pk.sasaran.count() if urutan is None else urutan,
            ),
            keterangan=keterangan,
        )
        for nomor, nilai in enumerate(indikator):
            simpan_indikator_pk(
                aktor=aktor,
                sasaran=sasaran,
                nilai={"urutan": nomor, **nilai},
                lama=None,
                keterangan=keterangan,
            )
    return sasaran


def simpan_indikator_pk(
    *,
    aktor,
    sasaran: SasaranPK,
    nilai: Mapping[str, Any],
    lama: IndikatorPK | None = None,
    keterangan: str = "",
) -> Tersimpan[IndikatorPK]:
    """Add (`lama` None) or update one indicator of a PK sasaran: nama, satuan, the year's
    target, the Renstra indicator it carries, its order."""
    return simpan_butir(
        aktor=aktor, objek=lama or IndikatorPK(sasaran=sasaran), nilai=nilai, keterangan=keterangan
    )


def simpan_rencana_aksi(
    *,
    aktor,
    indikator: IndikatorPK,
    periode: int,
    jenis_periode: str = RencanaAksi.Periode.TRIWULAN,
    target: Decimal | None = None,
    target_atas: Decimal | None = None,
    target_skala: str = "",
    aksi: str = "",
    anggaran: Decimal = Decimal("0"),
    lama: RencanaAksi | None = CARI,
    keterangan: str = "",
) -> Tersimpan[RencanaAksi]:
    """Save or update the Rencana Aksi of one period (a quarter) of a PK indicator.

    Allowed on a signed PK (the plan is adjusted during the year), refused on a replaced
    one; the target must fit the indicator like the PK's own.
    """
    if lama is CARI:
        lama = RencanaAksi.objects.filter(
            indikator=indikator, jenis_periode=jenis_periode, periode=periode
        ).first()
    objek = lama or RencanaAksi(indikator=indikator, jenis_periode=jenis_periode, periode=periode)
    nilai = {
        "target": target,
        "target_atas": target_atas,
        "target_skala": target_skala,
        "aksi": aksi,
        "anggaran": anggaran,
    }
    return simpan_butir(aktor=aktor, objek=objek, nilai=nilai, keterangan=keterangan)


@dataclass
class HasilTandaTangan:
    pk: PerjanjianKinerja
    peringatan: str


def tandatangani_pk(*, aktor, pk: PerjanjianKinerja, tanggal: datetime.date) -> HasilTandaTangan:
    """Sign a PK: only after the year's DPA is approved; warn when signed late after it.

    docs/domain.md §6: the PK is drawn up at most one month after the DPA *(verify)* — the
    limit is `PK_BATAS_HARI_SETELAH_DPA` days.
    """
    with transaction.atomic():
        pk = PerjanjianKinerja.objects.select_for_update(of=("self",)).get(pk=pk.pk)
        if pk.status != PerjanjianKinerja.Status.DRAF:
            raise AturanPerencanaan(_("PK ini sudah ditandatangani."))
        pastikan_boleh_ubah(aktor, pk)
        dpa = dpa_tahun(pk.instansi_id, pk.tahun)
        if dpa is None or dpa.tanggal_pengesahan is None:
            raise AturanPerencanaan(
                _("PK %(t)s belum dapat ditandatangani: DPA tahun %(t)s belum disahkan.")
                % {"t": pk.tahun}
            )
        if tanggal < dpa.tanggal_pengesahan:
            raise AturanPerencanaan(
                _("Tanggal PK (%(pk)s) tidak boleh sebelum pengesahan DPA (%(dpa)s).")
                % {"pk": tanggal.isoformat(), "dpa": dpa.tanggal_pengesahan.isoformat()}
            )
        if not pk.sasaran.exists():
            raise AturanPerencanaan(_("PK belum memuat sasaran dan indikator."))
        batas = settings.PK_BATAS_HARI_SETELAH_DPA
        terlambat = (tanggal - dpa.tanggal_pengesahan).days
        peringatan = ""
        if terlambat > batas:
            peringatan = _(
                "PK ditandatangani %(n)s hari setelah DPA disahkan, melewati batas %(batas)s hari."
            ) % {"n": terlambat, "batas": batas}
        sebelum = {"status": pk.status}
        pk.status = PerjanjianKinerja.Status.DITANDATANGANI
        pk.tanggal = tanggal
        pk.ditandatangani_pada = timezone.now()
        pk.peringatan = peringatan
        pk.save(update_fields=["status", "tanggal", "ditandatangani_pada", "peringatan"])
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=pk,
            sebelum=sebelum,
            sesudah={"status": pk.status, "tanggal": tanggal.isoformat(), "peringatan": peringatan},
            keterangan="Menandatangani PK",
        )
    return HasilTandaTangan(pk, peringatan)


def revisi_pk(
    *, aktor, pk: PerjanjianKinerja, alasan: str, keterangan: str = ""
) -> PerjanjianKinerja:
    """Start a revision of a signed PK: a new draft copy; the signed one is kept as it was."""
    if alasan not in PerjanjianKinerja.AlasanRevisi.values:
        raise AturanPerencanaan(_("Pilih alasan revisi: pejabat, strategi atau anggaran."))
    with transaction.atomic():
        lama = PerjanjianKinerja.objects.select_for_update(of=("self",)).get(pk=pk.pk)
        if lama.status != PerjanjianKinerja.Status.DITANDATANGANI:
            raise AturanPerencanaan(_("Hanya PK yang sudah ditandatangani yang direvisi."))
        if not PerjanjianKinerja.objects.for_user(aktor, ubah=True).filter(pk=lama.pk).exists():
            raise PermissionDenied(
                _("Anda tidak berwenang mengubah data perencanaan instansi ini.")
            )
        PerjanjianKinerja.objects.filter(pk=lama.pk).update(status=PerjanjianKinerja.Status.DIGANTI)
        pejabat = Pegawai.objects.filter(jabatan=lama.jabatan, is_active=True).first()
        kedua, nama_kedua, jabatan_kedua = pihak_kedua_untuk(lama.jabatan)
        baru = PerjanjianKinerja.objects.create(
            instansi=lama.instansi,
            tahun=lama.tahun,
            jabatan=lama.jabatan,
            pihak_pertama=pejabat or lama.pihak_pertama,
            pihak_kedua=kedua,
            pihak_kedua_nama=nama_kedua or lama.pihak_kedua_nama,
            pihak_kedua_jabatan=jabatan_kedua,
            pk_atasan=lama.pk_atasan,
            revisi_dari=lama,
            nomor_revisi=lama.nomor_revisi + 1,
            alasan_revisi=alasan,
            keterangan_revisi=keterangan,
            tempat=lama.tempat,
        )
        _salin_isi(lama, baru)
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.TAMBAH,
            objek=baru,
            sesudah={"revisi_dari": lama.pk, "alasan": alasan, "nomor_revisi": baru.nomor_revisi},
            keterangan="Membuat revisi PK",
        )
        # The revision goes through the PK SOP again, from drafting to signature.
        jalankan_ulang(
            aktor, baru, _("%(pk)s — revisi ke-%(n)s") % {"pk": baru, "n": baru.nomor_revisi}
        )
    return baru


def _salin_isi(lama: PerjanjianKinerja, baru: PerjanjianKinerja) -> None:
    for s in lama.sasaran.prefetch_related("indikator__aksi"):
        s_baru = SasaranPK.objects.create(
            pk_dokumen=baru,
            uraian=s.uraian,
            sasaran_renstra=s.sasaran_renstra,
            sasaran_atasan=s.sasaran_atasan,
            urutan=s.urutan,
        )
        for i in s.indikator.all():
            i_baru = IndikatorPK.objects.create(
                sasaran=s_baru,
                nama=i.nama,
                satuan=i.satuan,
                indikator_renstra=i.indikator_renstra,
                target=i.target,
                target_atas=i.target_atas,
                target_skala=i.target_skala,
                urutan=i.urutan,
            )
            RencanaAksi.objects.bulk_create(
                [
                    RencanaAksi(
                        indikator=i_baru,
                        jenis_periode=a.jenis_periode,
                        periode=a.periode,
                        aksi=a.aksi,
                        anggaran=a.anggaran,
                        target=a.target,
                        target_atas=a.target_atas,
                        target_skala=a.target_skala,
                    )
                    for a in i.aksi.all()
                ]
            )
    AnggaranPK.objects.bulk_create(
        [
            AnggaranPK(
                pk_dokumen=baru, item=a.item, uraian=a.uraian, anggaran=a.anggaran, urutan=a.urutan
            )
            for a in lama.anggaran.all()
        ]
    )


# ---------------------------------------------------------------- cascade check


@dataclass(frozen=True)
class TemuanKaskade:
    jenis: str  # "sasaran_tak_diturunkan" | "anggaran_tidak_sesuai"
    pesan: str


def periksa_kaskade(pk: PerjanjianKinerja) -> list[TemuanKaskade]:
    """What the cascade misses: superior sasaran no subordinate PK carries, budgets that
    do not add up (the subordinates' total against the superior's)."""
    bawahan = list(
        pk.pk_bawahan.exclude(status=PerjanjianKinerja.Status.DIGANTI).prefetch_related(
            "sasaran", "anggaran"
        )
    )
    temuan = []
    if not bawahan:
        return [
            TemuanKaskade("belum_ada_bawahan", _("Belum ada PK bawahan yang menurunkan PK ini."))
        ]
    dibawa = {s.sasaran_atasan_id for b in bawahan for s in b.sasaran.all()}
    for s in pk.sasaran.all():
        if s.pk not in dibawa:
            temuan.append(
                TemuanKaskade(
                    "sasaran_tak_diturunkan",
                    _("Sasaran “%(s)s” belum diturunkan ke PK bawahan mana pun.") % {"s": s.uraian},
                )
            )
    total_atas = pk.total_anggaran()
    total_bawah = sum((b.total_anggaran() for b in bawahan), Decimal("0"))
    if total_atas != total_bawah:
        from sakip.lib.formatting import rupiah

        temuan.append(
            TemuanKaskade(
                "anggaran_tidak_sesuai",
                _("Jumlah anggaran PK bawahan %(b)s tidak sama dengan anggaran PK ini %(a)s.")
                % {"b": rupiah(total_bawah), "a": rupiah(total_atas)},
            )
        )
    return temuan
