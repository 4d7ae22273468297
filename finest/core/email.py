"""The one path that renders a multipart email in a language and sends it.
Newsletter issues, confirmations and registrations all use it; the backend is
``settings.EMAIL_BACKEND``."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation


def render_email(*, template: str, context: dict, language: str) -> tuple[str, str, str]:
    """(subject, text, html) of ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` in ``language``."""
    with translation.override(language):
        context = {**context, "LANGUAGE_CODE": language, "SITE_URL": settings.SITE_URL}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text_body = render_to_string(f"{template}.txt", context)
        html_body = render_to_string(f"{template}.html", context)
    return subject, text_body, html_body


def assemble_email(
    *,
    to: str,
    subject: str,
    text_body: str,
    html_body: str,
    headers: dict[str, str] | None = None,
    from_email: str | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """The multipart message from parts that ``render_email`` rendered."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
        connection=connection,
    )
    message.attach_alternative(html_body, "text/html")
    return message


def build_email(
    *,
    to: str,
    template: str,
    context: dict,
    language: str,
    headers: dict[str, str] | None = None,
    from_email: str | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` in ``language``."""
    subject, text_body, html_body = render_email(template=template, context=context, language=language)
    return assemble_email(
        to=to, subject=subject, text_body=text_body, html_body=html_body,
        headers=headers, from_email=from_email, connection=connection,
    )


def send_email(**kwargs) -> int:
    message = build_email(**kwargs)
    if message.connection is None:
        message.connection = get_connection()
    return message.send(fail_silently=False)
