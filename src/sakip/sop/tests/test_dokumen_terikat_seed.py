"""Each of the 27 seed SOPs signs the document its signing step names.

Every SOP declares its document's binder as data (`dokumen_terikat` in the library YAML).
For the seeds, every `tindakan: tanda_tangan` step must have a declared, registered binder;
the binder must carry the document the step names (its kegiatan or output, or the SOP's
`dokumen`, names one of the binder's documents, and no other binder's); and a binder that
carries a data document renders it as a PDF — what is signed is the document itself, not
whichever file was attached last.
"""

import pytest

from sakip.sop import dokumen_terikat, services
from sakip.sop.dokumen_terikat import LAMPIRAN, menyebut, pengikat_untuk, semua_pengikat

SEED = {k: s for k, s in services.pustaka().items() if s.sumber is not None}
LANGKAH_TTD = [
    (kode, no)
    for kode, sop in sorted(SEED.items())
    for no, lg in enumerate(sop.langkah, start=1)
    if lg.tindakan == "tanda_tangan"
]


def test_ada_27_seed_dan_setiap_sop_pustaka_menyatakan_dokumennya():
    assert len(SEED) == 27
    assert len(LANGKAH_TTD) == 26  # 003-pengumpulan-data-kinerja signs nothing
    tanpa = [k for k, s in services.pustaka().items() if not s.dokumen_terikat]
    assert tanpa == []
    dikenal = set(semua_pengikat()) | {LAMPIRAN}
    asing = {k: s.dokumen_terikat for k, s in services.pustaka().items()}
    asing = {k: v for k, v in asing.items() if v not in dikenal}
    assert asing == {}, "dokumen_terikat yang tidak terdaftar"


@pytest.mark.parametrize(("kode", "no"), LANGKAH_TTD)
def test_langkah_tanda_tangan_menandatangani_dokumen_yang_disebutnya(kode, no):
    sop = SEED[kode]
    langkah = sop.langkah_ke(no)
    definisi = services.definisi_dari_pustaka(sop)
    assert sop.dokumen_terikat not in (None, LAMPIRAN), f"{kode}: seed tanpa dokumen terikat"
    pengikat = pengikat_untuk(definisi)
    assert pengikat is not None and pengikat.nama == sop.dokumen_terikat, kode

    # The binder carries the document the SOP is about …
    assert menyebut(sop.dokumen, pengikat.nama_dokumen) or menyebut(
        sop.nama, pengikat.nama_dokumen
    ), f"{kode}: {pengikat.nama} tidak membawa “{sop.dokumen}”"
    # … and the signing step names it, or names no document at all ("Memberi tanda tangan").
    teks = f"{langkah.kegiatan} | {langkah.output}"
    disebut = {p.nama for p in semua_pengikat().values() if menyebut(teks, p.nama_dokumen)}
    assert not disebut or pengikat.nama in disebut, (
        f"{kode} langkah {no} menyebut dokumen {sorted(disebut)}, bukan {pengikat.nama}"
    )

    # What is signed is the document itself, rendered as a PDF.
    assert pengikat.pdf is not None, f"{pengikat.nama} tidak punya pdf"


def test_seed_001_menandatangani_kartu_kendali_dan_seed_003_evaluasinya():
    kartu = pengikat_untuk(services.definisi_dari_pustaka(SEED["001-monev-rencana-aksi"]))
    assert kartu.nama == "kartu_kendali"
    assert "Rencana Program dan Rencana Aksi Kinerja" in kartu.nama_dokumen
    evaluasi = pengikat_untuk(services.definisi_dari_pustaka(SEED["003-evaluasi"]))
    assert evaluasi.nama == "evaluasi_triwulan"


def test_versi_lama_tanpa_kunci_memakai_pencocokan_nama_dokumen():
    """Versions adopted before `dokumen_terikat` existed keep finding their binder."""
    lama = services.definisi_dari_pustaka(SEED["000-perjanjian-kinerja"])
    del lama["dokumen_terikat"]
    assert pengikat_untuk(lama).nama == "pk"
    surat = services.definisi_dari_pustaka(services.pustaka()["surat-tugas"])
    assert surat["dokumen_terikat"] == LAMPIRAN and pengikat_untuk(surat) is None


def test_nama_dokumen_dicocokkan_per_kata():
    assert menyebut("Menandatangani  Renja", ("Renja",))
    assert not menyebut("Laporan RenjaInstansi", ("Renja",))
    assert not menyebut("Instrumen evaluasi", dokumen_terikat.semua_pengikat()["pk"].nama_dokumen)


def test_linter_menandai_langkah_tanda_tangan_tanpa_dokumen_terikat():
    import dataclasses

    from sakip.sop.linter import periksa

    pustaka = services.pustaka()
    sop = pustaka["000-perjanjian-kinerja"]
    assert [t for t in periksa(sop, pustaka) if t.jenis == "dokumen_terikat"] == []
    tanpa = dataclasses.replace(sop, dokumen_terikat=None)
    temuan = [t for t in periksa(tanpa, pustaka) if t.jenis == "dokumen_terikat"]
    assert [t.langkah for t in temuan] == [9]
