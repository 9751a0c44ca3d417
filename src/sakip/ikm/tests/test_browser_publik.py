"""In Chromium on a phone: a resident who was just served at Kecamatan Alpha scans the
counter poster, picks the service, answers the survey by tapping the answer labels and
sees the thank-you page. The Kasubag, watching the period's results, sees one more
respondent and the IKM move exactly as the answers say."""

from decimal import Decimal

import pytest

from sakip import testing
from sakip.ikm import publik
from sakip.ikm.models import Responden
from sakip.ikm.responden import catat_responden

from .test_publik_bangun import buat_layanan, buat_periode, jawaban

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (answer tapped for U1 … U9) — the labels of data/unsur.yaml for these values
DIPILIH = [4, 3, 4, 4, 2, 4, 4, 3, 4]


def _ikm(semua: list[list[int]]) -> Decimal:
    """IKM = Σ NRR_i × 1/9 × 25, NRR_i = the mean answer of element i (docs/domain.md §9)."""
    n = len(semua)
    nrr = [Decimal(sum(r[i] for r in semua)) / n for i in range(9)]
    return sum(nrr) / 9 * 25


def _angka_tampil(teks: str) -> Decimal:
    """'79,63' (Indonesian display) → Decimal('79.63')."""
    return Decimal(teks.strip().replace(".", "").replace(",", "."))


_masuk = testing.masuk_peramban


def test_warga_mengisi_survei_di_ponsel_lalu_ikm_bertambah(
    persona, live_server, browser, halaman_ponsel, tangkapan, monkeypatch
):
    # A person needs more than three seconds; Playwright does not: no minimum here
    # (test_publik covers the too-fast path).
    monkeypatch.setattr(publik, "WAKTU_ISI_MIN", 0)
    a = persona.a
    layanan = buat_layanan(a, nama="Rekomendasi Izin Usaha Mikro", slug="izin-usaha")
    buat_layanan(a, nama="Surat Keterangan Pindah", slug="pindah", urutan=1)
    periode = buat_periode(a)
    lama = [[3] * 9, [2, 3, 3, 4, 3, 2, 3, 3, 3]]  # two paper questionnaires typed in earlier
    for nilai in lama:
        catat_responden(
            periode=periode, layanan=layanan, data=jawaban(nilai), sumber="kertas", aktor=a.staf
        )

    kasubag = _masuk(browser, live_server, a.kasubag)
    kasubag.goto(f"{live_server.url}/ikm/periode/{periode.pk}/")
    assert kasubag.locator("#jumlah-responden").inner_text().strip() == "2"
    ikm_sebelum = _angka_tampil(kasubag.locator("#nilai-ikm").inner_text())
    assert abs(ikm_sebelum - _ikm(lama)) <= Decimal("0.005")

    # --- the resident, no account, on a phone
    warga = halaman_ponsel
    warga.goto(f"{live_server.url}/survei/KEC-A/")
    warga.get_by_role("heading", name="Survei Kepuasan Masyarakat").wait_for()
    warga.get_by_role("link", name="Rekomendasi Izin Usaha Mikro").click()
    warga.locator("#nama-layanan").get_by_text("Rekomendasi Izin Usaha Mikro").wait_for()
    assert warga.evaluate("document.documentElement.scrollWidth") <= 390

    warga.get_by_role("group", name="Jenis kelamin").get_by_text("Perempuan").click()
    warga.get_by_label("Usia (tahun)").fill("29")
    warga.get_by_role("group", name="Pendidikan").get_by_text("S1", exact=True).click()
    warga.get_by_role("group", name="Pekerjaan").get_by_text("Wirausaha").click()
    for i, nilai in enumerate(DIPILIH, start=1):
        kelompok = warga.locator(f"#pertanyaan-u{i}")
        label = kelompok.locator("label.pilihan").nth(nilai - 1)
        label.click()  # the whole card is the tap target, not only the small circle
        assert kelompok.get_by_role("radio").nth(nilai - 1).is_checked()
    # the answer cards are comfortably large for a thumb
    tinggi = warga.locator("#pertanyaan-u1 label.pilihan").first.bounding_box()["height"]
    assert tinggi >= 44, tinggi
    warga.get_by_label("Apa yang perlu kami perbaiki?").fill("Mohon tambah kursi tunggu.")
    tangkapan(warga, "formulir-terisi")
    warga.get_by_role("button", name="Kirim jawaban").click()

    warga.get_by_role("heading", name="Terima kasih!").wait_for()
    assert "/survei/terima-kasih/" in warga.url
    tangkapan(warga, "terima-kasih")
    baru = Responden.objects.get(sumber=Responden.Sumber.DARING)
    assert [baru.jawaban[f"U{i}"] for i in range(1, 10)] == DIPILIH
    assert (baru.jenis_kelamin, baru.usia, baru.pendidikan, baru.pekerjaan) == (
        "P",
        29,
        "S1",
        "Wirausaha",
    )
    assert baru.saran == "Mohon tambah kursi tunggu."

    # --- the Kasubag reloads the period's results
    kasubag.reload()
    assert kasubag.locator("#jumlah-responden").inner_text().strip() == "3"
    ikm_sesudah = _angka_tampil(kasubag.locator("#nilai-ikm").inner_text())
    harapan = _ikm([*lama, DIPILIH])
    assert abs(ikm_sesudah - harapan) <= Decimal("0.005"), (ikm_sesudah, harapan)
    assert ikm_sesudah != ikm_sebelum
    tangkapan(kasubag, "hasil-periode")
    kasubag.context.close()
