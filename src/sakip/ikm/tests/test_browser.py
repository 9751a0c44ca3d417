"""In Chromium (desktop): staff type three paper questionnaires into the entry grid with
the keyboard only (answers jump to the next box), one with a typo is refused with the row
marked and nothing stored, then corrected; the period page shows the new index."""

import pytest

from sakip import testing
from sakip.ikm.models import Responden
from sakip.ikm.tests import bangun

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


_masuk = testing.masuk_peramban


def _ketik_baris(page, nomor: int, jk: str, usia: str, jawaban: str) -> None:
    jenis_kelamin = page.get_by_label(f"Jenis kelamin {nomor}", exact=True)
    jenis_kelamin.focus()
    jenis_kelamin.select_option(jk)
    page.keyboard.press("Tab")
    page.keyboard.type(usia)
    page.keyboard.press("Tab")
    page.keyboard.press("S")  # type-ahead in the select: SD → SMP → SMA
    page.keyboard.press("Tab")
    page.keyboard.press("W")  # Wirausaha
    page.keyboard.press("Tab")
    page.keyboard.type(jawaban)  # nine digits: the grid moves on after each one


def test_entri_kuesioner_kertas_dengan_papan_ketik(persona, live_server, browser, tangkapan):
    import datetime

    a = persona.a
    bangun.layanan(a, "Surat Keterangan")
    p = bangun.periode(a, tahun=datetime.date.today().year, populasi=100)
    page = _masuk(browser, live_server, a.staf)
    page.goto(f"{live_server.url}/ikm/periode/{p.pk}/")
    assert page.locator("#nilai-ikm").inner_text() == "—"
    page.get_by_role("link", name="Entri kuesioner kertas").click()

    _ketik_baris(page, 1, "L", "34", "444444444")
    # after the ninth answer the focus is in the suggestion box of row 1
    assert page.evaluate("document.activeElement.name") == "b-1-saran"
    page.keyboard.type("Antrean tertib")
    page.keyboard.press("Enter")  # to the next row, not submitting
    assert page.evaluate("document.activeElement.name") == "b-2-jenis_kelamin"
    _ketik_baris(page, 2, "P", "27", "333333333")
    page.keyboard.press("Enter")
    _ketik_baris(page, 3, "P", "51", "3333")
    page.keyboard.type("7")  # not an answer: refused in the box
    assert page.get_by_label("U5 baris 3", exact=True).input_value() == ""
    page.keyboard.type("33333")
    page.get_by_label("Usia 3", exact=True).fill("9")  # too young: the server refuses the row
    tangkapan(page, "grid-diisi")
    page.get_by_role("button", name="Simpan semua").click()
    page.locator("#baris-3.salah").wait_for()
    assert "Usia harus antara" in page.locator("#baris-3").inner_text()
    assert Responden.objects.count() == 0  # nothing stored while a row is wrong
    assert page.get_by_label("U1 baris 1", exact=True).input_value() == "4"  # typed rows kept
    page.get_by_label("Usia 3", exact=True).fill("51")
    page.keyboard.press("Control+Enter")
    page.get_by_text("3 kuesioner kertas disimpan.").wait_for()
    assert Responden.objects.filter(sumber="kertas", dicatat_oleh=a.staf).count() == 3

    page.goto(f"{live_server.url}/ikm/periode/{p.pk}/")
    assert page.locator("#jumlah-responden").inner_text() == "3"
    # (36 + 27 + 27) / 27 × 25 = 83,33
    assert page.locator("#nilai-ikm").inner_text() == "83,33"
    assert "Antrean tertib" in page.locator("#saran").inner_text()
    tangkapan(page, "hasil")
