"""The QR helper: the drawing is exactly qrcode's matrix, framed by the quiet zone."""

import base64
import re

import qrcode
import qrcode.constants

from sakip.ikm.qr import TEPI, data_uri_qr, svg_qr

URL = "https://sakip.contoh.go.id/survei/KEC-A/izin-usaha/"


def _gambar_ulang(svg: str) -> list[list[bool]]:
    """Read the <path> runs back into a grid of dark modules."""
    sisi = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    grid = [[False] * sisi for _ in range(sisi)]
    for x, y, w in re.findall(r"M(\d+),(\d+)h(\d+)v1h-\3z", svg):
        for dx in range(int(w)):
            grid[int(y)][int(x) + dx] = True
    return grid


def test_svg_memuat_matriks_qr_dengan_tepi_diam():
    svg = svg_qr(URL, 60)
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=TEPI)
    qr.add_data(URL)
    qr.make(fit=True)
    assert _gambar_ulang(svg) == qr.get_matrix()
    assert 'width="60mm" height="60mm"' in svg
    assert 'aria-label="Kode QR: https://sakip.contoh.go.id/survei/KEC-A/izin-usaha/"' in svg
    assert ' id="' not in svg  # several codes may share one page


def test_tanpa_ukuran_mengisi_wadah_dan_label_di_escape():
    svg = svg_qr("a<b", label='Kode "x"')
    assert "width=" not in svg.split(">", 1)[0]
    assert 'aria-label="Kode &quot;x&quot;"' in svg


def test_data_uri():
    uri = data_uri_qr(URL)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode().startswith("<svg ")
