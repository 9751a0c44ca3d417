"""The JSON API at /api/ with OpenAPI docs at /api/docs."""

from django.http import Http404
from ninja import NinjaAPI

from sakip.ikm.api import router as ikm_router
from sakip.lib.api_auth import API_AUTH
from sakip.organisasi.api import router as organisasi_router
from sakip.pencarian.api import router as pencarian_router
from sakip.pengukuran.api import router as pengukuran_router
from sakip.perencanaan.api import router as perencanaan_router
from sakip.sop.api import router as sop_router
from sakip.surat.api import router as surat_router

api = NinjaAPI(
    title="SAKIP API",
    version="1",
    description="API SAKIP. Autentikasi: `Authorization: Bearer <token>` (buat token di "
    "halaman Token API) atau sesi peramban. Setiap data dibatasi pada instansi dan peran "
    "pengguna; data instansi lain dijawab 404.",
    auth=API_AUTH,
    urls_namespace="api",
)
api.add_router("/", organisasi_router)
api.add_router("/", sop_router)
api.add_router("/", perencanaan_router)
api.add_router("/", pengukuran_router)
api.add_router("/", ikm_router)
api.add_router("/", surat_router)
api.add_router("/", pencarian_router)


@api.exception_handler(Http404)
def tidak_ditemukan(request, exc):
    return api.create_response(request, {"detail": "Data tidak ditemukan."}, status=404)
