"""Every seed SOP runs end to end in its demo agency: the approve path, then each reject branch.

Each step is done by a person who holds the step actor's position (or the team the
SOP formed); someone who does not hold it is refused at every step.
"""

import datetime

import pytest
from django.core.management import call_command

from sakip.ikm.models import PeriodeSurvei
from sakip.organisasi.demo import muat_demo
from sakip.organisasi.models import Instansi, Pegawai
from sakip.perencanaan.models import (
    DokumenAnggaran,
    IndikatorPK,
    PerjanjianKinerja,
    Renstra,
    SasaranPK,
)
from sakip.sop import dokumen_terikat, engine, services
from sakip.sop.demo import SEED_INSTANSI
from sakip.sop.models import Pelaksanaan

from .conftest import tugas_terbuka

KODE_SEED = sorted(k for k in services.pustaka() if services.pustaka()[k].sumber)


def _cabang_tolak() -> list[tuple[str, int]]:
    hasil = []
    for kode in KODE_SEED:
        for i, lg in enumerate(services.pustaka()[kode].langkah, start=1):
            if lg.keputusan and lg.keputusan.tidak is not None:
                hasil.append((kode, i))
    return hasil


@pytest.fixture(scope="module")
def _demo_modul(django_db_setup, django_db_blocker):
    """The demo organisation, loaded once for this module and flushed after it."""
    with django_db_blocker.unblock():
        muat_demo()
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def dunia(_demo_modul, db):
    # Each test runs in a transaction that is rolled back: adoptions and runs vanish.
    return Pegawai.objects.get(username="admin")


def _siapkan(admin, kode):
    instansi = Instansi.objects.get(kode_unit=SEED_INSTANSI[kode[:3]])
    sop = services.adopsi(aktor=admin, instansi=instansi, kode=kode)
    orang = list(Pegawai.objects.filter(instansi=instansi, is_active=True).order_by("pk"))
    return sop, orang


def _mulai(sop, orang):
    versi = sop.versi_terbaru()
    pemula = next(p for p in orang if engine.boleh_memulai(p, sop))
    tim = orang[:2] if engine.perlu_tim_saat_mulai(versi) else ()
    p = engine.mulai(
        aktor=pemula, sop=sop, judul=f"Uji {sop.kode}", tim=tim, ketua=tim[0] if tim else None
    )
    dokumen = dokumen_terikat.dokumen_dari(p) if p.dokumen_ct_id else None
    if isinstance(dokumen, PerjanjianKinerja):
        _isi_pk(dokumen, pemula)
    if isinstance(dokumen, PeriodeSurvei):
        _isi_ikm(dokumen, pemula)
    return p


def _isi_ikm(periode, aktor):
    """A survey report can only be signed with at least one questionnaire."""
    from sakip.ikm import services as ikm
    from sakip.ikm.models import Layanan
    from sakip.ikm.responden import catat_responden

    layanan = ikm.simpan_layanan(
        aktor=aktor, layanan=Layanan(instansi=periode.instansi, nama="Surat Keterangan")
    )
    periode = ikm.buka_periode(aktor=aktor, periode=periode)
    jawaban = {f"U{i}": 3 for i in range(1, 10)}
    data = {"jenis_kelamin": "L", "usia": 30, "pendidikan": "SMA", "pekerjaan": "Swasta"}
    catat_responden(
        periode=periode, layanan=layanan, sumber="kertas", aktor=aktor, data={**data, **jawaban}
    )


def _isi_pk(pk, aktor):
    """A PK can only be signed with content and an approved DPA for its year."""
    tahun = pk.tahun
    renstra = Renstra.objects.create(
        instansi=pk.instansi, tahun_awal=tahun - 1, tahun_akhir=tahun + 3
    )
    DokumenAnggaran.objects.create(
        instansi=pk.instansi,
        renstra=renstra,
        jenis="dpa",
        tahun=tahun,
        tanggal_pengesahan=datetime.date(tahun, 1, 2),
    )
    sasaran = SasaranPK.objects.create(pk_dokumen=pk, uraian="Meningkatnya kualitas pelayanan")
    IndikatorPK.objects.create(sasaran=sasaran, nama="IKM", satuan="nilai", target=82)


def _jalankan(p: Pelaksanaan, orang, tolak_di: int | None = None) -> list[int]:
    """Drive the run to its end; reject once at step `tolak_di`. Returns the steps done."""
    jejak, sudah_tolak = [], False
    for _ in range(200):
        t = tugas_terbuka(p)
        if t is None:
            break
        penerima = engine.penerima_tugas(t)
        assert penerima, f"{t}: tidak ada pemegang jabatan {t.pelaksana_nama}"
        pelaku = penerima[0]
        luar = next((o for o in orang if o not in penerima), None)
        if luar is not None:
            assert not engine.boleh_bertindak(luar, t), f"{luar} boleh bertindak di {t}"
        langkah = t.pelaksanaan.versi.langkah_ke(t.langkah_no)
        if t.pelaksanaan_id == p.pk:
            jejak.append(t.langkah_no)
        if langkah.get("keputusan"):
            if t.pelaksanaan_id == p.pk and t.langkah_no == tolak_di and not sudah_tolak:
                engine.putuskan(aktor=pelaku, tugas=t, setuju=False, catatan="Perbaiki")
                sudah_tolak = True
                kembali = tugas_terbuka(p)
                tujuan = langkah["keputusan"]["tidak"]
                assert kembali.langkah_no == tujuan
                assert kembali.pelaksana_nama == p.versi.langkah_ke(tujuan)["pelaksana"]
                continue
            engine.putuskan(aktor=pelaku, tugas=t, setuju=True)
        elif langkah.get("bentuk_tim"):
            engine.selesaikan(aktor=pelaku, tugas=t, tim=orang[:2], ketua=orang[0])
        else:
            engine.selesaikan(aktor=pelaku, tugas=t, catatan="selesai")
    p.refresh_from_db()
    assert p.status == Pelaksanaan.Status.SELESAI, f"{p} berhenti di langkah {p.langkah_sekarang}"
    assert tolak_di is None or sudah_tolak
    return jejak


def test_semua_seed_diuji():
    assert len(KODE_SEED) == 27
    assert len(_cabang_tolak()) >= 20


@pytest.mark.parametrize("kode", KODE_SEED)
def test_jalur_setuju_sampai_selesai(dunia, kode):
    sop, orang = _siapkan(dunia, kode)
    p = _mulai(sop, orang)
    jejak = _jalankan(p, orang)
    n = len(p.versi.langkah)
    assert jejak[0] == 1 and jejak[-1] == n
    assert jejak == sorted(jejak), "jalur setuju tidak pernah mundur"
    assert p.peristiwa.filter(jenis="tamat").count() == 1
    dokumen = dokumen_terikat.dokumen_dari(p)
    if isinstance(dokumen, PerjanjianKinerja):
        assert dokumen.status == "ditandatangani"  # frozen at the Camat's signing step


@pytest.mark.parametrize(("kode", "langkah"), _cabang_tolak())
def test_setiap_cabang_tolak(dunia, kode, langkah):
    sop, orang = _siapkan(dunia, kode)
    p = _mulai(sop, orang)
    jejak = _jalankan(p, orang, tolak_di=langkah)
    assert p.peristiwa.filter(jenis="tolak", langkah_no=langkah).count() == 1
    assert jejak.count(langkah) == 2  # reviewed twice: rejected, then approved
