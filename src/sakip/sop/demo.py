"""Demo SOPs: each demo agency adopts its own seed's SOPs; the schedule starts this
period's runs, and one run is taken a few steps so the inbox and timeline show work."""

from __future__ import annotations

from sakip.organisasi.models import Instansi, Pegawai

from . import engine, jadwal, services
from .models import Pelaksanaan, SopInstansi

# seed file prefix → the demo agency standing for it (organisasi/demo.py)
SEED_INSTANSI = {"000": "KEC-MPR", "001": "KEC-BR", "002": "KEC-DY", "003": "BAG-ADPEM"}


def muat(aktor: Pegawai) -> int:
    """Adopt, schedule and advance; returns how many rows of note were created."""
    dibuat = 0
    pustaka = services.pustaka()
    for awalan, kode_unit in SEED_INSTANSI.items():
        instansi = Instansi.objects.filter(kode_unit=kode_unit).first()
        if instansi is None:
            continue
        for kode in sorted(k for k in pustaka if k.startswith(awalan + "-")):
            if not SopInstansi.objects.filter(instansi=instansi, kode=kode).exists():
                services.adopsi(aktor=aktor, instansi=instansi, kode=kode)
                dibuat += 1
    dibuat += len(jadwal.jadwalkan_sop())
    dibuat += _contoh_berjalan()
    return dibuat


def _contoh_berjalan() -> int:
    """Bungaraya's monitoring run: prepared and drafted, waiting for the Sekcam's review."""
    sop = SopInstansi.objects.filter(
        instansi__kode_unit="KEC-BR", kode="001-monev-rencana-aksi"
    ).first()
    if sop is None or Pelaksanaan.objects.filter(sop=sop, judul__startswith="Contoh").exists():
        return 0
    kasubag = Pegawai.objects.get(username="kasubag.bungaraya")
    p = engine.mulai(aktor=kasubag, sop=sop, judul="Contoh: Monev Rencana Aksi November 2026")
    for catatan in ("Data RKA, DPA dan anggaran kas dihimpun.", "Draf rencana aksi disusun."):
        tugas = p.tugas.get(status="terbuka")
        pelaku = engine.penerima_tugas(tugas)[0]
        engine.selesaikan(aktor=pelaku, tugas=tugas, catatan=catatan)
    return 1
