"""Every change to measurement data: one transaction, one audit record, the month lock.

Who enters: the holder of the indicator's responsible position (Renstra indicator) or of
the PK's position (own PK indicator), and the agency's planning Kasubag. Who reviews:
the planning Kasubag (the position mapped to "Kasubag Perencanaan"/"Kasubag Evapor"/
"Kasubag"), the secretary or the head.
"""

from __future__ import annotations

import calendar
import copy
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.lib.akses import cakupan_pengguna
from sakip.organisasi.access import jabatan_pimpinan_ids
from sakip.organisasi.models import Instansi, Jabatan, PelaksanaTugas, PemetaanPelaksana
from sakip.organisasi.pemangku import jabatan_dipegang_ids

from .models import BuktiRealisasi, PenutupanBulan, Realisasi, RealisasiAnggaran

NAMA_PEMERIKSA = ("kasubag perencanaan", "kasubag evapor", "kasubag")
POLA_PEMERIKSA = r"^(kasubag perencanaan|kasubag evapor|kasubag)$"
# Rows per INSERT/UPDATE of a bulk entry (Django lowers it to SQLite's 999 parameters).
BATCH_MASSAL = 500


class AturanPengukuran(ValidationError):
    """A measurement rule refusing an action; the message is for the user."""


def nama_bulan(tahun: int, bulan: int) -> str:
    import datetime

    return date_format(datetime.date(tahun, bulan, 1), "F Y")


def jabatan_pemeriksa_ids(instansi_id: int) -> set[int]:
    """The agency's planning Kasubag position(s), who review realisations."""
    return set(
        PemetaanPelaksana.objects.filter(
            instansi_id=instansi_id,
            nama_pelaksana__iregex=POLA_PEMERIKSA,
        ).values_list("jabatan_id", flat=True)
    )


def boleh_memeriksa(user, instansi_id: int) -> bool:
    if not Instansi.objects.for_user(user, ubah=True).filter(pk=instansi_id).exists():
        return False
    return bool(jabatan_dipegang_ids(user) & jabatan_pemeriksa_ids(instansi_id)) or (
        instansi_id in jabatan_pimpinan_ids(user)
    )


def antrean_persetujuan(user) -> models.QuerySet[Realisasi]:
    """Submitted realisations waiting for `user` to approve: those of the agencies where
    `boleh_memeriksa` holds (a mapped planning-Kasubag position or the head/secretary,
    definitive, Plt or Plh). One query, for the menu badge and the queue."""
    c = cakupan_pengguna(user)
    if not c.instansi_ids or c.baca_saja:
        return Realisasi.objects.none()
    # The positions held today (as `jabatan_dipegang_ids`), as a subquery: no extra query.
    aktif = PelaksanaTugas.objects.aktif_pada(timezone.localdate()).filter(pegawai=user)
    dipegang = Q(pk__in=aktif.values("jabatan_id"))
    if user.jabatan_id:
        dipegang |= Q(pk=user.jabatan_id)
    jabatan = Jabatan.objects.filter(dipegang)
    kasubag = PemetaanPelaksana.objects.filter(
        instansi_id=OuterRef("instansi_id"),
        nama_pelaksana__iregex=POLA_PEMERIKSA,
        jabatan__in=jabatan,
    )
    pimpinan = jabatan.filter(
        instansi_id=OuterRef("instansi_id"),
        peran__in=(Jabatan.Peran.KEPALA, Jabatan.Peran.SEKRETARIS),
    )
    return (
        Realisasi.objects.menunggu_persetujuan()
        .filter(instansi_id__in=c.instansi_ids)
        .filter(Exists(kasubag) | Exists(pimpinan))
    )


def jabatan_penanggung_jawab(realisasi: Realisasi) -> int | None:
    if realisasi.indikator_id:
        return realisasi.indikator.penanggung_jawab_id
    return realisasi.indikator_pk.sasaran.pk_dokumen.jabatan_id


def boleh_mengisi(user, realisasi: Realisasi) -> bool:
    """The responsible position's holder, or a reviewer, of this agency."""
    if not Instansi.objects.for_user(user, ubah=True).filter(pk=realisasi.instansi_id).exists():
        return False
    return jabatan_penanggung_jawab(realisasi) in jabatan_dipegang_ids(user) or boleh_memeriksa(
        user, realisasi.instansi_id
    )


def bulan_tertutup(instansi_id: int, tahun: int, bulan: int) -> bool:
    return PenutupanBulan.objects.filter(
        instansi_id=instansi_id, tahun=tahun, bulan=bulan, tertutup=True
    ).exists()


def pastikan_bulan_terbuka(instansi_id: int, tahun: int, bulan: int) -> None:
    if bulan_tertutup(instansi_id, tahun, bulan):
        raise AturanPengukuran(
            _("Data %(b)s sudah ditutup; minta Kasubag membukanya kembali dengan alasan.")
            % {"b": nama_bulan(tahun, bulan)}
        )


class KonteksIsian:
    """What the entry rules read about `aktor` and one agency's month, each fact loaded on
    first use and then kept: one row (the grid, the API) reads only what its rules reach,
    a sheet of 10,000 rows reads each fact once."""

    def __init__(self, aktor, instansi_id: int, tahun: int, bulan: int):
        self.aktor, self.instansi_id, self.tahun, self.bulan = aktor, instansi_id, tahun, bulan

    @cached_property
    def boleh_ubah(self) -> bool:
        """The agency is one `aktor` writes to (not an evaluator's read-only scope)."""
        return Instansi.objects.for_user(self.aktor, ubah=True).filter(pk=self.instansi_id).exists()

    @cached_property
    def dipegang(self) -> set[int]:
        return jabatan_dipegang_ids(self.aktor)

    @cached_property
    def pemeriksa(self) -> bool:
        """`boleh_memeriksa`, from the facts kept here."""
        return self.boleh_ubah and (
            bool(self.dipegang & jabatan_pemeriksa_ids(self.instansi_id))
            or self.instansi_id in jabatan_pimpinan_ids(self.aktor)
        )

    @cached_property
    def tertutup(self) -> bool:
        return bulan_tertutup(self.instansi_id, self.tahun, self.bulan)


def pelanggaran_isian(
    konteks: KonteksIsian,
    *,
    jabatan_id: int | None,
    status_lama: str | None,
    kode: str = "",
    jabatan_nama: str = "",
) -> ValidationError | PermissionDenied | None:
    """The entry rules of one realisation, in the order they refuse: the responsible
    holder or a reviewer, an open month, an approved row changed only by a reviewer.

    The one place these rules live: `simpan_realisasi` raises what this returns, the Excel
    import lists it on the row. `kode` given: the message names the indicator (a sheet's
    row); `status_lama` None: no row stored yet.
    """
    if not konteks.boleh_ubah or (jabatan_id not in konteks.dipegang and not konteks.pemeriksa):
        if kode:
            return PermissionDenied(
                _("Anda bukan penanggung jawab indikator %(k)s (%(j)s).")
                % {"k": kode, "j": jabatan_nama or "—"}
            )
        return PermissionDenied(_("Anda bukan penanggung jawab indikator ini."))
    if konteks.tertutup:
        return AturanPengukuran(
            _("Data %(b)s sudah ditutup; minta Kasubag membukanya kembali dengan alasan.")
            % {"b": nama_bulan(konteks.tahun, konteks.bulan)}
        )
    if status_lama == Realisasi.Status.DISETUJUI and not konteks.pemeriksa:
        if kode:
            return AturanPengukuran(
                _("Realisasi %(k)s sudah disetujui; hanya Kasubag yang dapat mengubahnya.")
                % {"k": kode}
            )
        return AturanPengukuran(_("Realisasi yang sudah disetujui hanya diubah pemeriksa."))
    return None


def simpan_realisasi(*, aktor, realisasi: Realisasi, ajukan: bool = False) -> Realisasi:
    """Enter or correct a month's realisation (a draft, or submitted for review)."""
    konteks = KonteksIsian(aktor, realisasi.instansi_id, realisasi.tahun, realisasi.bulan)
    jabatan_id = jabatan_penanggung_jawab(realisasi)
    with transaction.atomic():
        lama = None
        if realisasi.pk is not None and konteks.boleh_ubah:
            lama = Realisasi.objects.values_list("status", flat=True).get(pk=realisasi.pk)
        tolak = pelanggaran_isian(konteks, jabatan_id=jabatan_id, status_lama=lama)
        if tolak is not None:
            raise tolak
        realisasi.status = Realisasi.Status.DIAJUKAN if ajukan else Realisasi.Status.DRAF
        realisasi.diisi_oleh = aktor
        realisasi.diisi_pada = timezone.now()
        return audit.simpan_teraudit(aktor=aktor, objek=realisasi)


def isi_realisasi(
    *,
    aktor,
    instansi_id: int,
    tahun: int,
    bulan: int,
    indikator=None,
    indikator_pk=None,
    nilai: Decimal | None = None,
    nilai_skala: str = "",
    catatan: str | None = None,
    ajukan: bool = False,
    berkas=None,
    tautan: str = "",
    keterangan_bukti: str = "",
) -> Realisasi:
    """Fill one indicator's realisation of a month: the stored row, or a new one.

    The one use case behind the grid row, the API and the Excel import. Exactly one of
    `indikator` (Renstra) and `indikator_pk` (own PK indicator) names the row; `catatan`
    None keeps the stored note. Evidence (`berkas` or `tautan`) is attached in the same
    transaction, so a refused file leaves the value unsaved too. The rules are
    `simpan_realisasi`'s: the responsible holder or a reviewer, an open month, an
    approved row changed only by a reviewer.
    """
    if (indikator is None) == (indikator_pk is None):
        raise AturanPengukuran(_("Sebutkan satu indikator: indikator Renstra atau indikator PK."))
    cari = {"indikator": indikator} if indikator is not None else {"indikator_pk": indikator_pk}
    with transaction.atomic():
        r = (
            Realisasi.objects.select_for_update(of=("self",))
            .filter(tahun=tahun, bulan=bulan, **cari)
            .first()
        )
        if r is None:
            r = Realisasi(instansi_id=instansi_id, tahun=tahun, bulan=bulan, **cari)
        else:  # the caller's indicator is loaded already: no query when the rules read it
            r.indikator, r.indikator_pk = indikator, indikator_pk
        if catatan is not None:
            r.catatan = catatan
        r.nilai, r.nilai_skala = nilai, nilai_skala
        r = simpan_realisasi(aktor=aktor, realisasi=r, ajukan=ajukan)
        if berkas is not None or tautan:
            tambah_bukti(
                aktor=aktor, realisasi=r, berkas=berkas, tautan=tautan, keterangan=keterangan_bukti
            )
    return r


@dataclass
class IsianBaris:
    """One row of a bulk entry, checked already (`pelanggaran_isian` and the values): the
    stored row it changes (`lama`, None for a new one) and what it now says."""

    label: str  # how the audit record names it, e.g. "IS1 (baris 9)"
    indikator: object | None
    indikator_pk: object | None
    nilai: Decimal | None
    nilai_skala: str
    catatan: str | None  # None keeps the stored note
    lama: Realisasi | None


def realisasi_bulan_terkunci(instansi_id: int, tahun: int, bulan: int) -> dict[str, Realisasi]:
    """The month's stored realisations by "i<indikator id>" / "p<PK indicator id>", locked
    until the transaction ends (one query): a bulk entry checks and writes the same rows."""
    return {
        (f"i{r.indikator_id}" if r.indikator_id else f"p{r.indikator_pk_id}"): r
        for r in Realisasi.objects.select_for_update(of=("self",)).filter(
            instansi_id=instansi_id, tahun=tahun, bulan=bulan
        )
    }


def _uraian(nilai, nilai_skala: str, catatan: str, status: str, bidang: set[str]) -> str:
    """A row's state in the import's audit record, only the fields in `bidang`."""
    bagian = []
    if "nilai" in bidang:
        bagian.append(nilai_skala or ("—" if nilai is None else str(nilai)))
    if "status" in bidang:
        bagian.append(status)
    if "catatan" in bidang:
        bagian.append(f"catatan: {catatan}")
    return " · ".join(bagian)


def _perubahan_baris(r: IsianBaris, baru: Realisasi) -> tuple[str | None, str]:
    """(before, after) of one row for the audit record: the fields that changed."""
    if r.lama is None:
        bidang = {"nilai", "status"} | ({"catatan"} if baru.catatan else set())
        return None, _uraian(baru.nilai, baru.nilai_skala, baru.catatan, baru.status, bidang)
    lama = r.lama
    bidang = {"nilai"}  # always shown: the value is what a reader looks for
    if lama.status != baru.status:
        bidang.add("status")
    if lama.catatan != baru.catatan:
        bidang.add("catatan")
    return (
        _uraian(lama.nilai, lama.nilai_skala, lama.catatan, lama.status, bidang),
        _uraian(baru.nilai, baru.nilai_skala, baru.catatan, baru.status, bidang),
    )


def _perbarui_massal(baris: list[Realisasi], bidang: list[str]) -> None:
    """UPDATE … WHERE id = %s for each row, sent as one `executemany`. Not `bulk_update`:
    its CASE per column over every id of a batch took 120 s for 10,000 rows on SQLite, and
    this is the same plain statement per row the model's save would send."""
    if not baris:
        return
    meta = Realisasi._meta
    kolom = [meta.get_field(b) for b in bidang]
    q = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 (names from the model)
        q(meta.db_table), ", ".join(f"{q(k.column)} = %s" for k in kolom), q(meta.pk.column)
    )
    nilai = [
        [k.get_db_prep_save(getattr(r, k.attname), connection) for k in kolom] + [r.pk]
        for r in baris
    ]
    with connection.cursor() as c:
        c.executemany(sql, nilai)


def isi_realisasi_massal(
    *,
    aktor,
    instansi,
    tahun: int,
    bulan: int,
    isian: list[IsianBaris],
    ajukan: bool,
    keterangan: str,
) -> tuple[int, int]:
    """Write a checked batch of one agency's month (the Excel import): new rows by
    `bulk_create`, changed rows by `bulk_update`, and ONE audit record on the agency that
    lists every row's before and after (`perubahan`: "Periode", "Dibuat", "Diubah", then
    one entry per row). Returns (created, changed).

    Must run inside the caller's transaction, with `isian` checked against the state it
    locked (`realisasi_bulan_terkunci`): the rules are `pelanggaran_isian`'s, run by the
    caller on every row before anything is written. The full per-row detail stays in the
    record (the audit model has no attachment field): its size is bounded by the import's
    row limit (`SAKIP_IMPOR_MAKS_BARIS`, 20,000).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("isi_realisasi_massal() harus dipanggil di dalam transaksi.")
    status = Realisasi.Status.DIAJUKAN if ajukan else Realisasi.Status.DRAF
    sekarang = timezone.now()
    dibuat, diubah = [], []
    sebelum: dict[str, str | None] = {}
    sesudah: dict[str, object] = {}
    for r in isian:
        if r.lama is None:
            baru = Realisasi(
                instansi_id=instansi.pk,
                tahun=tahun,
                bulan=bulan,
                indikator=r.indikator,
                indikator_pk=r.indikator_pk,
                catatan=r.catatan or "",
            )
            dibuat.append(baru)
        else:
            baru = copy.copy(r.lama)
            if r.catatan is not None:
                baru.catatan = r.catatan
            diubah.append(baru)
        baru.nilai, baru.nilai_skala, baru.status = r.nilai, r.nilai_skala, status
        baru.diisi_oleh, baru.diisi_pada = aktor, sekarang
        sebelum[r.label], sesudah[r.label] = _perubahan_baris(r, baru)
    Realisasi.objects.bulk_create(dibuat, batch_size=BATCH_MASSAL)
    _perbarui_massal(
        diubah, ["nilai", "nilai_skala", "catatan", "status", "diisi_oleh", "diisi_pada"]
    )
    sesudah.update(
        {"Periode": f"{tahun}-{bulan:02d}", "Dibuat": len(dibuat), "Diubah": len(diubah)}
    )
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.LAIN,
        objek=instansi,
        sebelum=sebelum,
        sesudah=sesudah,
        keterangan=keterangan,
    )
    return len(dibuat), len(diubah)


def periksa_realisasi(*, aktor, realisasi: Realisasi, setuju: bool, catatan: str = "") -> Realisasi:
    """The Kasubag approves a submitted realisation or returns it with a note."""
    catatan = (catatan or "").strip()
    if not setuju and not catatan:
        raise AturanPengukuran(_("Tulis catatan: apa yang harus diperbaiki?"))
    if not boleh_memeriksa(aktor, realisasi.instansi_id):
        raise PermissionDenied(_("Realisasi diperiksa oleh Kasubag Perencanaan."))
    with transaction.atomic():
        realisasi = Realisasi.objects.select_for_update(of=("self",)).get(pk=realisasi.pk)
        pastikan_bulan_terbuka(realisasi.instansi_id, realisasi.tahun, realisasi.bulan)
        if realisasi.status == Realisasi.Status.DISETUJUI and setuju:
            return realisasi  # a double click
        if realisasi.status != Realisasi.Status.DIAJUKAN:
            raise AturanPengukuran(_("Hanya realisasi yang sudah diajukan yang diperiksa."))
        realisasi.status = Realisasi.Status.DISETUJUI if setuju else Realisasi.Status.DIKEMBALIKAN
        realisasi.diperiksa_oleh = aktor
        realisasi.diperiksa_pada = timezone.now()
        realisasi.catatan_pemeriksa = catatan
        return audit.simpan_teraudit(
            aktor=aktor, objek=realisasi, keterangan="Menyetujui" if setuju else "Mengembalikan"
        )


def periksa_sekaligus(
    *, aktor, realisasi: list[Realisasi], setuju: bool, catatan: str = ""
) -> list[Realisasi]:
    """Approve (or return, with one note for all) several submissions at once: each goes
    through `periksa_realisasi` (its checks and its own audit record), all or nothing — if
    one is refused, none changes and the message names it."""
    if not realisasi:
        raise AturanPengukuran(_("Pilih dulu realisasi yang akan diperiksa."))
    if not setuju and not (catatan or "").strip():
        raise AturanPengukuran(_("Tulis catatan: apa yang harus diperbaiki?"))
    hasil = []
    with transaction.atomic():
        for r in realisasi:
            try:
                hasil.append(
                    periksa_realisasi(aktor=aktor, realisasi=r, setuju=setuju, catatan=catatan)
                )
            except ValidationError as exc:
                raise AturanPengukuran(
                    _("%(i)s %(b)s: %(p)s Tidak ada realisasi yang diubah.")
                    % {"i": r.acuan, "b": nama_bulan(r.tahun, r.bulan), "p": " ".join(exc.messages)}
                ) from exc
    return hasil


def tambah_bukti(
    *, aktor, realisasi: Realisasi, berkas=None, tautan: str = "", keterangan: str = ""
):
    """Attach evidence: a file (PDF, DOCX, XLSX, photo) checked by its content, or a link."""
    from sakip.sop.lampiran import BerkasDitolak, validasi_berkas

    if not boleh_mengisi(aktor, realisasi):
        raise PermissionDenied(_("Anda bukan penanggung jawab indikator ini."))
    if berkas is not None:
        try:
            validasi_berkas(berkas)
        except BerkasDitolak as exc:
            raise AturanPengukuran(str(exc)) from exc
    with transaction.atomic():
        pastikan_bulan_terbuka(realisasi.instansi_id, realisasi.tahun, realisasi.bulan)
        bukti = BuktiRealisasi(
            realisasi=realisasi, tautan=tautan, keterangan=keterangan, diunggah_oleh=aktor
        )
        if berkas is not None:
            bukti.berkas.save(berkas.name, berkas, save=False)
        return audit.simpan_teraudit(aktor=aktor, objek=bukti)


def simpan_realisasi_anggaran(*, aktor, item, bulan: int, jumlah: Decimal) -> RealisasiAnggaran:
    """Money spent on a DPA sub-kegiatan in a month (the planning Kasubag or head)."""
    instansi_id = item.dokumen.instansi_id
    if not boleh_memeriksa(aktor, instansi_id):
        raise PermissionDenied(_("Realisasi anggaran diisi oleh Kasubag Perencanaan."))
    with transaction.atomic():
        pastikan_bulan_terbuka(instansi_id, item.dokumen.tahun, bulan)
        baris = RealisasiAnggaran.objects.filter(item=item, bulan=bulan).first()
        baris = baris or RealisasiAnggaran(item=item, bulan=bulan)
        baris.jumlah = jumlah
        baris.diisi_oleh = aktor
        return audit.simpan_teraudit(aktor=aktor, objek=baris)


def tutup_bulan(*, aktor, instansi: Instansi, tahun: int, bulan: int) -> PenutupanBulan:
    """Close a month: its realisations can no longer change (closing twice is harmless)."""
    if not boleh_memeriksa(aktor, instansi.pk):
        raise PermissionDenied(_("Bulan ditutup oleh Kasubag Perencanaan atau pimpinan."))
    with transaction.atomic():
        p = (
            PenutupanBulan.objects.select_for_update(of=("self",))
            .filter(instansi=instansi, tahun=tahun, bulan=bulan)
            .first()
        )
        if p is not None and p.tertutup:
            return p
        p = p or PenutupanBulan(instansi=instansi, tahun=tahun, bulan=bulan)
        p.tertutup, p.ditutup_oleh, p.ditutup_pada, p.alasan_buka = True, aktor, timezone.now(), ""
        return audit.simpan_teraudit(
            aktor=aktor, objek=p, keterangan=f"Menutup {nama_bulan(tahun, bulan)}"
        )


def buka_bulan(*, aktor, instansi: Instansi, tahun: int, bulan: int, alasan: str) -> PenutupanBulan:
    """Reopen a closed month, with a reason that stays in the audit trail."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise AturanPengukuran(_("Tulis alasan membuka kembali data bulan ini."))
    if not boleh_memeriksa(aktor, instansi.pk):
        raise PermissionDenied(_("Bulan dibuka oleh Kasubag Perencanaan atau pimpinan."))
    with transaction.atomic():
        p = (
            PenutupanBulan.objects.select_for_update(of=("self",))
            .filter(instansi=instansi, tahun=tahun, bulan=bulan, tertutup=True)
            .first()
        )
        if p is None:
            raise AturanPengukuran(_("Bulan ini tidak sedang ditutup."))
        p.tertutup, p.alasan_buka = False, alasan
        return audit.simpan_teraudit(
            aktor=aktor, objek=p, keterangan=f"Membuka kembali {nama_bulan(tahun, bulan)}: {alasan}"
        )


def simpan_pengaturan_pemda(*, aktor, objek: models.Model) -> models.Model:
    """The Pemda's capaian settings and category scale: kept by its administrators."""
    from sakip.organisasi.services import boleh_kelola_master

    if not boleh_kelola_master(aktor, objek.pemda_id):
        raise PermissionDenied(_("Pengaturan capaian diatur oleh administrator Pemda."))
    with transaction.atomic():
        return audit.simpan_teraudit(aktor=aktor, objek=objek)


def hapus_pengaturan_pemda(*, aktor, objek: models.Model) -> None:
    from sakip.organisasi.services import boleh_kelola_master

    if not boleh_kelola_master(aktor, objek.pemda_id):
        raise PermissionDenied(_("Pengaturan capaian diatur oleh administrator Pemda."))
    with transaction.atomic():
        audit.hapus_teraudit(aktor=aktor, objek=objek)


def hari_terakhir(tahun: int, bulan: int) -> int:
    return calendar.monthrange(tahun, bulan)[1]


def simpan(*, aktor, objek: models.Model, keterangan: str = "") -> models.Model:
    """Generic audited save for monitoring rows (kartu kendali, evaluation, recommendations):
    the agency's staff, not evaluators."""
    model = objek._meta.model
    from sakip.audit.services import _lokasi

    instansi_id = _lokasi(objek)[1]
    dapat = Instansi.objects.for_user(aktor, ubah=True).filter(pk=instansi_id).exists()
    if not dapat or (
        objek.pk and not model.objects.for_user(aktor, ubah=True).filter(pk=objek.pk).exists()
    ):
        raise PermissionDenied(_("Anda tidak berwenang mengubah data pengukuran instansi ini."))
    with transaction.atomic():
        return audit.simpan_teraudit(aktor=aktor, objek=objek, keterangan=keterangan)


def jumlah_persetujuan(user) -> dict[int, int]:
    """How many realisations wait for `user`'s approval, per agency id (one query): the
    menu's "Persetujuan realisasi (n)" badge, drawn by sakip.portal."""
    return dict(
        antrean_persetujuan(user)
        .order_by()
        .values_list("instansi_id")
        .annotate(n=models.Count("id"))
        .values_list("instansi_id", "n")
    )
