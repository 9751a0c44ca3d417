"""Electronic signatures (TTE): pluggable signers, the Lembar Pengesahan, verification."""

from .penanda import PassphraseSalah, TteGagal

__all__ = ["PassphraseSalah", "TteGagal"]
