from django.contrib.auth.backends import ModelBackend

from sakip.organisasi.models import Pegawai
from sakip.organisasi.validators import normalisasi_nip


class NipAtauUsernameBackend(ModelBackend):
    """Sign in with the NIP (spaces allowed, as printed) or the username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        nip = normalisasi_nip(username)
        try:
            if nip.isdigit() and len(nip) == 18:
                user = Pegawai.objects.get(nip=nip)
            else:
                user = Pegawai.objects.get(username__iexact=username.strip())
        except (Pegawai.DoesNotExist, Pegawai.MultipleObjectsReturned):
            Pegawai().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
