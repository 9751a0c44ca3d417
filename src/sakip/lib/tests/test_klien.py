"""The one client-address hash, shared by the public survey and the verification page."""

from sakip.ikm.publik import sidik_pengirim
from sakip.lib.klien import jaringan, sidik_jaringan
from sakip.surat.tte import batas


def test_ipv6_dihitung_per_64_dan_ipv4_terpetakan_sebagai_ipv4():
    assert (
        jaringan("2001:db8:1:2:aaaa::1")
        == jaringan("2001:db8:1:2:bbbb::9")
        == ("2001:db8:1:2::/64")
    )
    assert jaringan("::ffff:10.0.0.7") == jaringan(" 10.0.0.7 ") == "10.0.0.7"
    assert jaringan(None) == jaringan("") == ""
    assert jaringan("bukan-alamat") == "bukan-alamat"


def test_survei_dan_verifikasi_memakai_satu_fungsi_dengan_garamnya_sendiri():
    alamat = "2001:db8:1:2:aaaa::1"
    assert sidik_pengirim(alamat) == sidik_jaringan(alamat, "sakip.ikm.publik.sidik")
    assert batas.sidik(alamat) == sidik_jaringan(alamat, "sakip.surat.verifikasi.sidik")
    assert sidik_pengirim(alamat) != batas.sidik(alamat)  # one counter's key is not the other's
    assert len(batas.sidik(alamat)) == 64 and alamat not in batas.sidik(alamat)
