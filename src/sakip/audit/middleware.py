import re
import uuid

from sakip.lib.middleware_keamanan import ip_klien

from .context import KonteksPermintaan, lepas_konteks, pasang_konteks

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _ip_klien(request) -> str | None:
    # One reading of the client address for the whole app (trusted proxies only).
    return ip_klien(request)


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
