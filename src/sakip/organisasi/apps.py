from django.apps import AppConfig


class OrganisasiConfig(AppConfig):
    name = "sakip.organisasi"
    verbose_name = "Organisasi"
