from django import forms
from django.contrib.auth import authenticate, password_validation
from django.utils.translation import gettext_lazy as _

from sakip.organisasi.models import Pegawai

from . import pembatas


class MasukForm(forms.Form):
    identitas = forms.CharField(
        label=_("NIP atau nama pengguna"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    sandi = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "salah": _("NIP/nama pengguna atau kata sandi salah. Periksa kembali lalu coba lagi."),
    }

    def __init__(self, request=None, *args, ip: str | None = None, **kwargs):
        self.request = request
        self.ip = ip
        self.user: Pegawai | None = None
        self.jatah: pembatas.Jatah | None = None
        super().__init__(*args, **kwargs)

    @property
    def diblokir(self) -> bool:
        return self.jatah is not None and not self.jatah.boleh

    def clean(self):
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        if self.errors:
            return data
        # Counted before the password is checked, so a waiting guesser learns nothing.
        self.jatah = pembatas.ambil_jatah(data["identitas"], self.ip)
        if not self.jatah.boleh:
            raise pesan_diblokir(self.jatah)
        self.user = authenticate(self.request, username=data["identitas"], password=data["sandi"])
        if self.user is None:
            raise forms.ValidationError(self.error_messages["salah"], code="salah")
        return data


def pesan_diblokir(jatah: pembatas.Jatah) -> forms.ValidationError:
    return forms.ValidationError(
        _("Terlalu banyak percobaan masuk yang gagal. Tunggu %(menit)s menit, lalu coba lagi.")
        % {"menit": jatah.tunggu_menit},
        code="diblokir",
    )


class KodeForm(forms.Form):
    """The second step of signing in, and the confirmation of a new authenticator."""

    kode = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=20,
        help_text=_("6 angka dari aplikasi autentikator, atau satu kode pemulihan."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class GantiSandiForm(forms.Form):
    sandi_lama = forms.CharField(
        label=_("Kata sandi lama"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    sandi_baru1 = forms.CharField(
        label=_("Kata sandi baru"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 8 karakter, tidak hanya angka, tidak mirip nama atau NIP."),
    )
    sandi_baru2 = forms.CharField(
        label=_("Ulangi kata sandi baru"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_sandi_lama(self):
        lama = self.cleaned_data["sandi_lama"]
        if not self.user.check_password(lama):
            raise forms.ValidationError(_("Kata sandi lama salah."), code="sandi_lama_salah")
        return lama

    def clean(self):
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        baru1, baru2 = data.get("sandi_baru1"), data.get("sandi_baru2")
        if baru1 and baru2:
            if baru1 != baru2:
                self.add_error("sandi_baru2", _("Kedua kata sandi baru tidak sama."))
            else:
                try:
                    password_validation.validate_password(baru1, self.user)
                except forms.ValidationError as exc:
                    self.add_error("sandi_baru1", exc)
        return data


class TokenForm(forms.Form):
    nama = forms.CharField(
        label=_("Nama token"),
        max_length=100,
        help_text=_("Untuk apa token ini dipakai, mis. “Dasbor Bappeda”."),
    )
