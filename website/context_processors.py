from django.conf import settings


def site(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "ADMIN_URL": settings.ADMIN_URL,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "LOGIN_RECORD_RETENTION_DAYS": settings.LOGIN_RECORD_RETENTION_DAYS,
    }
