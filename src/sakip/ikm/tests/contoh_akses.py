"""Examples for the access test (src/sakip/lib/tests/test_akses.py): URL parameters of the
survey's routes naming agency A's objects (a service with its Standar Pelayanan, an open
period with one questionnaire)."""

from sakip.ikm import services
from sakip.ikm.models import StandarPelayanan
from sakip.ikm.tests import bangun


def contoh(persona) -> dict:
    a = persona.a
    lay = bangun.layanan(a, "Surat Keterangan Alpha")
    isi = {k: f"{k} layanan Alpha" for k, _l, _g in StandarPelayanan.KOMPONEN}
    services.simpan_standar(aktor=a.camat, layanan=lay, data=isi)
    p = bangun.periode(a, tahun=2025, populasi=100)
    bangun.responden(p, lay, 4, saran="Saran Alpha")
    return {"instansi_id": [a.instansi.pk], "layanan_id": [lay.pk], "periode_id": [p.pk]}
