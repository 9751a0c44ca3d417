"""The one settings module, read from the environment (see README: Konfigurasi)."""

import secrets
from pathlib import Path

import dj_database_url

from sakip.lib.env import envbool, envint, envlist, envstr
from sakip.lib.penyimpanan import penyimpanan_default

PACKAGE_DIR = Path(__file__).resolve().parent
# Where the SQLite file, uploads and the generated secret key live.
DATA_DIR = Path(envstr("SAKIP_DATA_DIR", str(Path.cwd() / "var"))).resolve()


def _secret_key() -> str:
    """SECRET_KEY from env/file, else one generated once and kept in DATA_DIR."""
    key = envstr("SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = envstr("SITE_NAME", "SAKIP")
# The public address, for links in emails and QR codes.
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")
# How many reverse proxies in front of the app append to X-Forwarded-For (nginx: 1). The
# client address is the entry that many from the right; with 0 the header is ignored and
# REMOTE_ADDR counts (audit trail, sign-in throttling, survey limit: lib/middleware_keamanan).
# TRUST_X_FORWARDED_FOR=1, the older switch, means one proxy.
TRUST_X_FORWARDED_FOR = envbool("TRUST_X_FORWARDED_FOR", False)
SAKIP_PROXY_TEPERCAYA = envint("SAKIP_PROXY_TEPERCAYA", 1 if TRUST_X_FORWARDED_FOR else 0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "sakip.audit",
    "sakip.organisasi",
    "sakip.akun",
    "sakip.notifikasi",
    "sakip.antrian",
    "sakip.kalender",
    "sakip.sop",
    "sakip.perencanaan",
    "sakip.dokumen",
    "sakip.pengukuran",
    "sakip.laporan",
    "sakip.ikm",
    "sakip.surat",
    "sakip.pencarian",
    "sakip.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sakip.lib.middleware_keamanan.KebijakanKontenMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sakip.audit.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sakip.urls"
WSGI_APPLICATION = "sakip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sakip.portal.context_processors.navigasi",
            ],
            "builtins": ["sakip.lib.templatetags.format_id"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'sakip.sqlite3'}"
    )
}
_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# SAKIP_PGBOUNCER=1: connections go through PgBouncer in transaction mode (docs/deploy.md).
# A server connection then changes hands between transactions, so no cursor may outlive
# one (`.iterator()` would use a server-side cursor), and Django keeps no connection of its
# own: PgBouncer is the pool.
SAKIP_PGBOUNCER = envbool("SAKIP_PGBOUNCER", False)
# Seconds a web or queue worker keeps its database connection: on PostgreSQL a new one per
# request costs a backend process start and authentication each time; SQLite only opens
# a file. DB_CONN_MAX_AGE is the older name of the variable.
DATABASES["default"]["CONN_MAX_AGE"] = envint(
    "SAKIP_CONN_MAX_AGE", envint("DB_CONN_MAX_AGE", 60 if _POSTGRES and not SAKIP_PGBOUNCER else 0)
)
# A kept connection is pinged before a request uses it: one lost in a database restart is
# replaced instead of failing the request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if SAKIP_PGBOUNCER:
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and background jobs share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisasi.Pegawai"
AUTHENTICATION_BACKENDS = ["sakip.akun.backends.NipAtauUsernameBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "akun:masuk"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "akun:masuk"

# Sign-in throttling (akun/pembatas.py, docs/security.md): failures allowed per account
# from one address, and per address over all accounts, before a wait; the first wait,
# doubled after each further failure up to the cap; quiet hours after which failures are
# forgotten.
LOGIN_MAX_GAGAL = envint("LOGIN_MAX_GAGAL", 5)
LOGIN_MAX_GAGAL_ALAMAT = envint("LOGIN_MAX_GAGAL_ALAMAT", 50)
LOGIN_JEDA_DETIK = envint("LOGIN_JEDA_DETIK", 60)
LOGIN_JEDA_MAKS_MENIT = envint("LOGIN_JEDA_MAKS_MENIT", 60)
LOGIN_LUPA_JAM = envint("LOGIN_LUPA_JAM", 24)

# --- Transport and browser security (docs/security.md) ---------------------------------
# SAKIP_HTTPS=1: the site is served over TLS (directly or by the proxy). It turns on the
# redirect to https, secure cookies and HSTS; `sakip check --deploy` is clean with it.
SAKIP_HTTPS = envbool("SAKIP_HTTPS", False)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", SAKIP_HTTPS)
# HSTS: a year by default behind TLS. Subdomains are included (the Pemda's other sites
# must then be https too); preload is an opt-in, as leaving the list takes months.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000 if SAKIP_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
# `check --deploy` asks for preload (W021); it is a deliberate opt-in, so not a warning.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# The proxy terminates TLS and says so in X-Forwarded-Proto: believed only from a
# trusted proxy, else any client could claim https.
if SAKIP_PROXY_TEPERCAYA > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", SAKIP_HTTPS or not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy sent on every response (lib/middleware_keamanan.py); inline
# scripts run only with the request's nonce. CSP_LAPOR_URI: where browsers report breaches.
CSP_LAPOR_URI = envstr("CSP_LAPOR_URI")

LANGUAGE_CODE = "id"
# The interface speaks Indonesian whatever the browser asks for (no locale negotiation).
LANGUAGES = [("id", "Bahasa Indonesia")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["sakip.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing root
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(DATA_DIR / "media")))
# Uploads, generated and signed documents: MEDIA_ROOT, or SAKIP_STORAGE=s3 (lib/penyimpanan.py).
STORAGES = {
    "default": penyimpanan_default(),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
# Files browsers ask for at the site root (/favicon.ico), served by whitenoise.
WHITENOISE_ROOT = PACKAGE_DIR / "static" / "sakip" / "akar"

# First year of a Renstra cycle (five-yearly SOPs run for 2021–2025, 2026–2030, …).
SAKIP_RENSTRA_TAHUN_AWAL = envint("SAKIP_RENSTRA_TAHUN_AWAL", 2021)

# A PK signed more than this many days after the DPA's approval gets a warning
# (docs/domain.md §6: "at most one month after the DPA", to be verified per Pemda).
PK_BATAS_HARI_SETELAH_DPA = envint("PK_BATAS_HARI_SETELAH_DPA", 30)

# Largest file a step may attach, in megabytes.
LAMPIRAN_MAKS_MB = envint("LAMPIRAN_MAKS_MB", 10)
# Largest Excel file an import reads, in bytes (the kit's other limits: dokumen/excel/batas.py).
SAKIP_IMPOR_MAKS_BYTE = envint("SAKIP_IMPOR_MAKS_BYTE", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Public satisfaction survey: online questionnaires one sender (keyed hash of the address)
# may send per hour before the form answers 429.
IKM_BATAS_PER_JAM = envint("IKM_BATAS_PER_JAM", 5)

# Electronic signatures (TTE). Signers hold a local PKCS#12 key (penyedia "pkcs12") or
# sign through a BSrE-style HTTP service at TTE_BSRE_URL (NIK + passphrase + PDF).
TTE_BSRE_URL = envstr("TTE_BSRE_URL")
TTE_BSRE_USER = envstr("TTE_BSRE_USER")
TTE_BSRE_PASSWORD = envstr("TTE_BSRE_PASSWORD")
TTE_BSRE_TIMEOUT = envint("TTE_BSRE_TIMEOUT", 60)
# PEM files of the roots a signature must chain to (e.g. BSrE's root and intermediate),
# besides the demo CA kept in TTE_CA_DIR.
TTE_AKAR_TEPERCAYA = envlist("TTE_AKAR_TEPERCAYA", [])
TTE_CA_DIR = Path(envstr("TTE_CA_DIR", str(DATA_DIR / "tte")))
# Let an official without a key create a demo key (demo CA) from the key page: demos only.
TTE_KUNCI_DEMO = envbool("TTE_KUNCI_DEMO", False)
# The passphrase of the demo officials' keys made by `sakip demo`.
TTE_PASSPHRASE_DEMO = envstr("TTE_PASSPHRASE_DEMO", "sakip-demo-2026")

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "sakip@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
