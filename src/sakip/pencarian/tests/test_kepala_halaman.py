"""What every page's header carries: the search box (signed in) and the site icon, which
browsers also ask for at /favicon.ico (a 404 on every page before)."""

import re

import pytest


@pytest.mark.parametrize("berkas", ["/favicon.ico"])
def test_favicon_di_akar_situs(client, db, berkas):
    r = client.get(berkas)
    assert r.status_code == 200
    assert r["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    isi = b"".join(r.streaming_content) if r.streaming else r.content
    assert isi[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_tautan_ikon_menunjuk_berkas_yang_ada(persona, masuk, client):
    for siapa, halaman in ((None, "/akun/masuk/"), (persona.a.staf, "/")):
        c = masuk(siapa) if siapa else client
        isi = c.get(halaman).content.decode()
        ikon = re.findall(r'<link rel="icon" href="([^"]+)" type="([^"]+)"', isi)
        assert [t for _h, t in ikon] == ["image/svg+xml", "image/png"], halaman
        for href, jenis in ikon:
            r = c.get(href)
            assert r.status_code == 200 and r["Content-Type"] == jenis, href


def test_kotak_cari_hanya_untuk_yang_masuk(persona, masuk, client):
    assert 'role="search"' not in client.get("/akun/masuk/").content.decode()
    isi = masuk(persona.a.staf).get("/").content.decode()
    assert '<form class="cari-kepala" role="search" method="get" action="/cari/">' in isi
