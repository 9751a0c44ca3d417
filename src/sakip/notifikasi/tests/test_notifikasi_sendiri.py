"""Notifications: each person reads only their own, counts follow reading, mail goes once.

Kasubag Alpha receives a task notification; Kasubag Beta (another agency of the same
Pemda) and Staf Alpha (a colleague) must not see it, count it, or open it.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from sakip.notifikasi import services
from sakip.notifikasi.models import Notifikasi

LENCANA = '<span class="lencana angka-nav">{}</span>'


@pytest.fixture
def kasubag_a(persona):
    k = persona.a.kasubag
    k.email = "kasubag.alpha@kec-a.go.id"
    k.save(update_fields=["email"])
    return k


def _jumlah_di_lencana(resp) -> int:
    return resp.context["jumlah_notifikasi"]


def test_notifikasi_hanya_tampil_untuk_penerimanya(persona, kasubag_a, masuk):
    assert services.kirim(
        penerima=kasubag_a,
        judul="Tugas baru: Laporan Bulanan Januari — langkah 2",
        isi="Susun draf laporan",
        tautan="/sop/tugas/1/",
    )
    resp = masuk(kasubag_a).get(reverse("notifikasi:daftar"))
    assert resp.status_code == 200
    halaman = resp.content.decode()
    assert "Tugas baru: Laporan Bulanan Januari" in halaman
    assert "Susun draf laporan" in halaman
    assert _jumlah_di_lencana(resp) == 1 and LENCANA.format(1) in halaman

    for orang in (persona.b.kasubag, persona.a.staf):
        resp = masuk(orang).get(reverse("notifikasi:daftar"))
        halaman = resp.content.decode()
        assert "Laporan Bulanan Januari" not in halaman
        assert "Belum ada notifikasi." in halaman
        assert _jumlah_di_lencana(resp) == 0 and 'class="lencana angka-nav"' not in halaman


def test_membuka_satu_lalu_menandai_semua_mengubah_hitungan(persona, kasubag_a, masuk):
    beta = persona.b.kasubag
    for i in (1, 2, 3):
        services.kirim(penerima=kasubag_a, judul=f"Tugas {i}", tautan=f"/sop/tugas/{i}/")
    services.kirim(penerima=beta, judul="Tugas Beta")
    klien = masuk(kasubag_a)
    assert _jumlah_di_lencana(klien.get(reverse("notifikasi:daftar"))) == 3

    kedua = Notifikasi.objects.get(judul="Tugas 2")
    resp = klien.post(reverse("notifikasi:buka", args=[kedua.pk]))
    assert resp.status_code == 302 and resp["Location"] == "/sop/tugas/2/"
    kedua.refresh_from_db()
    assert kedua.dibaca_pada is not None
    resp = klien.get(reverse("notifikasi:daftar"))
    assert _jumlah_di_lencana(resp) == 2 and LENCANA.format(2) in resp.content.decode()
    belum = Notifikasi.objects.filter(penerima=kasubag_a, dibaca_pada__isnull=True)
    assert sorted(belum.values_list("judul", flat=True)) == ["Tugas 1", "Tugas 3"]

    # Opening it again keeps the first reading time.
    dibaca = kedua.dibaca_pada
    klien.post(reverse("notifikasi:buka", args=[kedua.pk]))
    kedua.refresh_from_db()
    assert kedua.dibaca_pada == dibaca

    resp = klien.post(reverse("notifikasi:baca_semua"))
    assert resp.status_code == 302 and resp["Location"] == reverse("notifikasi:daftar")
    assert _jumlah_di_lencana(klien.get(reverse("notifikasi:daftar"))) == 0
    # Beta's notification is not touched by Alpha's "mark all".
    assert Notifikasi.objects.get(judul="Tugas Beta").dibaca_pada is None
    assert _jumlah_di_lencana(masuk(beta).get(reverse("notifikasi:daftar"))) == 1


def test_tandai_dibaca_menghitung_yang_berubah_dan_aman_diulang(persona, kasubag_a):
    services.kirim(penerima=kasubag_a, judul="Satu")
    services.kirim(penerima=kasubag_a, judul="Dua")
    satu = Notifikasi.objects.get(judul="Satu")
    # Beta cannot mark Alpha's notification read through the service either.
    assert services.tandai_dibaca(aktor=persona.b.kasubag, notifikasi=satu) == 0
    assert services.tandai_dibaca(aktor=kasubag_a, notifikasi=satu) == 1
    assert services.tandai_dibaca(aktor=kasubag_a, notifikasi=satu) == 0
    assert services.tandai_dibaca(aktor=kasubag_a) == 1
    assert services.tandai_dibaca(aktor=kasubag_a) == 0


def test_tautan_ke_situs_lain_tidak_diikuti(kasubag_a, masuk):
    services.kirim(penerima=kasubag_a, judul="Pancingan", tautan="https://jahat.example/masuk")
    n = Notifikasi.objects.get()
    resp = masuk(kasubag_a).post(reverse("notifikasi:buka", args=[n.pk]))
    assert resp.status_code == 302 and resp["Location"] == reverse("notifikasi:daftar")


def test_notifikasi_orang_lain_menjawab_404(persona, kasubag_a, masuk):
    services.kirim(penerima=kasubag_a, judul="Rahasia Alpha", tautan="/sop/tugas/1/")
    n = Notifikasi.objects.get()
    url = reverse("notifikasi:buka", args=[n.pk])
    for orang in (persona.b.kasubag, persona.a.staf, persona.admin_pemda):
        assert masuk(orang).post(url).status_code == 404
    assert masuk(persona.a.staf).post(
        reverse("notifikasi:buka", args=[n.pk + 999])
    ).status_code == (404)
    n.refresh_from_db()
    assert n.dibaca_pada is None  # nobody else's click read it


def test_membuka_notifikasi_hanya_dengan_post_dan_masuk(client, kasubag_a, masuk):
    services.kirim(penerima=kasubag_a, judul="Tugas", tautan="/sop/tugas/1/")
    url = reverse("notifikasi:buka", args=[Notifikasi.objects.get().pk])
    resp = client.post(url)
    assert resp.status_code == 302 and reverse("akun:masuk") in resp["Location"]
    assert masuk(kasubag_a).get(url).status_code == 405
    assert Notifikasi.objects.get().dibaca_pada is None


# --- email ------------------------------------------------------------------------------


def test_email_dikirim_sekali_setelah_commit(
    kasubag_a, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://sakip.contoh.go.id/"
    with django_capture_on_commit_callbacks(execute=True) as tertunda:
        assert services.kirim(
            penerima=kasubag_a,
            judul="Tugas baru: LB Januari",
            isi="Periksa draf",
            tautan="/sop/tugas/5/",
            kunci="tugas:5:baru",
        )
        # The same reminder again (a second worker, a retried job): no row, no mail.
        assert not services.kirim(
            penerima=kasubag_a, judul="Tugas baru: LB Januari", kunci="tugas:5:baru"
        )
        assert mailoutbox == []  # nothing leaves before the transaction commits
    assert len(tertunda) == 1
    assert len(mailoutbox) == 1
    surel = mailoutbox[0]
    assert surel.to == ["kasubag.alpha@kec-a.go.id"]
    assert surel.subject == "[SAKIP] Tugas baru: LB Januari"
    assert surel.body == "Periksa draf\n\nhttps://sakip.contoh.go.id/sop/tugas/5/"
    assert Notifikasi.objects.filter(penerima=kasubag_a).count() == 1


def test_kunci_sama_untuk_dua_penerima_keduanya_menerima(persona, kasubag_a):
    # The key deduplicates per person: the Sekcam's copy of the same reminder still arrives.
    assert services.kirim(penerima=kasubag_a, judul="Tenggat", kunci="tugas:7:terlambat")
    assert services.kirim(penerima=persona.a.sekcam, judul="Tenggat", kunci="tugas:7:terlambat")
    assert Notifikasi.objects.filter(kunci="tugas:7:terlambat").count() == 2


def test_subjek_email_tanpa_baris_baru(kasubag_a, mailoutbox, django_capture_on_commit_callbacks):
    # A title built from what someone typed (an SOP run's title) may carry a line break;
    # it must neither inject a header nor break the send.
    with django_capture_on_commit_callbacks(execute=True):
        services.kirim(penerima=kasubag_a, judul="Laporan Januari\r\nBcc: luar@contoh.com")
    assert len(mailoutbox) == 1
    subjek = mailoutbox[0].subject
    assert "\r" not in subjek and "\n" not in subjek
    assert "Laporan Januari" in subjek
    assert mailoutbox[0].bcc == [] and mailoutbox[0].recipients() == [kasubag_a.email]
    mailoutbox[0].message()  # the header is valid when serialised


def test_tanpa_alamat_email_hanya_notifikasi_aplikasi(
    persona, mailoutbox, django_capture_on_commit_callbacks
):
    staf = persona.b.staf
    assert staf.email == ""
    with django_capture_on_commit_callbacks(execute=True) as tertunda:
        assert services.kirim(penerima=staf, judul="Tugas baru")
    assert tertunda == [] and mailoutbox == []
    assert Notifikasi.objects.milik(staf).count() == 1


def test_server_surel_mati_tidak_membatalkan_notifikasi(
    kasubag_a, monkeypatch, django_capture_on_commit_callbacks
):
    def mati(*args, **kwargs):
        raise ConnectionRefusedError("smtp mati")

    monkeypatch.setattr(services, "send_mail", mati)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.kirim(penerima=kasubag_a, judul="Tetap tercatat")
    assert Notifikasi.objects.milik(kasubag_a).get().judul == "Tetap tercatat"
    assert len(mail.outbox) == 0


# --- the list page stays cheap ----------------------------------------------------------


@pytest.mark.parametrize("banyak", [3, 30])
def test_daftar_notifikasi_jumlah_kueri_terbatas(
    banyak, persona, kasubag_a, masuk, django_assert_max_num_queries
):
    for i in range(banyak):
        services.kirim(penerima=kasubag_a, judul=f"Tugas {i}", isi="Isi", tautan=f"/t/{i}/")
    services.kirim(penerima=persona.b.kasubag, judul="Tugas Beta")
    klien = masuk(kasubag_a)
    klien.get(reverse("notifikasi:daftar"))  # warm the session and caches
    # The same bound for 3 and 30: a query per row would break it at 30.
    with django_assert_max_num_queries(12):
        resp = klien.get(reverse("notifikasi:daftar"))
    assert resp.status_code == 200
    assert resp.content.decode().count('class="kartu belum-dibaca"') == banyak
    assert _jumlah_di_lencana(resp) == banyak
