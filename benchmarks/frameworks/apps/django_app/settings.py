"""Settings of the Django app of the framework benchmark (issue 14).

Those of ``django-admin startproject`` for a production deployment (DEBUG off, allowed hosts
set), minus what no task uses: no database, so no admin, auth, sessions or messages apps
and their middleware. Security, common and CSRF middleware stay (the order view is
exempted from CSRF as a JSON API view would be).
"""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "benchmark-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS: list[str] = []
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "django_app.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": False,
    "OPTIONS": {"context_processors": []},
}]
WSGI_APPLICATION = "django_app.wsgi.application"
DATABASES: dict[str, dict] = {}
USE_TZ = True
