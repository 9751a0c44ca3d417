"""Recording one filled questionnaire (SKM, PermenPAN-RB 14/2017; docs/domain.md §9).

Every questionnaire — sent from the public form, typed in from paper or read from an
Excel import — passes `validasi_responden` and is written by `catat_responden`, so the
rules live in one place: the respondent's profile (jenis kelamin, usia, pendidikan,
pekerjaan), the nine answers 1–4, the free-text saran, and whether the period still
takes answers of that source.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from sakip.audit.models import CatatanAudit
from sakip.audit.services import catat, snapshot
from sakip.lib.formatting import tanggal_panjang
from sakip.lib.teks import tolak_kontrol

from .models import Layanan, PeriodeSurvei, Responden

USIA_MIN, USIA_MAKS = 10, 120
SARAN_MAKS = 2000
JUMLAH_UNSUR = 9

# Spellings found on paper and in spreadsheets, mapped to the stored codes.
_ALIAS_JENIS_KELAMIN = {
    "l": "L",
    "laki-laki": "L",
    "laki laki": "L",
    "lk": "L",
    "pria": "L",
    "p": "P",
    "perempuan": "P",
    "pr": "P",
    "wanita": "P",
}
_ALIAS_PENDIDIKAN = {
    "d1": "D1-D4",
    "d2": "D1-D4",
    "d3": "D1-D4",
    "d4": "D1-D4",
    "diploma": "D1-D4",
    "d1-d3-d4": "D1-D4",
    "d1–d3–d4": "D1-D4",
    "sma/smk": "SMA",
    "smk": "SMA",
    "slta": "SMA",
    "sltp": "SMP",
    "s2": "S2+",
    "s3": "S2+",
    "s2 ke atas": "S2+",
}


def _pilihan(nilai, choices, alias: Mapping[str, str] | None = None) -> str | None:
    """The stored code for a code, its label or a known alias (case-insensitive)."""
    teks = str(nilai or "").strip().lower()
    if not teks:
        return None
    for kode, label in choices:
        if teks in (kode.lower(), str(label).lower()):
            return kode
    return (alias or {}).get(teks)


def bilangan_bulat(nilai) -> int | None:
    """An integer from an int, an integral float (Excel) or digits; else None."""
    if isinstance(nilai, bool):
        return None
    if isinstance(nilai, int):
        return nilai
    if isinstance(nilai, float):
        return int(nilai) if nilai.is_integer() else None
    if isinstance(nilai, str):
        teks = nilai.strip()
        if teks.isascii() and teks.lstrip("-").isdigit():
            return int(teks)
    return None


def _jawaban(data: Mapping, i: int):
    for kunci in (f"U{i}", f"u{i}"):
        if kunci in data and data[kunci] not in (None, ""):
            return data[kunci]
    return None


def _waktu(nilai) -> datetime.datetime | None:
    """A datetime (naive read as local time), a date (noon) or ISO text; None if blank."""
    if nilai in (None, ""):
        return None
    if isinstance(nilai, str):
        teks = nilai.strip()
        hasil = parse_datetime(teks) or parse_date(teks)
        if hasil is None:
            raise ValueError(teks)
        nilai = hasil
    if isinstance(nilai, datetime.datetime):
        if timezone.is_naive(nilai):
            nilai = timezone.make_aware(nilai)
        return nilai
    if isinstance(nilai, datetime.date):
        # Paper carries a date only: noon keeps it on that day in every time zone nearby.
        return timezone.make_aware(datetime.datetime.combine(nilai, datetime.time(12)))
    raise ValueError(nilai)


def _periksa_profil(data: Mapping, galat: dict, bersih: dict) -> None:
    jk = _pilihan(data.get("jenis_kelamin"), Responden.JenisKelamin.choices, _ALIAS_JENIS_KELAMIN)
    if jk is None:
        galat["jenis_kelamin"] = _("Pilih jenis kelamin: laki-laki atau perempuan.")
    bersih["jenis_kelamin"] = jk

    usia = bilangan_bulat(data.get("usia"))
    if usia is None:
        galat["usia"] = _("Isi usia dengan angka tahun, mis. 35.")
    elif not USIA_MIN <= usia <= USIA_MAKS:
        galat["usia"] = _("Usia harus antara %(min)s dan %(maks)s tahun.") % {
            "min": USIA_MIN,
            "maks": USIA_MAKS,
        }
    bersih["usia"] = usia

    pendidikan = _pilihan(data.get("pendidikan"), Responden.Pendidikan.choices, _ALIAS_PENDIDIKAN)
    if pendidikan is None:
        galat["pendidikan"] = _("Pilih pendidikan terakhir.")
    bersih["pendidikan"] = pendidikan

    pekerjaan = _pilihan(data.get("pekerjaan"), Responden.Pekerjaan.choices)
    if pekerjaan is None:
        galat["pekerjaan"] = _("Pilih pekerjaan.")
    bersih["pekerjaan"] = pekerjaan


def _periksa_jawaban(periode: PeriodeSurvei, data: Mapping, galat: dict, bersih: dict) -> None:
    nama_unsur = {u.get("kode"): u.get("nama", "") for u in periode.unsur or []}
    for i in range(1, JUMLAH_UNSUR + 1):
        mentah = _jawaban(data, i)
        nilai = bilangan_bulat(mentah)
        unsur = nama_unsur.get(f"U{i}") or f"U{i}"
        if mentah is None:
            galat[f"u{i}"] = _("Pertanyaan %(unsur)s belum dijawab.") % {"unsur": unsur}
        elif nilai is None or not 1 <= nilai <= 4:
            galat[f"u{i}"] = _("Jawaban %(unsur)s harus salah satu dari 1, 2, 3 atau 4.") % {
                "unsur": unsur
            }
        bersih[f"u{i}"] = nilai


def _periksa_waktu(periode: PeriodeSurvei, data: Mapping, galat: dict, bersih: dict) -> None:
    try:
        waktu = _waktu(data.get("waktu"))
    except (ValueError, TypeError, OverflowError):
        galat["waktu"] = _("Tanggal dan jam tidak dikenali; tulis mis. 2025-03-14 09:30.")
        bersih["waktu"] = None
        return
    if waktu is not None:
        tanggal = timezone.localtime(waktu).date()
        if not periode.mulai <= tanggal <= periode.selesai:
            galat["waktu"] = _(
                "Tanggal %(tanggal)s di luar periode survei (%(mulai)s–%(selesai)s)."
            ) % {
                "tanggal": tanggal_panjang(tanggal),
                "mulai": tanggal_panjang(periode.mulai),
                "selesai": tanggal_panjang(periode.selesai),
            }
    bersih["waktu"] = waktu


def _periksa_layanan(periode: PeriodeSurvei, layanan: Layanan | None, galat: dict) -> None:
    if layanan is None:
        galat["layanan"] = _("Pilih jenis layanan.")
    elif layanan.instansi_id != periode.instansi_id:
        galat["layanan"] = _("Layanan ini bukan layanan instansi penyelenggara survei.")
    elif not layanan.aktif:
        galat["layanan"] = _("Layanan ini tidak aktif lagi.")


def pesan_periode(periode: PeriodeSurvei, sumber: str) -> str | None:
    """Why `periode` takes no questionnaire from `sumber` now, or None if it does.

    Online answers come only while the period is open; paper and imported ones may
    still be typed in after it closes, until the report is signed.
    """
    Status = PeriodeSurvei.Status
    if sumber == Responden.Sumber.DARING:
        if periode.status != Status.DIBUKA:
            return _("Survei daring periode ini tidak sedang dibuka.")
        return None
    if periode.status == Status.DITANDATANGANI:
        return _("Laporan periode ini sudah ditandatangani; jawaban tidak dapat ditambah.")
    if periode.status == Status.DRAF:
        return _("Periode survei ini belum dibuka.")
    return None


def validasi_responden(
    periode: PeriodeSurvei,
    data: Mapping,
    *,
    layanan: Layanan | None = None,
    sumber: str | None = None,
) -> dict:
    """The cleaned values of one questionnaire, or ValidationError({field: message}).

    `data` keys: jenis_kelamin, usia, pendidikan, pekerjaan, waktu (optional datetime,
    date or ISO text), U1…U9 (or u1…u9; integers 1–4) and saran. Writes nothing, so an
    import can check every row first and store all or none. With `layanan` and `sumber`
    it also checks the service (the period's agency, active) and the period's status.
    Error keys: the field names above in lower case (u1…u9), "layanan" and "periode".
    """
    galat: dict[str, str] = {}
    bersih: dict = {}
    if sumber is not None:
        if sumber not in Responden.Sumber.values:
            galat["sumber"] = _("Sumber jawaban tidak dikenal.")
        elif (pesan := pesan_periode(periode, sumber)) is not None:
            galat["periode"] = pesan
    if layanan is not None or sumber is not None:
        _periksa_layanan(periode, layanan, galat)
    _periksa_profil(data, galat, bersih)
    _periksa_waktu(periode, data, galat, bersih)
    _periksa_jawaban(periode, data, galat, bersih)
    _periksa_saran(data, galat, bersih)
    if galat:
        raise ValidationError(galat)
    return bersih


def _periksa_saran(data: Mapping, galat: dict, bersih: dict) -> None:
    """The one free text of the questionnaire: bounded, and no NUL or control character
    (PostgreSQL cannot store NUL, and the text is printed and exported)."""
    saran = str(data.get("saran") or "").strip()
    if len(saran) > SARAN_MAKS:
        galat["saran"] = _("Saran paling banyak %(n)s karakter.") % {"n": SARAN_MAKS}
    else:
        try:
            tolak_kontrol(saran)
        except ValidationError:
            galat["saran"] = _(
                "Saran memuat karakter kendali yang tidak diizinkan (mis. NUL); "
                "hapus lalu kirim ulang."
            )
    bersih["saran"] = saran


def _token(token) -> uuid.UUID | None:
    if token in (None, ""):
        return None
    try:
        return token if isinstance(token, uuid.UUID) else uuid.UUID(str(token))
    except ValueError as exc:
        raise ValidationError({"token": _("Formulir tidak dikenali; muat ulang halaman.")}) from exc


def catat_responden(
    *,
    periode: PeriodeSurvei,
    layanan: Layanan,
    data: Mapping,
    sumber: str,
    aktor=None,
    sidik: str = "",
    token=None,
) -> Responden:
    """Store one questionnaire and its audit record in one transaction.

    Idempotent on `token` (the online form's one-time token): sending the same form twice
    returns the questionnaire stored the first time. `sidik` is the keyed hash of the
    sender's address (online only, for the rate limit); `aktor` is who typed a paper
    questionnaire in (None: the public, recorded as "sistem").
    """
    token = _token(token)
    if token is not None and (lama := Responden.objects.filter(token=token).first()):
        return lama
    bersih = validasi_responden(periode, data, layanan=layanan, sumber=sumber)
    try:
        with transaction.atomic():
            # Re-read the period under lock: it may have been closed since the form was read.
            kini = PeriodeSurvei.objects.select_for_update().get(pk=periode.pk)
            if (pesan := pesan_periode(kini, sumber)) is not None:
                raise ValidationError({"periode": pesan})
            responden = _simpan(kini, layanan, bersih, sumber, aktor, sidik, token)
    except IntegrityError:
        # Two sends of one form raced each other: the other one stored it.
        if token is not None and (lama := Responden.objects.filter(token=token).first()):
            return lama
        raise
    return responden


def _simpan(periode, layanan, bersih, sumber, aktor, sidik, token) -> Responden:
    aktif = aktor is not None and getattr(aktor, "is_authenticated", False)
    responden = Responden(
        periode=periode,
        layanan=layanan,
        sumber=sumber,
        dicatat_oleh=aktor if aktif else None,
        sidik=sidik[:64],
        token=token,
        **{k: v for k, v in bersih.items() if k != "waktu"},
    )
    if bersih["waktu"] is not None:
        responden.waktu = bersih["waktu"]
    responden.save()
    sesudah = snapshot(responden)
    # audit.services.snapshot does not turn UUIDs into text (yet): JSON needs it.
    sesudah["token"] = str(token) if token else None
    catat(
        aktor=aktor,
        aksi=CatatanAudit.Aksi.TAMBAH,
        objek=responden,
        sesudah=sesudah,
        keterangan=_("Kuesioner SKM (%(sumber)s)") % {"sumber": responden.get_sumber_display()},
    )
    return responden
