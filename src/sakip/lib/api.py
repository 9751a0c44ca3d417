"""What every API operation shares: pagination bounds, the error shape, input hygiene.

- `Halaman` is the one pagination of list endpoints: `limit` 1..500 and `offset`
  0..10^9, so a client's `?offset=99999999999999999999` is a 422, never a bigint overflow
  in the database (a 500). `Id`, a row id in a body, is bounded the same way.
- `Galat` is the one error body: `{"detail": "<Indonesian sentence>", "pesan": [...]}`.
  Request validation (ninja's 422), a body that is not JSON (400), authentication (401),
  a missing row (404) and a refused control character all answer in it.
- `SakipAPI` documents 400, 401, 404 and 422 on the operations where they can happen, so the
  published schema (`/api/openapi.json`) names every status an operation answers;
  `src/sakip/lib/tests/test_api_kontrak.py` fuzzes the API against that schema.
- `Tahun`, `Bulan`, `Angka`, `Uang` and `Teks…` bound a request's numbers and strings
  as the columns that store them do (a year 2000..2100, a month 1..12, a Decimal with the
  model's digits, a string no longer than its `max_length`): a value the database would
  refuse (integer or numeric overflow, a too-long varchar on PostgreSQL) is a 422 first.
- `tolak_kontrol_masukan` refuses NUL and other control characters in any query value
  or JSON string before a view runs: PostgreSQL cannot store NUL and would answer 500.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination

from sakip.lib import teks

BATAS_LIMIT = 500
BATAS_OFFSET = 10**9
BATAS_ID = 2**63 - 1  # the largest bigint primary key

# A row's id in a request body: positive and within bigint, so a lookup such as
# `pk__in=[…]` never overflows the database driver (SQLite raises OverflowError).
Id = Annotated[int, Field(ge=1, le=BATAS_ID)]

# A plan or report year, and a month. A `PositiveIntegerField` holds up to 2^31 - 1, but
# no SAKIP document is dated outside this range, so a wider value is a typing error.
TAHUN_AWAL, TAHUN_AKHIR = 2000, 2100
Tahun = Annotated[int, Field(ge=TAHUN_AWAL, le=TAHUN_AKHIR)]
Bulan = Annotated[int, Field(ge=1, le=12)]

# Decimals as their columns store them (`ANGKA` and `UANG` of perencanaan and pengukuran
# models): more digits would overflow PostgreSQL's numeric (a 500) or be rounded silently.
Angka = Annotated[Decimal, Field(max_digits=20, decimal_places=4)]
Uang = Annotated[Decimal, Field(max_digits=18, decimal_places=2)]

# Strings as long as the column they fill (`max_length`), so PostgreSQL never refuses
# one (a 500). A long free text stored in a TextField is bounded all the same, so one
# request cannot store megabytes that every page listing it would then render.
TEKS_PANJANG = 10_000
Teks50 = Annotated[str, Field(max_length=50)]
Teks300 = Annotated[str, Field(max_length=300)]
Teks500 = Annotated[str, Field(max_length=500)]
TeksPanjang = Annotated[str, Field(max_length=TEKS_PANJANG)]


class Galat(Schema):
    """The body of every error answer: one sentence, and the single messages if several.

    `pesan` may be left out (a 401 or 404 has one sentence only).
    """

    detail: str
    pesan: list[str] = []


class Halaman(LimitOffsetPagination):
    """Limit/offset pagination with both numbers range-checked (422 outside the range)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=BATAS_LIMIT)
        offset: int = Field(0, ge=0, le=BATAS_OFFSET)


# pydantic's error types in the words a user of the API reads.
_JENIS_GALAT = {
    "missing": "wajib diisi",
    "int_parsing": "harus bilangan bulat",
    "int_type": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "float_parsing": "harus bilangan",
    "float_type": "harus bilangan",
    "decimal_parsing": "harus bilangan desimal",
    "decimal_type": "harus bilangan desimal",
    "bool_parsing": "harus true atau false",
    "bool_type": "harus true atau false",
    "string_type": "harus teks",
    "date_parsing": "harus tanggal (YYYY-MM-DD)",
    "date_from_datetime_parsing": "harus tanggal (YYYY-MM-DD)",
    "date_type": "harus tanggal (YYYY-MM-DD)",
    "list_type": "harus daftar",
    "model_type": "harus objek JSON",
    "model_attributes_type": "harus objek JSON",
    "dict_type": "harus objek JSON",
    "json_invalid": "bukan JSON yang sah",
    "finite_number": "harus bilangan terhingga",
}


def _uraian(error: dict[str, Any]) -> str:
    """One pydantic error as `medan: alasan`, in Indonesian."""
    loc = [str(x) for x in error.get("loc", ()) if x not in ("query", "body", "path", "data")]
    medan = ".".join(loc) or "permintaan"
    jenis = error.get("type", "")
    ctx = error.get("ctx") or {}
    if jenis in ("less_than_equal", "less_than"):
        alasan = f"paling besar {ctx.get('le', ctx.get('lt'))}"
    elif jenis in ("greater_than_equal", "greater_than"):
        alasan = f"paling kecil {ctx.get('ge', ctx.get('gt'))}"
    elif jenis == "string_too_long":
        alasan = f"paling panjang {ctx.get('max_length')} karakter"
    elif jenis == "decimal_max_digits":
        alasan = f"paling banyak {ctx.get('max_digits')} digit"
    elif jenis == "decimal_max_places":
        alasan = f"paling banyak {ctx.get('decimal_places')} angka di belakang koma"
    elif jenis == "decimal_whole_digits":
        alasan = f"paling banyak {ctx.get('whole_digits')} digit sebelum koma"
    elif jenis == "too_long":
        alasan = f"paling banyak {ctx.get('max_length')} butir"
    elif jenis == "value_error":
        # Our own validators (control characters, one line) raise Indonesian messages.
        alasan = str(ctx.get("error") or error.get("msg", "")).removeprefix("Value error, ")
    else:
        alasan = _JENIS_GALAT.get(jenis, "tidak sah")
    return f"{medan}: {alasan}"


def _galat_validasi(request, exc: ValidationError, api: NinjaAPI):
    pesan = [_uraian(e) for e in exc.errors]
    detail = "Data permintaan tidak sah: " + "; ".join(pesan) + "."
    return api.create_response(request, {"detail": detail, "pesan": pesan}, status=422)


def _galat_masuk(request, exc: AuthenticationError, api: NinjaAPI):
    detail = "Autentikasi diperlukan: kirim `Authorization: Bearer <token>` atau masuk dulu."
    return api.create_response(request, {"detail": detail}, status=401)


def _galat_http(request, exc: HttpError, api: NinjaAPI):
    detail = str(exc)
    if exc.status_code == 400 and detail.startswith("Cannot parse request body"):
        detail = "Isi permintaan bukan JSON yang sah."  # ninja's own words are English
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


def _tidak_ditemukan(request, exc: Http404, api: NinjaAPI):
    return api.create_response(request, {"detail": "Data tidak ditemukan."}, status=404)


# --------------------------------------------------------------------- control characters


def _teks_dalam(nilai: Any):
    """Every string inside a decoded JSON value (keys included)."""
    if isinstance(nilai, str):
        yield nilai
    elif isinstance(nilai, dict):
        for k, v in nilai.items():
            yield k
            yield from _teks_dalam(v)
    elif isinstance(nilai, list):
        for v in nilai:
            yield from _teks_dalam(v)


def _masukan_kendali(request) -> list[str]:
    """Where the request carries a refused control character (NUL, ESC, …)."""
    salah = []
    for kunci, nilai in request.GET.lists():
        pesan = _kendali([kunci, *nilai])
        if pesan:
            salah.append(f"{kunci}: {pesan}")
    if request.body and "json" in request.content_type:
        try:
            isi = json.loads(request.body)
        except ValueError:
            return salah  # ninja answers a body that is not JSON itself
        pesan = _kendali(_teks_dalam(isi))
        if pesan:
            salah.append(f"body: {pesan}")
    return salah


def _kendali(nilai) -> str:
    """The message for the first string that holds a refused control character, or ""."""
    for v in nilai:
        try:
            teks.tolak_kontrol(v)
        except DjangoValidationError as exc:
            return " ".join(exc.messages)
    return ""


def tolak_kontrol_masukan(view):
    """Operation decorator: 422 when a query value or JSON string holds a control character.

    Runs after authentication and parsing, before the view: nothing reaches the
    database or a mail header with NUL in it.
    """

    @functools.wraps(view)
    def dibungkus(request, *args, **kwargs):
        salah = _masukan_kendali(request)
        if salah:
            raise ValidationError(
                [{"loc": (), "type": "value_error", "ctx": {"error": s}} for s in salah]
            )
        return view(request, *args, **kwargs)

    return dibungkus


def satu_baris(nilai: str) -> str:
    """pydantic validator for a single-line text (an SOP run's title): no CR/LF, no control."""
    try:
        teks.satu_baris(nilai)
    except DjangoValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from None
    return nilai


# --------------------------------------------------------------------- the API itself

_REF_GALAT = {"$ref": "#/components/schemas/Galat"}


def _jawaban_galat(uraian: str) -> dict:
    return {"description": uraian, "content": {"application/json": {"schema": _REF_GALAT}}}


class SakipAPI(NinjaAPI):
    """NinjaAPI whose errors answer `Galat` and whose schema documents them."""

    def set_default_exception_handlers(self) -> None:
        super().set_default_exception_handlers()
        self.add_exception_handler(ValidationError, functools.partial(_galat_validasi, api=self))
        self.add_exception_handler(AuthenticationError, functools.partial(_galat_masuk, api=self))
        self.add_exception_handler(HttpError, functools.partial(_galat_http, api=self))
        self.add_exception_handler(Http404, functools.partial(_tidak_ditemukan, api=self))

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        komponen = schema.setdefault("components", {}).setdefault("schemas", {})
        komponen["Galat"] = Galat.model_json_schema(ref_template="#/components/schemas/{model}")
        for operasi_jalur in schema["paths"].values():
            for operasi in operasi_jalur.values():
                _dokumentasikan_galat(operasi)
        return schema


def _dokumentasikan_galat(operasi: dict) -> None:
    """401 always (every operation needs a user); 404 with a path id; 400 with a body
    (not JSON); 422 with any input."""
    jawaban = operasi["responses"]
    parameter = operasi.get("parameters", [])
    jawaban.setdefault(401, _jawaban_galat("Belum masuk atau token tidak sah"))
    if any(p["in"] == "path" for p in parameter):
        jawaban.setdefault(404, _jawaban_galat("Data tidak ditemukan atau di luar jangkauan"))
    if "requestBody" in operasi:
        jawaban.setdefault(400, _jawaban_galat("Isi permintaan bukan JSON yang sah"))
    if parameter or "requestBody" in operasi:
        jawaban.setdefault(422, _jawaban_galat("Masukan tidak sah (pesan dalam bahasa Indonesia)"))
