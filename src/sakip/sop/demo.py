"""Demo SOPs: each demo agency adopts its own seed's SOPs; the schedule starts this
period's runs, and a few runs of Bungaraya are taken some steps through the engine so
that its people find work waiting when they first sign in: the Staf types a monthly
report, the Kasubag reviews one, the Sekcam reviews the monitoring card and the Camat
signs a report. Each run's document is filled before the step that hands it on, as a
person would (the engine checks it)."""

from __future__ import annotations

from sakip.laporan import services as laporan_services
from sakip.laporan.models import Laporan
from sakip.lib.formatting import BULAN
from sakip.organisasi.models import Instansi, Pegawai

from . import dokumen_terikat, engine, jadwal, services
from .models import Pelaksanaan, SopInstansi

# seed file prefix → the demo agency standing for it (organisasi/demo.py)
SEED_INSTANSI = {"000": "KEC-MPR", "001": "KEC-BR", "002": "KEC-DY", "003": "BAG-ADPEM"}

# Library SOPs an agency adopts besides its own seed's. Seed 001 holds only the monitoring
# SOP; Bungaraya writes its monthly report with seed 000's procedure, whose Staf step
# ("Mengetik Laporan") is the first work of the README's first login, staf1.bungaraya.
TAMBAHAN = {"KEC-BR": ("000-laporan-bulanan",)}

# Bungaraya's monthly report runs of 2026: month → steps already done.
LAPORAN_BERJALAN = {
    10: 1,  # material gathered: the Staf types the report
    9: 2,  # typed: the Kasubag reviews it
    8: 4,  # reviewed and initialled by the Sekcam: the Camat signs it
}

NARASI_BULANAN = {
    "ikhtisar": (
        "Realisasi indikator kinerja bulan {bulan} {tahun} dihimpun dari isian penanggung "
        "jawab indikator yang telah diperiksa Kasubag Perencanaan dan Evaluasi Pelaporan. "
        "Serapan anggaran mengikuti anggaran kas DPA; kegiatan yang tertinggal dicatat pada "
        "kartu kendali beserta tindak lanjutnya."
    ),
    "penutup": (
        "Laporan bulan {bulan} {tahun} ini menjadi bahan monitoring bulan berikutnya dan "
        "evaluasi triwulan Kecamatan Bungaraya."
    ),
}


def muat(aktor: Pegawai) -> int:
    """Adopt, schedule and advance; returns how many rows of note were created."""
    dibuat = 0
    pustaka = services.pustaka()
    adopsi: dict[str, list[str]] = {}
    for awalan, kode_unit in SEED_INSTANSI.items():
        adopsi.setdefault(kode_unit, []).extend(
            sorted(k for k in pustaka if k.startswith(awalan + "-"))
        )
    for kode_unit, kode_sop in TAMBAHAN.items():
        adopsi.setdefault(kode_unit, []).extend(k for k in kode_sop if k in pustaka)
    for kode_unit, kode_sop in adopsi.items():
        instansi = Instansi.objects.filter(kode_unit=kode_unit).first()
        if instansi is None:
            continue
        for kode in kode_sop:
            if not SopInstansi.objects.filter(instansi=instansi, kode=kode).exists():
                services.adopsi(aktor=aktor, instansi=instansi, kode=kode)
                dibuat += 1
    dibuat += len(jadwal.jadwalkan_sop())
    dibuat += _contoh_berjalan()
    dibuat += _laporan_berjalan()
    return dibuat


def _orang(username: str) -> Pegawai:
    return Pegawai.objects.get(username=username)


def _tugas_terbuka(p: Pelaksanaan):
    return p.tugas.get(status="terbuka")


def _contoh_berjalan() -> int:
    """Bungaraya's monitoring run of October: the card is filled (the measurement demo
    wrote its rows) and the draft is made, so it waits for the Sekcam's review."""
    sop = SopInstansi.objects.filter(
        instansi__kode_unit="KEC-BR", kode="001-monev-rencana-aksi"
    ).first()
    if sop is None or Pelaksanaan.objects.filter(sop=sop, judul__startswith="Contoh").exists():
        return 0
    kasubag = _orang("kasubag.bungaraya")
    p = engine.mulai(
        aktor=kasubag,
        sop=sop,
        judul="Contoh: Monev Rencana Aksi Oktober 2026",
        periode="2026-10",  # binds October's card, the month being monitored
    )
    for catatan in ("Data RKA, DPA dan anggaran kas dihimpun.", "Draf rencana aksi disusun."):
        tugas = _tugas_terbuka(p)
        pelaku = engine.penerima_tugas(tugas)[0]
        engine.selesaikan(aktor=pelaku, tugas=tugas, catatan=catatan)
    return 1


def _laporan_berjalan() -> int:
    """Bungaraya's monthly reports of August–October 2026, each run as far as
    LAPORAN_BERJALAN says, the report's narrative written by the Staf who types it."""
    sop = SopInstansi.objects.filter(
        instansi__kode_unit="KEC-BR", kode="000-laporan-bulanan"
    ).first()
    if sop is None:
        return 0
    kasubag, staf, sekcam = (
        _orang(u) for u in ("kasubag.bungaraya", "staf1.bungaraya", "sekcam.bungaraya")
    )
    dibuat = 0
    for bulan, sampai in LAPORAN_BERJALAN.items():
        periode = f"2026-{bulan:02d}"
        if Pelaksanaan.objects.filter(sop=sop, periode=periode, terjadwal=False).exists():
            continue
        judul = f"Contoh: Laporan Bulanan {BULAN[bulan - 1]} 2026"
        p = engine.mulai(aktor=kasubag, sop=sop, judul=judul, periode=periode)
        dibuat += 1
        langkah = {
            1: lambda t: engine.selesaikan(
                aktor=kasubag,
                tugas=t,
                catatan="LRA dan DPA bulan ini dihimpun; realisasi indikator sudah diperiksa.",
            ),
            2: lambda t, p=p, bulan=bulan: _ketik(p, t, staf, bulan),
            3: lambda t: engine.putuskan(
                aktor=kasubag, tugas=t, setuju=True, catatan="Sudah sesuai data pengukuran."
            ),
            4: lambda t: engine.selesaikan(aktor=sekcam, tugas=t, catatan="Diparaf."),
        }
        for no in range(1, sampai + 1):
            langkah[no](_tugas_terbuka(p))
    return dibuat


def _ketik(p: Pelaksanaan, tugas, staf: Pegawai, bulan: int) -> None:
    """The Staf writes the report's narrative, then hands the draft on."""
    laporan = dokumen_terikat.dokumen_dari(p)
    if isinstance(laporan, Laporan):
        for kunci, teks in NARASI_BULANAN.items():
            laporan = laporan_services.simpan_narasi(
                aktor=staf,
                laporan=laporan,
                kunci=kunci,
                teks=teks.format(bulan=BULAN[bulan - 1], tahun=laporan.tahun),
            )
    engine.selesaikan(aktor=staf, tugas=tugas, catatan="Konsep laporan diketik.")
