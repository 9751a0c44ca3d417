"""Every change to planning data: one transaction, one audit record, the rules of §6–7.

Agency staff (not evaluators) edit their agency's drafts; a signed PK is frozen and
changes only through a revision.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.organisasi.models import Jabatan, Pegawai

from .models import (
    AnggaranKas,
    AnggaranPK,
    DokumenAnggaran,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    PerjanjianKinerja,
    RencanaAksi,
    Renstra,
    SasaranPK,
    TargetTahunan,
)


class AturanPerencanaan(ValidationError):
    """A planning rule that refuses an action; the message is for the user."""


def _instansi_id(objek: models.Model) -> int | None:
    from sakip.audit.services import _lokasi

    return _lokasi(objek)[1]


def _pk_induk(objek: models.Model) -> PerjanjianKinerja | None:
    """The PK an object belongs to (PK rows are frozen once it is signed)."""
    if isinstance(objek, PerjanjianKinerja):
        return objek
    if isinstance(objek, SasaranPK | AnggaranPK):
        return objek.pk_dokumen
    if isinstance(objek, IndikatorPK):
        return objek.sasaran.pk_dokumen
    if isinstance(objek, RencanaAksi):
        return objek.indikator.sasaran.pk_dokumen
    return None


def pastikan_boleh_ubah(aktor, objek: models.Model) -> None:
    """Agency staff of the object's agency (not evaluators) may change planning data."""
    model = objek._meta.model
    instansi_id = _instansi_id(objek)
    dari_instansi = model.objects.for_user(aktor, ubah=True)
    boleh = aktor is not None and aktor.is_authenticated and instansi_id is not None
    if boleh and objek.pk is not None:
        boleh = dari_instansi.filter(pk=objek.pk).exists()
    elif boleh:
        from sakip.organisasi.models import Instansi

        boleh = Instansi.objects.for_user(aktor, ubah=True).filter(pk=instansi_id).exists()
    if not boleh:
        raise PermissionDenied(_("Anda tidak berwenang mengubah data perencanaan instansi ini."))
    pk = _pk_induk(objek)
    if pk is not None and pk.pk is not None:
        tersimpan = PerjanjianKinerja.objects.get(pk=pk.pk)
        if tersimpan.status == PerjanjianKinerja.Status.DIGANTI:
            raise AturanPerencanaan(_("PK ini sudah diganti revisinya; ubah PK revisi terbaru."))
        # The action plan breaks the signed annual targets down and is adjusted during
        # the year; the PK's own rows are frozen by the signature.
        if tersimpan.terkunci and not isinstance(objek, RencanaAksi):
            raise AturanPerencanaan(
                _("PK ini sudah ditandatangani dan tidak dapat diubah; buat revisi PK.")
            )


def pastikan_boleh_ubah_rencana_aksi(aktor, pk: PerjanjianKinerja) -> None:
    """The action plan of a live PK (draft or signed) may change; a replaced one may not."""
    if not PerjanjianKinerja.objects.for_user(aktor, ubah=True).filter(pk=pk.pk).exists():
        raise PermissionDenied(_("Anda tidak berwenang mengubah data perencanaan instansi ini."))
    if PerjanjianKinerja.objects.get(pk=pk.pk).status == PerjanjianKinerja.Status.DIGANTI:
        raise AturanPerencanaan(_("PK ini sudah diganti revisinya; ubah PK revisi terbaru."))


def simpan(*, aktor, objek: models.Model, keterangan: str = "") -> models.Model:
    """Validate and save one planning object with its audit record.

    Changing an adopted (ditetapkan) Renstra reopens it as a draft and runs the Renstra
    SOP again; the adopted version stays in that earlier run's event log.
    """
    with transaction.atomic():
        pastikan_boleh_ubah(aktor, objek)
        hasil = audit.simpan_teraudit(aktor=aktor, objek=objek, keterangan=keterangan)
        _buka_renstra_ditetapkan(aktor, objek)
        return hasil


def _renstra_dari(objek: models.Model) -> Renstra | None:
    if isinstance(objek, Renstra):
        return objek
    if hasattr(objek, "renstra_id") and objek.renstra_id:
        return Renstra.objects.get(pk=objek.renstra_id)
    if isinstance(objek, TargetTahunan):
        return objek.indikator.renstra
    return None


def _buka_renstra_ditetapkan(aktor, objek: models.Model) -> None:
    renstra = _renstra_dari(objek)
    if renstra is None or isinstance(objek, DokumenAnggaran):
        return
    tersimpan = Renstra.objects.get(pk=renstra.pk)
    if tersimpan.status != Renstra.Status.DITETAPKAN or (
        isinstance(objek, Renstra) and objek.status == Renstra.Status.DITETAPKAN
    ):
        return
    Renstra.objects.filter(pk=renstra.pk).update(status=Renstra.Status.DRAF)
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.UBAH,
        objek=tersimpan,
        sebelum={"status": Renstra.Status.DITETAPKAN},
        sesudah={"status": Renstra.Status.DRAF},
        keterangan="Renstra yang sudah ditetapkan diubah: revisi",
    )
    _jalankan_ulang(aktor, tersimpan, _("Revisi %(r)s") % {"r": tersimpan})


def hapus(*, aktor, objek: models.Model) -> None:
    with transaction.atomic():
        pastikan_boleh_ubah(aktor, objek)
        audit.hapus_teraudit(aktor=aktor, objek=objek)


def simpan_skala(*, aktor, skala) -> models.Model:
    """Target scales belong to the Pemda: its administrators keep them."""
    from sakip.organisasi.services import boleh_kelola_master

    if not boleh_kelola_master(aktor, skala.pemda_id):
        raise PermissionDenied(_("Skala target diatur oleh administrator Pemda."))
    with transaction.atomic():
        return audit.simpan_teraudit(aktor=aktor, objek=skala)


def hapus_skala(*, aktor, skala) -> None:
    from sakip.organisasi.services import boleh_kelola_master

    if not boleh_kelola_master(aktor, skala.pemda_id):
        raise PermissionDenied(_("Skala target diatur oleh administrator Pemda."))
    with transaction.atomic():
        audit.hapus_teraudit(aktor=aktor, objek=skala)


# ---------------------------------------------------------------- Renja → RKA → DPA

SUMBER_SALINAN = {"rka": "renja", "dpa": "rka"}


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
                simpan(
                    aktor=aktor, objek=AnggaranKas(item=item_baru, bulan=k.bulan, jumlah=k.jumlah)
                )
    return baru


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
                simpan(
                    aktor=aktor,
                    objek=SasaranPK(
                        pk_dokumen=pk,
                        uraian=s.uraian,
                        sasaran_renstra=s.sasaran_renstra,
                        sasaran_atasan=s,
                        urutan=urutan,
                    ),
                )
    return pk


@dataclass
class HasilTandaTangan:
    pk: PerjanjianKinerja
    peringatan: str


def dpa_tahun(instansi_id: int, tahun: int) -> DokumenAnggaran | None:
    return DokumenAnggaran.objects.filter(
        instansi_id=instansi_id, tahun=tahun, jenis=DokumenAnggaran.Jenis.DPA
    ).first()


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
        _jalankan_ulang(
            aktor, baru, _("%(pk)s — revisi ke-%(n)s") % {"pk": baru, "n": baru.nomor_revisi}
        )
    return baru


def _jalankan_ulang(aktor, dokumen, judul: str) -> None:
    from sakip.sop.engine import jalankan_ulang

    if isinstance(dokumen, Renstra):
        periode = f"{dokumen.tahun_awal}-{dokumen.tahun_akhir}"
    else:
        periode = str(dokumen.tahun)
    jalankan_ulang(aktor=aktor, dokumen=dokumen, judul=judul, periode=periode)


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
