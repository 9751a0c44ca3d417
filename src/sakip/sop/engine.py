"""The SOP engine: start runs, turn steps into tasks, move them on, under row locks.

Every transition runs in one transaction that locks the run's row first
(`SELECT … FOR UPDATE`), re-reads the task, checks it is still open, applies the
step's rule from the run's own version (docs/domain.md §3: approve goes forward, reject
returns to the actor who must correct), appends a `Peristiwa` and an audit record,
and creates the next task. Two people acting at once: the second one waits for the
lock, then finds the task closed and gets `KesalahanAlur` with a clear message.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.audit import services as audit
from sakip.audit.models import CatatanAudit
from sakip.kalender.waktu_kerja import kalender_untuk, menit_kerja_antara, tambah_menit_kerja
from sakip.notifikasi import services as notifikasi
from sakip.organisasi.models import Jabatan, Pegawai, PelaksanaTugas, PemetaanPelaksana

from . import dokumen_terikat, tindakan
from .kesalahan import KesalahanAlur
from .models import AnggotaTim, Lampiran, Pelaksanaan, Peristiwa, SopInstansi, Tugas, VersiSop
from .waktu import WaktuTidakDikenal, parse_waktu

# ---------------------------------------------------------------- who holds what


def jabatan_dipegang_ids(user, tanggal: datetime.date | None = None) -> set[int]:
    """Positions the user holds on `tanggal`: definitive, Plt and Plh."""
    if not getattr(user, "is_authenticated", False):
        return set()
    tanggal = tanggal or timezone.localdate()
    ids = {user.jabatan_id} if user.jabatan_id else set()
    ids.update(
        PelaksanaTugas.objects.aktif_pada(tanggal)
        .filter(pegawai=user)
        .values_list("jabatan_id", flat=True)
    )
    return ids


def pemangku(jabatan: Jabatan, tanggal: datetime.date | None = None) -> list[Pegawai]:
    """Everyone who holds `jabatan` today (definitive holders first, then acting)."""
    tanggal = tanggal or timezone.localdate()
    definitif = list(Pegawai.objects.filter(jabatan=jabatan, is_active=True))
    plt = [
        t.pegawai
        for t in PelaksanaTugas.objects.aktif_pada(tanggal)
        .filter(jabatan=jabatan, pegawai__is_active=True)
        .select_related("pegawai")
    ]
    return definitif + [p for p in plt if p not in definitif]


def jabatan_kepala(instansi_id: int) -> Jabatan | None:
    return Jabatan.objects.filter(instansi_id=instansi_id, peran=Jabatan.Peran.KEPALA).first()


def adalah_kepala(user, instansi_id: int) -> bool:
    kepala = jabatan_kepala(instansi_id)
    return kepala is not None and kepala.pk in jabatan_dipegang_ids(user)


def anggota_tim_ids(pelaksanaan: Pelaksanaan) -> set[int]:
    return set(pelaksanaan.anggota_tim.values_list("pegawai_id", flat=True))


def penerima_tugas(tugas: Tugas) -> list[Pegawai]:
    """Who sees the task in their inbox: the claimant, else the team or the holders."""
    if tugas.diklaim_oleh_id:
        return [tugas.diklaim_oleh]
    if tugas.untuk_tim:
        return [a.pegawai for a in tugas.pelaksanaan.anggota_tim.select_related("pegawai")]
    return pemangku(tugas.jabatan) if tugas.jabatan_id else []


def boleh_bertindak(user, tugas: Tugas) -> bool:
    """May `user` act on this open task (complete, decide, claim)?"""
    if tugas.status != Tugas.Status.TERBUKA:
        return False
    if tugas.diklaim_oleh_id:
        return tugas.diklaim_oleh_id == user.pk
    if tugas.untuk_tim:
        return user.pk in anggota_tim_ids(tugas.pelaksanaan)
    return tugas.jabatan_id in jabatan_dipegang_ids(user)


def kotak_tugas(user):
    """The user's inbox: tasks claimed by them and unclaimed tasks of their positions/teams."""
    jabatan_ids = jabatan_dipegang_ids(user)
    return (
        Tugas.objects.for_user(user)
        .filter(status=Tugas.Status.TERBUKA)
        .filter(
            Q(diklaim_oleh=user)
            | Q(diklaim_oleh__isnull=True, untuk_tim=False, jabatan_id__in=jabatan_ids)
            | Q(
                diklaim_oleh__isnull=True,
                untuk_tim=True,
                pelaksanaan__anggota_tim__pegawai=user,
            )
        )
        .distinct()
    )


# ---------------------------------------------------------------- time


def menit_baku(waktu: str, kalender) -> int | None:
    """The step's time standard in working minutes, or None if it has none."""
    try:
        baku = parse_waktu(waktu)
    except WaktuTidakDikenal:
        return None
    if baku is None:
        return None
    return baku.menit_kerja(kalender.menit_per_hari, len(kalender.hari_kerja))


def kondisi_tenggat(tugas: Tugas, sekarang: datetime.datetime) -> str:
    """'tepat' (on time), 'segera' (due soon) or 'terlambat' (late) for an open task.

    Due soon: less than a quarter of the standard, or less than an hour, is left.
    """
    if tugas.status != Tugas.Status.TERBUKA or tugas.tenggat is None:
        return "tepat" if tugas.status == Tugas.Status.TERBUKA else ""
    if sekarang > tugas.tenggat:
        return "terlambat"
    sisa = tugas.tenggat - sekarang
    total = tugas.tenggat - tugas.dibuat_pada
    if sisa < max(total / 4, datetime.timedelta(hours=1)):
        return "segera"
    return "tepat"


def durasi_aktual_menit(tugas: Tugas) -> int | None:
    """Working minutes the step actually took (for the timeline)."""
    if tugas.selesai_pada is None:
        return None
    kalender = kalender_untuk(tugas.instansi)
    return menit_kerja_antara(tugas.dibuat_pada, tugas.selesai_pada, kalender)


# ---------------------------------------------------------------- internals


def _nama(aktor) -> str:
    return aktor.nama_lengkap if aktor is not None else _("Sistem (jadwal)")


def _catat_peristiwa(pelaksanaan, jenis, *, aktor=None, tugas=None, catatan="", data=None):
    return Peristiwa.objects.create(
        pelaksanaan=pelaksanaan,
        tugas=tugas,
        langkah_no=tugas.langkah_no if tugas else pelaksanaan.langkah_sekarang,
        jenis=jenis,
        aktor=aktor,
        aktor_nama=_nama(aktor),
        catatan=catatan,
        data=data or {},
    )


def _snapshot_tugas(tugas: Tugas) -> dict:
    return {
        "status": tugas.status,
        "keputusan": tugas.keputusan,
        "diklaim_oleh": tugas.diklaim_oleh_id,
        "catatan": tugas.catatan,
    }


def _audit_tugas(aktor, tugas: Tugas, sebelum: dict, keterangan: str) -> None:
    audit.catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.UBAH,
        objek=tugas,
        sebelum=sebelum,
        sesudah=_snapshot_tugas(tugas),
        keterangan=keterangan,
    )


def _adalah_tim(nama_pelaksana: str) -> bool:
    return nama_pelaksana.strip().lower().startswith("tim")


def _tujuan(pelaksanaan: Pelaksanaan, nama_pelaksana: str) -> tuple[Jabatan | None, bool]:
    """(position, for_team) for a step's actor in this run's agency."""
    if _adalah_tim(nama_pelaksana) and pelaksanaan.anggota_tim.exists():
        return None, True
    pemetaan = (
        PemetaanPelaksana.objects.filter(
            instansi_id=pelaksanaan.instansi_id, nama_pelaksana__iexact=nama_pelaksana.strip()
        )
        .select_related("jabatan")
        .first()
    )
    if pemetaan is not None:
        return pemetaan.jabatan, False
    if _adalah_tim(nama_pelaksana):
        # No team formed and no standing position mapped: the head decides who does it.
        return jabatan_kepala(pelaksanaan.instansi_id), False
    raise KesalahanAlur(
        _(
            "Pelaksana “%(nama)s” belum dipetakan ke jabatan di %(instansi)s. "
            "Petakan di Data Master → Pemetaan pelaksana SOP."
        )
        % {"nama": nama_pelaksana, "instansi": pelaksanaan.instansi.nama}
    )


def _buat_tugas(
    pelaksanaan: Pelaksanaan,
    no: int,
    sekarang: datetime.datetime,
    dikembalikan_dari: Tugas | None = None,
) -> Tugas:
    """The task of step `no`; `dikembalikan_dari` is the review that rejected work back here."""
    langkah = pelaksanaan.versi.langkah_ke(no)
    jabatan, untuk_tim = _tujuan(pelaksanaan, langkah["pelaksana"])
    kalender = kalender_untuk(pelaksanaan.instansi)
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
    for orang in penerima_tugas(tugas):
        notifikasi.kirim(penerima=orang, judul=judul, isi=isi, tautan=url, kunci=kunci)
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
        "nama": _nama(asal.selesai_oleh),
        "catatan": asal.catatan,
        "kegiatan": langkah["kegiatan"],
    }
    return judul, isi, f"tugas:{tugas.pk}:dikembalikan"


def _tamat(pelaksanaan: Pelaksanaan, aktor, sekarang) -> None:
    pelaksanaan.status = Pelaksanaan.Status.SELESAI
    pelaksanaan.selesai_pada = sekarang
    pelaksanaan.langkah_sekarang = None
    pelaksanaan.save(update_fields=["status", "selesai_pada", "langkah_sekarang"])
    _catat_peristiwa(pelaksanaan, Peristiwa.Jenis.TAMAT, aktor=aktor)
    penangan = tindakan.penangan()
    if penangan is not None and not pelaksanaan.induk_id:
        # The run is over: its signed document goes to the archive (when no step did).
        try:
            penangan.jalankan("tamat", pelaksanaan, None, aktor)
        except (ValidationError, PermissionDenied) as exc:
            raise KesalahanAlur(_pesan(exc)) from exc
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
            _catat_peristiwa(
                induk,
                Peristiwa.Jenis.SUBPROSES_SELESAI,
                aktor=aktor,
                catatan=pelaksanaan.judul,
                data={"pelaksanaan": pelaksanaan.pk},
            )
            _lanjut(induk, pelaksanaan.langkah_induk + 1, aktor, sekarang)


def _lanjut(pelaksanaan: Pelaksanaan, ke: int, aktor, sekarang, dikembalikan_dari=None) -> None:
    """Move the run to step `ke` (1-based), or finish it past the last step."""
    if ke > len(pelaksanaan.versi.langkah):
        _tamat(pelaksanaan, aktor, sekarang)
    else:
        _buat_tugas(pelaksanaan, ke, sekarang, dikembalikan_dari)


def _mulai_subproses(pelaksanaan: Pelaksanaan, tugas: Tugas, kode: str, aktor, sekarang):
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
    _catat_peristiwa(
        pelaksanaan,
        Peristiwa.Jenis.SUBPROSES_MULAI,
        aktor=aktor,
        tugas=tugas,
        catatan=anak.judul,
        data={"pelaksanaan": anak.pk},
    )
    _catat_peristiwa(anak, Peristiwa.Jenis.MULAI, aktor=aktor, data={"induk": pelaksanaan.pk})
    _lanjut(anak, 1, aktor, sekarang)
    return anak


def _kunci(tugas: Tugas) -> tuple[Pelaksanaan, Tugas]:
    """Lock the run, then re-read the task: every transition of a run is serialised."""
    pelaksanaan = Pelaksanaan.objects.select_for_update(of=("self",)).get(pk=tugas.pelaksanaan_id)
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins.
    tugas = (
        Tugas.objects.select_for_update(of=("self",))
        .select_related("diklaim_oleh", "selesai_oleh")
        .get(pk=tugas.pk)
    )
    tugas.pelaksanaan = pelaksanaan
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
    sebelum = _snapshot_tugas(tugas)
    tugas.status = Tugas.Status.SELESAI
    tugas.selesai_pada = sekarang
    tugas.selesai_oleh = aktor
    tugas.diklaim_oleh = tugas.diklaim_oleh or aktor
    tugas.keputusan = keputusan
    tugas.catatan = catatan
    tugas.save()
    return sebelum


# ---------------------------------------------------------------- the run's document


def _pesan(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def ikat_dokumen(pelaksanaan: Pelaksanaan, aktor, dokumen=None):
    """Bind the run to its document (given, found or drafted); None when there is none yet."""
    if pelaksanaan.dokumen_ct_id:
        return dokumen_terikat.dokumen_dari(pelaksanaan)
    pengikat = dokumen_terikat.pengikat_untuk(pelaksanaan.versi.definisi)
    if dokumen is None and pengikat is not None:
        try:
            dokumen = pengikat.ikat(pelaksanaan, aktor)
        except (PermissionDenied, ValidationError):
            dokumen = None  # the drafting step's holder can create it from the task page
    if dokumen is None:
        return None
    pelaksanaan.dokumen_ct = ContentType.objects.get_for_model(dokumen)
    pelaksanaan.dokumen_id = dokumen.pk
    pelaksanaan.save(update_fields=["dokumen_ct", "dokumen_id"])
    return dokumen


def siapkan_dokumen(*, aktor, pelaksanaan: Pelaksanaan):
    """A person on the run drafts (or finds) the run's document from the task page."""
    with transaction.atomic():
        pelaksanaan = Pelaksanaan.objects.select_for_update(of=("self",)).get(pk=pelaksanaan.pk)
        if pelaksanaan.selesai:
            raise KesalahanAlur(_("Pelaksanaan SOP ini sudah selesai atau dibatalkan."))
        terbuka = pelaksanaan.tugas.filter(status=Tugas.Status.TERBUKA)
        if not any(boleh_bertindak(aktor, t) for t in terbuka) and not adalah_kepala(
            aktor, pelaksanaan.instansi_id
        ):
            raise KesalahanAlur(
                _("Hanya pelaksana langkah yang sedang berjalan yang dapat melakukannya.")
            )
        dokumen = ikat_dokumen(pelaksanaan, aktor)
        if dokumen is None:
            raise KesalahanAlur(
                _("Dokumen belum dapat dibuat: data dasarnya (mis. Renstra periode ini) belum ada.")
            )
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.UBAH,
            objek=pelaksanaan,
            sesudah={"dokumen": str(dokumen)},
            keterangan="Mengikat dokumen pelaksanaan",
        )
    return dokumen


def ringkasan_dokumen(pelaksanaan: Pelaksanaan) -> dict[str, str] | None:
    dokumen = dokumen_terikat.dokumen_dari(pelaksanaan)
    pengikat = dokumen_terikat.pengikat_untuk(pelaksanaan.versi.definisi)
    if dokumen is None or pengikat is None:
        return None
    return pengikat.ringkasan(dokumen)


def ringkasan_lampiran(pelaksanaan: Pelaksanaan) -> dict[str, str]:
    """The run's files, one line per file name, for the reviewer's diff.

    A file attached again under the same name (a revised PDF) changes its line: the
    line names the newest upload's size, time, uploader and how many versions exist.
    """
    from sakip.lib.formatting import angka

    per_nama: dict[str, list] = {}
    for lp in (
        Lampiran.objects.filter(tugas__pelaksanaan=pelaksanaan)
        .order_by("diunggah_pada", "id")
        .select_related("diunggah_oleh", "tugas")
    ):
        per_nama.setdefault(lp.nama_asli, []).append(lp)
    hasil = {}
    for nama, versi in per_nama.items():
        lp = versi[-1]
        baris = _("%(ukuran)s byte, diunggah %(waktu)s oleh %(nama)s (langkah %(no)s)") % {
            "ukuran": angka(lp.ukuran),
            "waktu": timezone.localtime(lp.diunggah_pada).strftime("%d-%m-%Y %H.%M.%S"),
            "nama": _nama(lp.diunggah_oleh),
            "no": lp.tugas.langkah_no,
        }
        if len(versi) > 1:
            baris += " · " + _("versi ke-%(n)s") % {"n": len(versi)}
        hasil[_("Lampiran: %(nama)s") % {"nama": nama}] = baris
    return hasil


def perubahan_sejak_pemeriksaan(pelaksanaan: Pelaksanaan) -> list[tuple[str, str, str]] | None:
    """What changed in the document and the run's files since its last review decision.

    None when nothing was reviewed yet (or the last review recorded neither).
    """
    terakhir = (
        pelaksanaan.peristiwa.filter(jenis__in=[Peristiwa.Jenis.SETUJU, Peristiwa.Jenis.TOLAK])
        .order_by("-waktu", "-id")
        .first()
    )
    if terakhir is None:
        return None
    hasil = None
    sekarang = ringkasan_dokumen(pelaksanaan)
    if sekarang is not None and "ringkasan" in terakhir.data:
        hasil = dokumen_terikat.perubahan(terakhir.data["ringkasan"], sekarang)
    if "berkas" in terakhir.data:  # reviews before files were recorded have no baseline
        berkas = dokumen_terikat.perubahan(terakhir.data["berkas"], ringkasan_lampiran(pelaksanaan))
        hasil = (hasil or []) + berkas
    return hasil


def _menyerahkan_dokumen(pelaksanaan: Pelaksanaan, no: int) -> bool:
    """Does completing process step `no` hand the document on — to a review, a paraf or a
    signature (the drafter's step), or is it the signing itself? Then it must be complete."""
    langkah = pelaksanaan.versi.langkah
    if langkah[no - 1].get("tindakan") == "tanda_tangan":
        return True
    if no >= len(langkah):
        return False
    berikut = langkah[no]
    return bool(berikut.get("keputusan")) or berikut.get("tindakan") in ("paraf", "tanda_tangan")


def _periksa_passphrase(pelaksanaan, tugas, aktor, passphrase: str) -> None:
    """Open the signer's key before anything is frozen or numbered: a wrong passphrase
    raises PassphraseSalah (shown at the passphrase field), never a document error."""
    penangan = tindakan.penangan()
    if penangan is None or not hasattr(penangan, "periksa_passphrase"):
        return
    try:
        penangan.periksa_passphrase(pelaksanaan, tugas, aktor, passphrase)
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, KesalahanAlur):
            raise  # sakip.surat.tte.PassphraseSalah: the form marks the passphrase field
        raise KesalahanAlur(_pesan(exc)) from exc


def _jalankan_tindakan(pelaksanaan, tugas, langkah: dict, aktor, passphrase: str) -> dict | None:
    """The letters app's part of a step (paraf, TTE, number, send, archive), if any."""
    aksi = langkah.get("tindakan")
    penangan = tindakan.penangan()
    if not aksi or penangan is None:
        return None
    try:
        return penangan.jalankan(aksi, pelaksanaan, tugas, aktor, passphrase=passphrase) or None
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, KesalahanAlur):
            raise  # PassphraseSalah, DokumenBelumLengkap: kept as they are for the form
        raise KesalahanAlur(_pesan(exc)) from exc


def perlu_passphrase(tugas: Tugas, aktor) -> bool:
    """Does completing/approving this task sign a PDF electronically (ask the passphrase)?"""
    langkah = tugas.pelaksanaan.versi.langkah_ke(tugas.langkah_no)
    penangan = tindakan.penangan()
    if langkah.get("tindakan") != "tanda_tangan" or penangan is None:
        return False
    return penangan.perlu_passphrase(tugas.pelaksanaan, tugas, aktor)


def _tanda_tangani_dokumen(pelaksanaan: Pelaksanaan, aktor) -> dict | None:
    """Freeze the run's document at the signing step; a refusal stops the step."""
    dokumen = dokumen_terikat.dokumen_dari(pelaksanaan)
    pengikat = dokumen_terikat.pengikat_untuk(pelaksanaan.versi.definisi)
    if dokumen is None or pengikat is None:
        return None
    try:
        pengikat.tanda_tangan(dokumen, aktor, timezone.localdate())
    except (ValidationError, PermissionDenied) as exc:
        raise KesalahanAlur(_pesan(exc)) from exc
    return pengikat.ringkasan(dokumen)


# ---------------------------------------------------------------- team


def _simpan_tim(pelaksanaan: Pelaksanaan, anggota: Iterable[Pegawai], ketua: Pegawai | None):
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


def perlu_tim_saat_mulai(versi: VersiSop) -> bool:
    """True when a Tim step comes before any step that forms the team."""
    for langkah in versi.langkah:
        if langkah.get("bentuk_tim"):
            return False
        if _adalah_tim(langkah["pelaksana"]):
            return True
    return False


# ---------------------------------------------------------------- services


def boleh_memulai(user, sop: SopInstansi) -> bool:
    """Holders of the first step's position, and the head of the agency."""
    versi = sop.versi_terbaru()
    if versi is None or not sop.aktif:
        return False
    if adalah_kepala(user, sop.instansi_id):
        return True
    pertama = versi.langkah_ke(1)["pelaksana"]
    pemetaan = PemetaanPelaksana.objects.filter(
        instansi_id=sop.instansi_id, nama_pelaksana__iexact=pertama
    ).first()
    return pemetaan is not None and pemetaan.jabatan_id in jabatan_dipegang_ids(user)


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
                tim, ketua = _tim_sebelumnya(sop)
            if tim:
                _simpan_tim(pelaksanaan, tim, ketua)
        ikat_dokumen(pelaksanaan, aktor, dokumen)
        _catat_peristiwa(pelaksanaan, Peristiwa.Jenis.MULAI, aktor=aktor)
        audit.catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.TAMBAH,
            objek=pelaksanaan,
            sesudah={"judul": pelaksanaan.judul, "sop": sop.kode, "versi": versi.nomor},
            keterangan="Memulai SOP",
        )
        _lanjut(pelaksanaan, 1, aktor, sekarang)
    return pelaksanaan


def _tim_sebelumnya(sop: SopInstansi) -> tuple[list[Pegawai], Pegawai | None]:
    terakhir = (
        Pelaksanaan.objects.filter(sop=sop, anggota_tim__isnull=False).order_by("-id").first()
    )
    if terakhir is None:
        return [], None
    anggota = list(terakhir.anggota_tim.select_related("pegawai"))
    ketua = next((a.pegawai for a in anggota if a.ketua), None)
    return [a.pegawai for a in anggota], ketua


def klaim(*, aktor, tugas: Tugas) -> Tugas:
    """Take an unclaimed task of one's position so colleagues see it is being done."""
    with transaction.atomic():
        _pelaksanaan, tugas = _kunci(tugas)
        _pastikan_boleh(aktor, tugas)
        if tugas.diklaim_oleh_id == aktor.pk:
            return tugas  # a double click
        sebelum = _snapshot_tugas(tugas)
        tugas.diklaim_oleh = aktor
        tugas.save(update_fields=["diklaim_oleh"])
        _catat_peristiwa(tugas.pelaksanaan, Peristiwa.Jenis.KLAIM, aktor=aktor, tugas=tugas)
        _audit_tugas(aktor, tugas, sebelum, "Mengambil tugas")
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
    from .lampiran import simpan_lampiran, validasi_berkas

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
        if _menyerahkan_dokumen(pelaksanaan, tugas.langkah_no):
            dokumen_terikat.periksa_kelengkapan(pelaksanaan, langkah)  # before any write
        if langkah.get("tindakan") == "tanda_tangan":
            _periksa_passphrase(pelaksanaan, tugas, aktor, passphrase)
        if langkah.get("bentuk_tim"):
            _simpan_tim(pelaksanaan, tim, ketua)
            _catat_peristiwa(
                pelaksanaan,
                Peristiwa.Jenis.TIM,
                aktor=aktor,
                tugas=tugas,
                data={"anggota": [p.pk for p in tim], "ketua": ketua.pk if ketua else None},
            )
        data = {"lampiran": [f.name for f in berkas]}
        if langkah.get("tindakan") == "tanda_tangan":
            beku = _tanda_tangani_dokumen(pelaksanaan, aktor)
            if beku is not None:
                data["ringkasan"] = beku  # the signed version, kept in the append-only log
        sebelum = _tutup(tugas, aktor, sekarang, catatan=catatan.strip())
        for f in berkas:
            simpan_lampiran(tugas=tugas, berkas=f, aktor=aktor)
        # After the attachments: a signing step may sign the PDF just attached.
        naskah = _jalankan_tindakan(pelaksanaan, tugas, langkah, aktor, passphrase)
        if naskah:
            data["naskah"] = naskah
        _catat_peristiwa(
            pelaksanaan,
            Peristiwa.Jenis.SELESAI,
            aktor=aktor,
            tugas=tugas,
            catatan=tugas.catatan,
            data=data,
        )
        _audit_tugas(aktor, tugas, sebelum, "Menyelesaikan langkah")
        if langkah.get("subproses"):
            _mulai_subproses(pelaksanaan, tugas, langkah["subproses"], aktor, sekarang)
        else:
            _lanjut(pelaksanaan, tugas.langkah_no + 1, aktor, sekarang)
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
                _periksa_passphrase(pelaksanaan, tugas, aktor, passphrase)
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
            ringkasan = _tanda_tangani_dokumen(pelaksanaan, aktor)
        else:
            ringkasan = ringkasan_dokumen(pelaksanaan)
        if ringkasan is not None:
            data["ringkasan"] = ringkasan  # what the reviewer saw: the next review diffs it
        data["berkas"] = ringkasan_lampiran(pelaksanaan)  # and the files, diffed too
        if setuju:
            naskah = _jalankan_tindakan(pelaksanaan, tugas, langkah, aktor, passphrase)
            if naskah:
                data["naskah"] = naskah
        _catat_peristiwa(pelaksanaan, jenis, aktor=aktor, tugas=tugas, catatan=catatan, data=data)
        _audit_tugas(aktor, tugas, sebelum, "Menyetujui" if setuju else "Mengembalikan")
        _lanjut(pelaksanaan, ke, aktor, sekarang, dikembalikan_dari=None if setuju else tugas)
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
        sebelum = _snapshot_tugas(tugas)
        tugas.diklaim_oleh = kepada
        tugas.save(update_fields=["diklaim_oleh"])
        _catat_peristiwa(
            pelaksanaan,
            Peristiwa.Jenis.DELEGASI,
            aktor=aktor,
            tugas=tugas,
            catatan=catatan,
            data={"kepada": kepada.pk, "kepada_nama": kepada.nama_lengkap},
        )
        _audit_tugas(aktor, tugas, sebelum, f"Mengalihkan kepada {kepada.nama_lengkap}")
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
    _catat_peristiwa(pelaksanaan, Peristiwa.Jenis.BATAL, aktor=aktor, catatan=alasan)
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
    pemula = aktor if boleh_memulai(aktor, sop) else None
    p = mulai(aktor=pemula, sop=sop, judul=judul, periode=periode, dokumen=dokumen)
    if pemula is None:
        _catat_peristiwa(
            p,
            Peristiwa.Jenis.MULAI,
            aktor=aktor,
            catatan=_("Dijalankan ulang karena revisi dokumen oleh %(nama)s.")
            % {"nama": aktor.nama_lengkap},
        )
    return p


def mulai_terjadwal(sop: SopInstansi, periode: str, judul: str) -> Pelaksanaan | None:
    """Start the scheduled run of a period unless it exists (exactly once, even in races)."""
    try:
        with transaction.atomic():
            return mulai(aktor=None, sop=sop, judul=judul, periode=periode, terjadwal=True)
    except IntegrityError:
        return None
