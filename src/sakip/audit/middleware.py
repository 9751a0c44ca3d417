import re
import uuid

from django.conf import settings

from .context import KonteksPermintaan, lepas_konteks, pasang_konteks

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _ip_klien(request) -> str | None:
    # Behind a reverse proxy, trust X-Forwarded-For only when told to.
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Gives each request an id (or keeps the proxy's) and remembers the client address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = pasang_konteks(KonteksPermintaan(request.request_id, _ip_klien(request)))
        try:
            response = self.get_response(request)
        finally:
            lepas_konteks(token)
        response["X-Request-ID"] = request.request_id
        return response
