"""API authentication: a personal token (Bearer) or the browser session."""

from ninja.security import HttpBearer, django_auth


class TokenBearer(HttpBearer):
    def authenticate(self, request, token):
        from sakip.akun.services import pegawai_dari_token

        user = pegawai_dari_token(token)
        if user is not None:
            request.user = user
        return user


API_AUTH = [TokenBearer(), django_auth]
