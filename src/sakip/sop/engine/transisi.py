"""The transitions of a run: start, claim, complete, decide, reassign, cancel, run again.

Every transition runs in one transaction that locks the run's row first
(`SELECT … FOR UPDATE`), re-reads the task, checks it is still open, applies the
step's rule from the run's own version (docs/domain.md §3: approve goes forward, reject
returns to the actor who must correct), appends a `Peristiwa` and an audit record,
and creates the next task. Two people acting at once: the second one waits for the
lock, then finds the task closed and gets `KesalahanAlur` with a clear message.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.lib.teks import satu_baris
from sakip.notifikasi import services as notifikasi
from sakip.organisasi.models import Pegawai
from sakip.organisasi.pemangku import adalah_kepala, jabatan_dipegang_ids

from .. import dokumen_terikat
from ..kesalahan import KesalahanAlur
from ..lampiran import simpan_lampiran, validasi_berkas
from ..models import Pelaksanaan, Peristiwa, SopInstansi, Tugas
from .alur import lanjut, mulai_subproses, simpan_tim, tim_sebelumnya
from .dokumen_pelaksanaan import (
    ikat_dokumen,
    jalankan_tindakan,
    menyerahkan_dokumen,
    periksa_passphrase,
    ringkasan_dokumen,
    ringkasan_lampiran,
    tanda_tangani_dokumen,
)
from .penerima import (
    anggota_tim_ids,
    boleh_bertindak,
    boleh_memulai,
    perlu_tim_saat_mulai,
)
from .peristiwa import audit_tugas, catat_peristiwa, snapshot_tugas
from .tembolok import versi_sop


def _kunci(tugas: Tugas) -> tuple[Pelaksanaan, Tugas]:
    """Lock the run, then re-read the task: every transition of a run is serialised.

    Only the two rows are locked and read; the agency comes with the run (the audit, the
    calendar and the messages need it) and the version from the process cache (a version
    never changes, tembolok.py), so a transition reads neither again.
    """
    # of=("self",): lock the run's row only (PostgreSQL cannot lock the nullable side of
    # an outer join, and the agency row must not be locked by every transition).
    pelaksanaan = (
        Pelaksanaan.objects.select_for_update(of=("self",))
        .select_related("instansi")
        .get(pk=tugas.pelaksanaan_id)
    )
    pelaksanaan.versi = versi_sop(pelaksanaan.versi_id)
    tugas = (
        Tugas.objects.select_for_update(of=("self",))
        .select_related("diklaim_oleh", "selesai_oleh")
        .get(pk=tugas.pk)
    )
    tugas.pelaksanaan = pelaksanaan
    if tugas.instansi_id == pelaksanaan.instansi_id:  # always: a task is its run's
        tugas.instansi = pelaksanaan.instansi
    return pelaksanaan, tugas


def _pastikan_terbuka(tugas: Tugas) -> None:
    if tugas.status == Tugas.Status.SELESAI:
        siapa = tugas.selesai_oleh.nama_lengkap if tugas.selesai_oleh else _("orang lain")
        waktu = timezone.localtime(tugas.selesai_pada).strftime("%d-%m-%Y %H.%M")
        raise KesalahanAlur(
            _("Tugas ini sudah diselesaikan oleh %(siapa)s pada %(waktu)s. Tidak ada yang diubah.")
            % {"siapa": siapa, "waktu": waktu}
        )
    if tugas.status == Tugas.Status.DIBATALKAN or tugas.pelaksanaan.selesai:
        raise KesalahanAlur(_("Pelaksanaan SOP ini sudah selesai atau dibatalkan."))


def _pastikan_boleh(aktor, tugas: Tugas) -> None:
    _pastikan_terbuka(tugas)
    if tugas.diklaim_oleh_id and tugas.diklaim_oleh_id != aktor.pk:
        raise KesalahanAlur(
            _("Tugas ini sedang dikerjakan %(nama)s.") % {"nama": tugas.diklaim_oleh.nama_lengkap}
        )
    if not boleh_bertindak(aktor, tugas):
        raise KesalahanAlur(
            _("Tugas ini bukan untuk Anda: langkah ini dikerjakan oleh %(pelaksana)s.")
            % {"pelaksana": tugas.pelaksana_nama}
        )


def _tutup(tugas: Tugas, aktor, sekarang, *, keputusan: str = "", catatan: str = "") -> dict:
    sebelum = snapshot_tugas(tugas)
    tugas.status = Tugas.Status.SELESAI
    tugas.selesai_pada = sekarang
    tugas.selesai_oleh = aktor
    tugas.diklaim_oleh = tugas.diklaim_oleh or aktor
    tugas.keputusan = keputusan
    tugas.catatan = catatan
    tugas.save(update_fields=_DITUTUP)
    return sebelum


# The columns closing a task changes: the rest of the row (step, text, due time) stays.
_DITUTUP = ["status", "selesai_pada", "selesai_oleh", "diklaim_oleh", "keputusan", "catatan"]


def _pastikan_satu_baris(*teks: str) -> None:
    # The title reaches email subjects: a line break there is refused, not saved (the API
    # and the schedule come through here too, not only the form).
    for t in teks:
        try:
            satu_baris(t)
        except ValidationError as exc:
            raise KesalahanAlur(exc.messages[0]) from None


def mulai(
    *,
    aktor,
    sop: SopInstansi,
    judul: str,
    periode: str = "",
    terjadwal: bool = False,
    tim: Iterable[Pegawai] = (),
    ketua: Pegawai | None = None,
    dokumen=None,
) -> Pelaksanaan:
    """Start a run of an adopted SOP on its latest version; step 1 becomes a task.

    `aktor` is None when the schedule starts it (then `terjadwal` must be True). The run
    carries `dokumen` when given, else the document its SOP is about (see dokumen_terikat).
    """
    judul = (judul or "").strip()
    if not judul:
        raise KesalahanAlur(_("Isi judul pelaksanaan, mis. “Laporan Bulanan Oktober 2026”."))
    _pastikan_satu_baris(judul, periode)
    if aktor is not None and not boleh_memulai(aktor, sop):
        raise KesalahanAlur(
            _("Anda tidak dapat memulai SOP ini: yang memulai adalah pelaksana langkah pertama.")
        )
    sekarang = timezone.now()
    with transaction.atomic():
        versi = sop.versi_terbaru()
        pelaksanaan = Pelaksanaan.objects.create(
            instansi_id=sop.instansi_id,
            sop=sop,
            versi=versi,
            judul=judul[:300],
            periode=periode,
            terjadwal=terjadwal,
            dimulai_oleh=aktor,
            dimulai_pada=sekarang,
        )
        tim = list(tim)
        if perlu_tim_saat_mulai(versi):
            if not tim and terjadwal:
                tim, ketua = tim_sebelumnya(sop)
            if tim:
                simpan_tim(pelaksanaan, tim, ketua)
        ikat_dokumen(pelaksanaan, aktor, dokumen)
        catat_peristiwa(pelaksanaan, Peristiwa.Jenis.MULAI, aktor=aktor)
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.TAMBAH,
            objek=pelaksanaan,
            sesudah={"judul": pelaksanaan.judul, "sop": sop.kode, "versi": versi.nomor},
            keterangan="Memulai SOP",
        )
        lanjut(pelaksanaan, 1, aktor, sekarang)
    return pelaksanaan


def klaim(*, aktor, tugas: Tugas) -> Tugas:
    """Take an unclaimed task of one's position so colleagues see it is being done."""
    with transaction.atomic():
        _pelaksanaan, tugas = _kunci(tugas)
        _pastikan_boleh(aktor, tugas)
        if tugas.diklaim_oleh_id == aktor.pk:
            return tugas  # a double click
        sebelum = snapshot_tugas(tugas)
        tugas.diklaim_oleh = aktor
        tugas.save(update_fields=["diklaim_oleh"])
        catat_peristiwa(tugas.pelaksanaan, Peristiwa.Jenis.KLAIM, aktor=aktor, tugas=tugas)
        audit_tugas(aktor, tugas, sebelum, "Mengambil tugas")
    return tugas


def selesaikan(
    *,
    aktor,
    tugas: Tugas,
    catatan: str = "",
    berkas: Iterable = (),
    tim: Iterable[Pegawai] = (),
    ketua: Pegawai | None = None,
    passphrase: str = "",
) -> Tugas:
    """Complete a process step with a note and files; the run moves on.

    A step with a `tindakan` also initials, signs (TTE: `passphrase`, never stored),
    numbers, distributes or archives the run's document (see tindakan.py).

    A decision step must be approved or rejected instead; the team-forming step
    needs its members and leader.
    """
    berkas = list(berkas)
    for f in berkas:
        validasi_berkas(f)  # before any write: a wrong file leaves nothing behind
    sekarang = timezone.now()
    with transaction.atomic():
        pelaksanaan, tugas = _kunci(tugas)
        _pastikan_boleh(aktor, tugas)
        langkah = pelaksanaan.versi.langkah_ke(tugas.langkah_no)
        if langkah.get("keputusan"):
            raise KesalahanAlur(_("Langkah ini adalah pemeriksaan: pilih Setujui atau Kembalikan."))
        if menyerahkan_dokumen(pelaksanaan, tugas.langkah_no):
            dokumen_terikat.periksa_kelengkapan(pelaksanaan, langkah)  # before any write
        if langkah.get("tindakan") == "tanda_tangan":
            periksa_passphrase(pelaksanaan, tugas, aktor, passphrase)
        if langkah.get("bentuk_tim"):
            simpan_tim(pelaksanaan, tim, ketua)
            catat_peristiwa(
                pelaksanaan,
                Peristiwa.Jenis.TIM,
                aktor=aktor,
                tugas=tugas,
                data={"anggota": [p.pk for p in tim], "ketua": ketua.pk if ketua else None},
            )
        data = {"lampiran": [f.name for f in berkas]}
        if langkah.get("tindakan") == "tanda_tangan":
            beku = tanda_tangani_dokumen(pelaksanaan, aktor)
            if beku is not None:
                data["ringkasan"] = beku  # the signed version, kept in the append-only log
        sebelum = _tutup(tugas, aktor, sekarang, catatan=catatan.strip())
        for f in berkas:
            simpan_lampiran(tugas=tugas, berkas=f, aktor=aktor)
        # After the attachments: a signing step may sign the PDF just attached.
        naskah = jalankan_tindakan(pelaksanaan, tugas, langkah, aktor, passphrase)
        if naskah:
            data["naskah"] = naskah
        catat_peristiwa(
            pelaksanaan,
            Peristiwa.Jenis.SELESAI,
            aktor=aktor,
            tugas=tugas,
            catatan=tugas.catatan,
            data=data,
        )
        audit_tugas(aktor, tugas, sebelum, "Menyelesaikan langkah")
        if langkah.get("subproses"):
            mulai_subproses(pelaksanaan, tugas, langkah["subproses"], aktor, sekarang)
        else:
            lanjut(pelaksanaan, tugas.langkah_no + 1, aktor, sekarang)
    return tugas


def putuskan(
    *, aktor, tugas: Tugas, setuju: bool, catatan: str = "", passphrase: str = ""
) -> Tugas:
    """Approve (to the `ya` step) or reject with a note (back to the `tidak` step).

    Approving a step with a `tindakan` does it (paraf, TTE with `passphrase`, …)."""
    catatan = (catatan or "").strip()
    if not setuju and not catatan:
        raise KesalahanAlur(_("Tulis catatan perbaikan: apa yang harus diperbaiki?"))
    sekarang = timezone.now()
    with transaction.atomic():
        pelaksanaan, tugas = _kunci(tugas)
        _pastikan_boleh(aktor, tugas)
        keputusan = pelaksanaan.versi.langkah_ke(tugas.langkah_no).get("keputusan")
        if not keputusan:
            raise KesalahanAlur(_("Langkah ini bukan pemeriksaan; selesaikan langkahnya."))
        ke = keputusan.get("ya") if setuju else keputusan.get("tidak")
        if ke is None:
            ke = tugas.langkah_no + 1 if setuju else None
        if ke is None:
            raise KesalahanAlur(_("SOP ini tidak menentukan ke mana pekerjaan dikembalikan."))
        if setuju:
            langkah = pelaksanaan.versi.langkah_ke(tugas.langkah_no)
            dokumen_terikat.periksa_kelengkapan(pelaksanaan, langkah)  # before any write
            if langkah.get("tindakan") == "tanda_tangan":
                periksa_passphrase(pelaksanaan, tugas, aktor, passphrase)
        sebelum = _tutup(
            tugas,
            aktor,
            sekarang,
            keputusan=Tugas.Keputusan.SETUJU if setuju else Tugas.Keputusan.TOLAK,
            catatan=catatan,
        )
        jenis = Peristiwa.Jenis.SETUJU if setuju else Peristiwa.Jenis.TOLAK
        data = {"ke": ke}
        langkah = pelaksanaan.versi.langkah_ke(tugas.langkah_no)
        if setuju and langkah.get("tindakan") == "tanda_tangan":
            # "Memeriksa dan menandatangani …, jika tidak … dikembalikan": approving signs.
            ringkasan = tanda_tangani_dokumen(pelaksanaan, aktor)
        else:
            ringkasan = ringkasan_dokumen(pelaksanaan)
        if ringkasan is not None:
            data["ringkasan"] = ringkasan  # what the reviewer saw: the next review diffs it
        data["berkas"] = ringkasan_lampiran(pelaksanaan)  # and the files, diffed too
        if setuju:
            naskah = jalankan_tindakan(pelaksanaan, tugas, langkah, aktor, passphrase)
            if naskah:
                data["naskah"] = naskah
        catat_peristiwa(pelaksanaan, jenis, aktor=aktor, tugas=tugas, catatan=catatan, data=data)
        audit_tugas(aktor, tugas, sebelum, "Menyetujui" if setuju else "Mengembalikan")
        lanjut(pelaksanaan, ke, aktor, sekarang, dikembalikan_dari=None if setuju else tugas)
    return tugas


def alihkan(*, aktor, tugas: Tugas, kepada: Pegawai, catatan: str = "") -> Tugas:
    """Hand the task to another holder of the same position (or team member)."""
    with transaction.atomic():
        pelaksanaan, tugas = _kunci(tugas)
        _pastikan_boleh(aktor, tugas)
        if kepada.pk == aktor.pk:
            raise KesalahanAlur(_("Pilih pegawai lain untuk dialihkan."))
        if tugas.untuk_tim:
            sah = kepada.pk in anggota_tim_ids(pelaksanaan)
        else:
            sah = tugas.jabatan_id in jabatan_dipegang_ids(kepada)
        if not sah:
            raise KesalahanAlur(
                _("%(nama)s tidak memegang jabatan pelaksana langkah ini.")
                % {"nama": kepada.nama_lengkap}
            )
        sebelum = snapshot_tugas(tugas)
        tugas.diklaim_oleh = kepada
        tugas.save(update_fields=["diklaim_oleh"])
        catat_peristiwa(
            pelaksanaan,
            Peristiwa.Jenis.DELEGASI,
            aktor=aktor,
            tugas=tugas,
            catatan=catatan,
            data={"kepada": kepada.pk, "kepada_nama": kepada.nama_lengkap},
        )
        audit_tugas(aktor, tugas, sebelum, f"Mengalihkan kepada {kepada.nama_lengkap}")
        notifikasi.kirim(
            penerima=kepada,
            judul=_("Tugas dialihkan kepada Anda: %(judul)s") % {"judul": pelaksanaan.judul},
            isi=catatan or tugas.kegiatan,
            tautan=reverse("sop:tugas_detail", args=[tugas.pk]),
        )
    return tugas


def batalkan(*, aktor, pelaksanaan: Pelaksanaan, alasan: str) -> Pelaksanaan:
    """The head cancels a run (and its sub-procedures) with a reason."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise KesalahanAlur(_("Tulis alasan pembatalan."))
    if not adalah_kepala(aktor, pelaksanaan.instansi_id):
        raise KesalahanAlur(_("Hanya kepala instansi yang dapat membatalkan pelaksanaan SOP."))
    sekarang = timezone.now()
    with transaction.atomic():
        pelaksanaan = Pelaksanaan.objects.select_for_update(of=("self",)).get(pk=pelaksanaan.pk)
        if pelaksanaan.selesai:
            raise KesalahanAlur(_("Pelaksanaan SOP ini sudah selesai atau dibatalkan."))
        _batalkan_rekursif(pelaksanaan, aktor, alasan, sekarang)
    return pelaksanaan


def _batalkan_rekursif(pelaksanaan: Pelaksanaan, aktor, alasan: str, sekarang) -> None:
    for anak in pelaksanaan.anak.select_for_update(of=("self",)).exclude(
        status__in=[Pelaksanaan.Status.SELESAI, Pelaksanaan.Status.DIBATALKAN]
    ):
        _batalkan_rekursif(anak, aktor, alasan, sekarang)
    pelaksanaan.tugas.filter(status=Tugas.Status.TERBUKA).update(
        status=Tugas.Status.DIBATALKAN, selesai_pada=sekarang
    )
    sebelum = pelaksanaan.status
    pelaksanaan.status = Pelaksanaan.Status.DIBATALKAN
    pelaksanaan.alasan_batal = alasan
    pelaksanaan.selesai_pada = sekarang
    pelaksanaan.save(update_fields=["status", "alasan_batal", "selesai_pada"])
    catat_peristiwa(pelaksanaan, Peristiwa.Jenis.BATAL, aktor=aktor, catatan=alasan)
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.UBAH,
        objek=pelaksanaan,
        sebelum={"status": sebelum},
        sesudah={"status": pelaksanaan.status, "alasan_batal": alasan},
        keterangan="Membatalkan pelaksanaan SOP",
    )


def jalankan_ulang(*, aktor, dokumen, judul: str, periode: str = "") -> Pelaksanaan | None:
    """A revised document runs its SOP again (None when the agency has no such SOP).

    The reviser may not hold the first step's position; the run then starts on the
    system's behalf and the reviser is named in its first event.
    """
    pengikat = dokumen_terikat.pengikat_dokumen(dokumen)
    if pengikat is None:
        return None
    from sakip.audit.services import _lokasi

    sop = next(
        (
            s
            for s in SopInstansi.objects.filter(instansi_id=_lokasi(dokumen)[1], aktif=True)
            if dokumen_terikat.pengikat_untuk(s.versi_terbaru().definisi) is pengikat
        ),
        None,
    )
    if sop is None:
        return None
    if boleh_memulai(aktor, sop):
        return mulai(aktor=aktor, sop=sop, judul=judul, periode=periode, dokumen=dokumen)
    return mulai_atas_nama(
        atas_nama=aktor,
        sop=sop,
        judul=judul,
        periode=periode,
        dokumen=dokumen,
        catatan=_("Dijalankan ulang karena revisi dokumen oleh %(nama)s.")
        % {"nama": aktor.nama_lengkap},
    )


def mulai_atas_nama(
    *, atas_nama, sop: SopInstansi, judul: str, catatan: str, periode: str = "", dokumen=None
) -> Pelaksanaan:
    """Start a run on the system's behalf and name `atas_nama` in its first event.

    For a person who sets the run going without holding its first step's position — a
    reviser (`jalankan_ulang`), a Pemda evaluator requesting data — so the log says who.
    """
    with transaction.atomic():
        p = mulai(aktor=None, sop=sop, judul=judul, periode=periode, dokumen=dokumen)
        catat_peristiwa(p, Peristiwa.Jenis.MULAI, aktor=atas_nama, catatan=catatan)
    return p


def mulai_terjadwal(sop: SopInstansi, periode: str, judul: str) -> Pelaksanaan | None:
    """Start the scheduled run of a period unless it exists (exactly once, even in races)."""
    try:
        with transaction.atomic():
            return mulai(aktor=None, sop=sop, judul=judul, periode=periode, terjadwal=True)
    except IntegrityError:
        return None
