"""An SOP run ends with a numbered, initialled, signed, distributed and archived letter.

Seed 000's Perjanjian Kinerja: the Sekretaris initials (step 8), the Camat signs with TTE
(step 9), the run starts SOP Pengiriman Surat, whose steps send the letter, check the
receipts and archive it; the parent's agenda step shows the number.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.sop import engine
from sakip.sop.engine import KesalahanAlur
from sakip.sop.models import Pelaksanaan
from sakip.sop.tests.conftest import jalankan_sampai, tugas_terbuka
from sakip.surat import distribusi
from sakip.surat.models import Paraf, Surat, TandaTangan
from sakip.surat.tte import services as tte

from .conftest import SANDI


def _surat_pk(pk) -> Surat:
    return Surat.objects.get(arah="keluar", dokumen_id=pk.pk)


def _tugas_dengan(p, tindakan: str):
    """Drive the run (and its sub-procedures) until a step with `tindakan` is open."""
    for _ in range(40):
        tugas = tugas_terbuka(p)
        langkah = tugas.pelaksanaan.versi.langkah_ke(tugas.langkah_no)
        if langkah.get("tindakan") == tindakan:
            return tugas
        pelaku = engine.penerima_tugas(tugas)[0]
        if langkah.get("keputusan"):
            engine.putuskan(aktor=pelaku, tugas=tugas, setuju=True)
        else:
            engine.selesaikan(aktor=pelaku, tugas=tugas, catatan="ok")
    raise AssertionError(f"tidak ada langkah {tindakan}")


def test_paraf_lalu_tte_memberi_nomor_dan_menandatangani(persona, run_pk, kunci_camat):
    a = persona.a
    p, pk = run_pk
    ttd = jalankan_sampai(p, 9)
    surat = _surat_pk(pk)
    paraf = Paraf.objects.get(surat=surat)
    assert paraf.pegawai == a.sekcam  # step 8, "Memberi paraf", by the Sekretaris
    assert surat.klasifikasi.kode == "000.7.2.7" and surat.nomor_surat == ""
    assert engine.perlu_passphrase(ttd, a.camat)

    with pytest.raises(KesalahanAlur, match="[Pp]assphrase"):
        engine.selesaikan(aktor=a.camat, tugas=ttd)
    with pytest.raises(KesalahanAlur, match="[Pp]assphrase salah"):
        engine.selesaikan(aktor=a.camat, tugas=ttd, passphrase="bukan-ini")
    surat.refresh_from_db()
    pk.refresh_from_db()
    # A wrong passphrase signs nothing: no number taken, the PK not frozen, task still open.
    assert (surat.nomor_surat, surat.berkas_ttd.name, pk.status) == ("", "", "draf")
    assert not TandaTangan.objects.exists()
    assert p.tugas.get(status="terbuka").pk == ttd.pk

    engine.selesaikan(aktor=a.camat, tugas=ttd, passphrase=SANDI)
    surat.refresh_from_db()
    pk.refresh_from_db()
    tahun = datetime.date.today().year
    # The meeting invitation of step 4 (SOP Undangan Rapat) took the agency's number 001.
    undangan = Surat.objects.get(arah="keluar", perihal__startswith="SOP Undangan Rapat")
    assert undangan.nomor_surat == f"000.1.5/001/{a.instansi.kode_unit}/{tahun}"
    assert surat.nomor_surat == f"000.7.2.7/002/{a.instansi.kode_unit}/{tahun}"
    assert surat.status == "ditandatangani" and pk.status == "ditandatangani"
    assert tte.verifikasi(surat).utuh
    selesai = p.peristiwa.get(jenis="selesai", langkah_no=9)
    assert selesai.data["naskah"]["nomor"] == surat.nomor_surat
    assert SANDI not in str(selesai.data)


def test_pengiriman_menunggu_tanda_terima_lalu_arsip(persona, run_pk, kunci_camat):
    a = persona.a
    p, pk = run_pk
    ttd = jalankan_sampai(p, 9)
    engine.selesaikan(aktor=a.camat, tugas=ttd, passphrase=SANDI)
    surat = _surat_pk(pk)

    kirim = _tugas_dengan(p, "distribusi")
    assert kirim.pelaksanaan.sop.kode == "pengiriman-surat"
    with pytest.raises(KesalahanAlur, match="belum dikirim"):
        engine.selesaikan(aktor=engine.penerima_tugas(kirim)[0], tugas=kirim)
    pengiriman = distribusi.mulai_pengiriman(
        aktor=a.staf,
        surat=surat,
        penerima=[{"nama": "Bagian Organisasi Setda", "alamat": "Siak", "cara": "kertas"}],
    )
    engine.selesaikan(aktor=engine.penerima_tugas(kirim)[0], tugas=kirim)
    pengiriman.refresh_from_db()
    assert pengiriman.pelaksanaan_id == kirim.pelaksanaan_id

    periksa = _tugas_dengan(p, "tanda_terima")
    kasubag_umum = engine.penerima_tugas(periksa)[0]
    with pytest.raises(KesalahanAlur, match="belum lengkap: 0 dari 1"):
        engine.putuskan(aktor=kasubag_umum, tugas=periksa, setuju=True)
    berkas = SimpleUploadedFile("tanda-terima.pdf", _pdf_kecil(), "application/pdf")
    distribusi.unggah_tanda_terima(
        aktor=a.staf,
        penerima=pengiriman.penerima.get(),
        berkas=berkas,
        diterima_oleh="Rina, Bagian Organisasi",
    )
    engine.putuskan(aktor=kasubag_umum, tugas=periksa, setuju=True)

    arsip = _tugas_dengan(p, "arsip")
    engine.selesaikan(aktor=engine.penerima_tugas(arsip)[0], tugas=arsip)
    surat.refresh_from_db()
    assert surat.status == "diarsipkan" and surat.diarsipkan_pada is not None

    agenda = _tugas_dengan(p, "penomoran")  # the parent's "Mengagenda dan mendistribusikan"
    engine.selesaikan(aktor=engine.penerima_tugas(agenda)[0], tugas=agenda)
    p.refresh_from_db()
    assert p.status == Pelaksanaan.Status.SELESAI
    surat.refresh_from_db()
    assert surat.status == "diarsipkan" and surat.nomor_surat.startswith("000.7.2.7/002/")


def test_kepala_tanpa_kunci_tte_menandatangani_basah_dan_tetap_bernomor(persona, run_pk):
    """An official with no TTE key signs on paper: the letter is still numbered."""
    a = persona.a
    p, pk = run_pk
    ttd = jalankan_sampai(p, 9)
    assert not engine.perlu_passphrase(ttd, a.camat)
    engine.selesaikan(aktor=a.camat, tugas=ttd)
    surat = _surat_pk(pk)
    assert surat.nomor_surat.startswith("000.7.2.7/002/") and not surat.berkas_ttd
    # The paper route: the distribution step is an ordinary step (ekspedisi book attached).
    kirim = _tugas_dengan(p, "distribusi")
    engine.selesaikan(aktor=engine.penerima_tugas(kirim)[0], tugas=kirim)


def _pdf_kecil() -> bytes:
    from sakip.dokumen.cetak import pdf_dari_html

    return pdf_dari_html("<p>Tanda terima</p>")
