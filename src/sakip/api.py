"""The JSON API at /api/ with OpenAPI docs at /api/docs.

Its contract (pagination bounds, the `Galat` error body, control characters refused) is
`sakip.lib.api`'s; `lib/tests/test_api_kontrak.py` fuzzes every operation against it.
"""

from sakip.ikm.api import router as ikm_router
from sakip.lib.api import SakipAPI, tolak_kontrol_masukan
from sakip.lib.api_auth import API_AUTH
from sakip.organisasi.api import router as organisasi_router
from sakip.pencarian.api import router as pencarian_router
from sakip.pengukuran.api import router as pengukuran_router
from sakip.perencanaan.api import router as perencanaan_router
from sakip.sop.api import router as sop_router
from sakip.surat.api import router as surat_router

api = SakipAPI(
    title="SAKIP API",
    version="1",
    description="API SAKIP. Autentikasi: `Authorization: Bearer <token>` (buat token di "
    "halaman Token API) atau sesi peramban. Setiap data dibatasi pada instansi dan peran "
    "pengguna; data instansi lain dijawab 404. Daftar memakai `limit` (1–500, bawaan 100) "
    "dan `offset` (0–1.000.000.000). Setiap galat dijawab `{detail, pesan}` dalam bahasa "
    "Indonesia; teks dengan karakter kendali (mis. NUL) ditolak dengan 422.",
    auth=API_AUTH,
    urls_namespace="api",
)
api.add_decorator(tolak_kontrol_masukan)
api.add_router("/", organisasi_router)
api.add_router("/", sop_router)
api.add_router("/", perencanaan_router)
api.add_router("/", pengukuran_router)
api.add_router("/", ikm_router)
api.add_router("/", surat_router)
api.add_router("/", pencarian_router)
