"""A document signed with TTE through its SOP run shows its signature wherever downloaded.

Seed 000's PK run of Alpha: before the Camat signs, the PK's PDF download renders the
draft; once signed with TTE, the same link serves the signed file (stamp, QR, Lembar
Pengesahan) byte for byte, and Beta's Camat still gets 404.
"""

from sakip.sop import engine
from sakip.sop.tests.conftest import jalankan_sampai
from sakip.surat import dokumen_ttd
from sakip.surat.models import Surat
from sakip.surat.tte import services as tte

from .conftest import SANDI


def test_unduhan_pk_setelah_tte_adalah_berkas_bertanda_tangan(persona, run_pk, kunci_camat, client):
    a = persona.a
    p, pk = run_pk
    url = f"/perencanaan/pk/{pk.pk}/pdf/"
    client.force_login(a.kasubag)
    draf = client.get(url)
    assert draf.status_code == 200 and draf.content.startswith(b"%PDF")
    assert tte.periksa_pdf(draf.content) == []  # a draft carries no signature
    assert dokumen_ttd.berkas_ttd(pk) is None

    ttd = jalankan_sampai(p, 9)
    engine.selesaikan(aktor=a.camat, tugas=ttd, passphrase=SANDI)
    surat = Surat.objects.get(arah="keluar", dokumen_id=pk.pk, pelaksanaan=p)
    with surat.berkas_ttd.open("rb") as f:
        ditandatangani = f.read()

    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content == ditandatangani
    assert [t.utuh for t in tte.periksa_pdf(r.content)] == [True]
    client.force_login(persona.b.camat)
    assert client.get(url).status_code == 404
