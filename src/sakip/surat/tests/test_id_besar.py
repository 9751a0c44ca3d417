"""Ids past 999 stay plain digits in forms (USE_THOUSAND_SEPARATOR is on for Indonesian
numbers: an unguarded {{ obj.pk }} renders 1.165, which no form accepts).

PostgreSQL sequences are not reset between tests, so a long run reaches such ids; here
they are made on purpose."""

from sakip.organisasi.models import Jabatan
from sakip.surat.models import Disposisi

from .bantu import surat_masuk


def test_disposisi_ke_jabatan_berid_besar(persona, masuk):
    a = persona.a
    kasi = Jabatan.objects.create(
        pk=12345, instansi=a.instansi, nama="Kasi Pelayanan", atasan=a.j_camat
    )
    s = surat_masuk(a, 1)
    c = masuk(a.camat)
    isi = c.get(f"/surat/{s.pk}/").content.decode()
    assert 'value="12345"' in isi and "12.345" not in isi
    r = c.post(
        f"/surat/{s.pk}/disposisi/",
        {"kepada": "12345", "sifat": "biasa", "instruksi": "Untuk ditindaklanjuti"},
        follow=True,
    )
    assert "Surat didisposisikan kepada Kasi Pelayanan." in r.content.decode()
    assert Disposisi.objects.get(surat=s).kepada == kasi
