"""Pages a user opens: agency profile with organisation chart, people, positions."""

import datetime

from django.urls import reverse

from sakip import testing
from sakip.organisasi.models import Jabatan, PelaksanaTugas


def _plt(persona):
    """Sekcam Alpha's position is vacant; the Kasubag acts as Plt."""
    persona.a.sekcam.jabatan = None
    persona.a.sekcam.save()
    return PelaksanaTugas.objects.create(
        jabatan=persona.a.j_sekcam,
        pegawai=persona.a.kasubag,
        jenis="plt",
        tanggal_mulai=datetime.date.today() - datetime.timedelta(days=3),
    )


def test_bagan_organisasi_pohon_dengan_pemangku_dan_plt(persona, masuk):
    _plt(persona)
    isi = masuk(persona.a.staf).get(f"/instansi/{persona.a.instansi.pk}/").content.decode()
    # The tree nests: Camat > Sekretaris Camat > Kasubag > Staf.
    i_camat, i_sekcam = (
        isi.index('data-jabatan="Camat"'),
        isi.index('data-jabatan="Sekretaris Camat"'),
    )
    i_kasubag, i_staf = isi.index('data-jabatan="Kasubag'), isi.index('data-jabatan="Staf"')
    assert i_camat < i_sekcam < i_kasubag < i_staf
    assert isi[i_camat:i_staf].count("<ul>") == 3
    assert "Camat Alpha" in isi
    blok_sekcam = isi[i_sekcam:i_kasubag]
    assert "Kasubag Alpha" in blok_sekcam and "Plt." in blok_sekcam
    assert "Sekcam Alpha" not in blok_sekcam


def test_bagan_menandai_jabatan_lowong(persona, masuk):
    Jabatan.objects.create(
        instansi=persona.a.instansi, nama="Kasi Trantib", atasan=persona.a.j_camat
    )
    isi = masuk(persona.a.staf).get(f"/instansi/{persona.a.instansi.pk}/").content.decode()
    blok = isi[isi.index('data-jabatan="Kasi Trantib"') :]
    assert "lowong" in blok[:600]


def test_bagan_jumlah_query_tidak_tumbuh_dengan_jabatan(
    persona, masuk, django_assert_max_num_queries
):
    c = masuk(persona.a.staf)
    url = f"/instansi/{persona.a.instansi.pk}/"
    with django_assert_max_num_queries(15) as sedikit:  # the menu's badges included
        c.get(url)
    for n in range(40):
        j = Jabatan.objects.create(
            instansi=persona.a.instansi, nama=f"Kasi {n}", atasan=persona.a.j_camat
        )
        testing.buat_pegawai(f"kasi{n}.a", instansi=persona.a.instansi, jabatan=j)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        r = c.get(url)
    assert r.content.decode().count('class="simpul"') == 44


def test_daftar_pegawai_jumlah_query_terbatas_dan_pencarian(
    persona, masuk, django_assert_max_num_queries
):
    for n in range(30):
        testing.buat_pegawai(
            f"p{n}.a",
            nama=f"Pegawai Nomor {n}",
            instansi=persona.a.instansi,
            jabatan=persona.a.j_staf,
        )
    c = masuk(persona.a.kasubag)
    url = reverse("organisasi:pegawai_daftar", args=[persona.a.instansi.pk])
    # fixed cost: session, user, scope, menu counts (tasks, notifications); none per row
    with django_assert_max_num_queries(14):
        isi = c.get(url).content.decode()
    assert isi.count("Pegawai Nomor") == 30
    assert "Staf Beta" not in isi
    # htmx search returns only the table fragment
    r = c.get(url, {"q": "Nomor 7"}, HTTP_HX_REQUEST="true")
    fragmen = r.content.decode()
    assert (
        "<html" not in fragmen and "Pegawai Nomor 7" in fragmen and "Pegawai Nomor 8" not in fragmen
    )
    # the NIP can be searched as printed, with spaces
    isi = c.get(url, {"q": persona.a.camat.nip_tampil}).content.decode()
    assert "Camat Alpha" in isi and "Pegawai Nomor" not in isi


def test_detail_jabatan_dan_pegawai(persona, masuk):
    _plt(persona)
    c = masuk(persona.a.camat)
    isi = c.get(f"/jabatan/{persona.a.j_sekcam.pk}/").content.decode()
    assert "Kasubag Alpha" in isi and "Plt." in isi and "Camat" in isi
    isi = c.get(f"/pegawai/{persona.a.kasubag.pk}/").content.decode()
    assert "Plt. Sekretaris Camat" in isi and persona.a.kasubag.nip_tampil in isi
