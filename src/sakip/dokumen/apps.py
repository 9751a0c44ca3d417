from django.apps import AppConfig


class DokumenConfig(AppConfig):
    name = "sakip.dokumen"
    verbose_name = "Templat dan kop dokumen"
