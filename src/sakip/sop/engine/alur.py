"""How a run moves: the next step becomes a task (and notifies its holders), the last one
ends the run (and wakes its parent), a sub-procedure step starts a child run.

Called by the transitions (`transisi.py`) inside their transaction, after the run's row lock.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.kalender.tembolok import kalender_tercache
from sakip.kalender.waktu_kerja import tambah_menit_kerja
from sakip.notifikasi import services as notifikasi
from sakip.organisasi.models import Pegawai

from .. import tindakan
from ..kesalahan import KesalahanAlur
from ..models import AnggotaTim, Pelaksanaan, Peristiwa, SopInstansi, Tugas
from .dokumen_pelaksanaan import pesan_kesalahan
from .penerima import penerima_tugas, tujuan_langkah
from .peristiwa import catat_peristiwa, nama_aktor
from .tenggat import menit_baku


def _buat_tugas(
    pelaksanaan: Pelaksanaan,
    no: int,
    sekarang: datetime.datetime,
    dikembalikan_dari: Tugas | None = None,
) -> Tugas:
    """The task of step `no`; `dikembalikan_dari` is the review that rejected work back here."""
    langkah = pelaksanaan.versi.langkah_ke(no)
    jabatan, untuk_tim = tujuan_langkah(pelaksanaan, langkah["pelaksana"])
    kalender = kalender_tercache(pelaksanaan.instansi)
    menit = menit_baku(langkah.get("waktu") or "", kalender)
    tugas = Tugas.objects.create(
        pelaksanaan=pelaksanaan,
        instansi_id=pelaksanaan.instansi_id,
        langkah_no=no,
        kegiatan=langkah["kegiatan"],
        pelaksana_nama=langkah["pelaksana"],
        jabatan=jabatan,
        untuk_tim=untuk_tim,
        dibuat_pada=sekarang,
        waktu_baku_menit=menit,
        tenggat=tambah_menit_kerja(sekarang, menit, kalender) if menit is not None else None,
        dikembalikan_dari=dikembalikan_dari,
    )
    pelaksanaan.langkah_sekarang = no
    pelaksanaan.save(update_fields=["langkah_sekarang"])
    url = reverse("sop:tugas_detail", args=[tugas.pk])
    judul, isi, kunci = _pesan_tugas(tugas, langkah)
    # One INSERT for all the holders (a team may be ten), not a savepoint each; the key
    # names the task just created, so no one has it yet.
    notifikasi.kirim_banyak(
        penerima=penerima_tugas(tugas),
        judul=judul,
        isi=isi,
        tautan=url,
        kunci=kunci,
        kunci_baru=True,
    )
    return tugas


def _pesan_tugas(tugas: Tugas, langkah: dict) -> tuple[str, str, str]:
    """(title, body, dedup key) of the notification a new task sends its holders.

    Returned work must not read like new work: it names who returned it and the note.
    """
    nilai = {"judul": tugas.pelaksanaan.judul, "no": tugas.langkah_no}
    asal = tugas.dikembalikan_dari
    if asal is None:
        judul = _("Tugas baru: %(judul)s — langkah %(no)s") % nilai
        return judul, langkah["kegiatan"], f"tugas:{tugas.pk}:baru"
    judul = _("Dikembalikan untuk diperbaiki: %(judul)s — langkah %(no)s") % nilai
    isi = _("%(nama)s mengembalikan pekerjaan ini dengan catatan:\n%(catatan)s\n\n%(kegiatan)s") % {
        "nama": nama_aktor(asal.selesai_oleh),
        "catatan": asal.catatan,
        "kegiatan": langkah["kegiatan"],
    }
    return judul, isi, f"tugas:{tugas.pk}:dikembalikan"


def _tamat(pelaksanaan: Pelaksanaan, aktor, sekarang) -> None:
    pelaksanaan.status = Pelaksanaan.Status.SELESAI
    pelaksanaan.selesai_pada = sekarang
    pelaksanaan.langkah_sekarang = None
    pelaksanaan.save(update_fields=["status", "selesai_pada", "langkah_sekarang"])
    catat_peristiwa(pelaksanaan, Peristiwa.Jenis.TAMAT, aktor=aktor)
    penangan = tindakan.penangan()
    if penangan is not None and not pelaksanaan.induk_id:
        # The run is over: its signed document goes to the archive (when no step did).
        try:
            penangan.jalankan("tamat", pelaksanaan, None, aktor)
        except (ValidationError, PermissionDenied) as exc:
            raise KesalahanAlur(pesan_kesalahan(exc)) from exc
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.UBAH,
        objek=pelaksanaan,
        sebelum={"status": Pelaksanaan.Status.BERJALAN},
        sesudah={"status": Pelaksanaan.Status.SELESAI},
        keterangan="Pelaksanaan selesai",
    )
    if pelaksanaan.induk_id:
        induk = Pelaksanaan.objects.select_for_update(of=("self",)).get(pk=pelaksanaan.induk_id)
        if induk.status == Pelaksanaan.Status.MENUNGGU:
            induk.status = Pelaksanaan.Status.BERJALAN
            induk.save(update_fields=["status"])
            catat_peristiwa(
                induk,
                Peristiwa.Jenis.SUBPROSES_SELESAI,
                aktor=aktor,
                catatan=pelaksanaan.judul,
                data={"pelaksanaan": pelaksanaan.pk},
            )
            lanjut(induk, pelaksanaan.langkah_induk + 1, aktor, sekarang)


def lanjut(pelaksanaan: Pelaksanaan, ke: int, aktor, sekarang, dikembalikan_dari=None) -> None:
    """Move the run to step `ke` (1-based), or finish it past the last step."""
    if ke > len(pelaksanaan.versi.langkah):
        _tamat(pelaksanaan, aktor, sekarang)
    else:
        _buat_tugas(pelaksanaan, ke, sekarang, dikembalikan_dari)


def mulai_subproses(pelaksanaan: Pelaksanaan, tugas: Tugas, kode: str, aktor, sekarang):
    sub = SopInstansi.objects.filter(instansi_id=pelaksanaan.instansi_id, kode=kode).first()
    if sub is None:
        raise KesalahanAlur(
            _("Sub-prosedur “%(kode)s” belum diadopsi instansi ini; adopsi dulu di Pustaka SOP.")
            % {"kode": kode}
        )
    anak = Pelaksanaan.objects.create(
        instansi_id=pelaksanaan.instansi_id,
        sop=sub,
        versi=sub.versi_terbaru(),
        judul=f"{sub.nama} — {pelaksanaan.judul}",
        periode=pelaksanaan.periode,
        induk=pelaksanaan,
        langkah_induk=tugas.langkah_no,
        dimulai_oleh=aktor,
        dimulai_pada=sekarang,
    )
    pelaksanaan.status = Pelaksanaan.Status.MENUNGGU
    pelaksanaan.save(update_fields=["status"])
    catat_peristiwa(
        pelaksanaan,
        Peristiwa.Jenis.SUBPROSES_MULAI,
        aktor=aktor,
        tugas=tugas,
        catatan=anak.judul,
        data={"pelaksanaan": anak.pk},
    )
    catat_peristiwa(anak, Peristiwa.Jenis.MULAI, aktor=aktor, data={"induk": pelaksanaan.pk})
    lanjut(anak, 1, aktor, sekarang)
    return anak


def simpan_tim(pelaksanaan: Pelaksanaan, anggota: Iterable[Pegawai], ketua: Pegawai | None):
    anggota = list(dict.fromkeys(anggota))
    if not anggota:
        raise KesalahanAlur(_("Pilih paling sedikit satu anggota tim."))
    if ketua is None or ketua not in anggota:
        raise KesalahanAlur(_("Pilih ketua tim dari antara anggota tim."))
    asing = [p for p in anggota if p.instansi_id != pelaksanaan.instansi_id]
    if asing:
        raise KesalahanAlur(
            _("Anggota tim harus pegawai %(instansi)s: %(nama)s bukan.")
            % {"instansi": pelaksanaan.instansi.nama, "nama": asing[0].nama_lengkap}
        )
    pelaksanaan.anggota_tim.all().delete()
    AnggotaTim.objects.bulk_create(
        [AnggotaTim(pelaksanaan=pelaksanaan, pegawai=p, ketua=p == ketua) for p in anggota]
    )


def tim_sebelumnya(sop: SopInstansi) -> tuple[list[Pegawai], Pegawai | None]:
    terakhir = (
        Pelaksanaan.objects.filter(sop=sop, anggota_tim__isnull=False).order_by("-id").first()
    )
    if terakhir is None:
        return [], None
    anggota = list(terakhir.anggota_tim.select_related("pegawai"))
    ketua = next((a.pegawai for a in anggota if a.ketua), None)
    return [a.pegawai for a in anggota], ketua
