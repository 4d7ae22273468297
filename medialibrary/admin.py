"""The library's admin, and the picker every content admin uses for its images.

:class:`LibraryImageAdminMixin` gives a content admin an autocomplete picker for each image and an
"upload a new image" field beside it. The upload is stored as a library image while the form is
cleaned, before the rest of the form is judged, so that an editor whose save fails for another
reason (a budget over its total, a missing translation) finds the new picture already picked."""

from __future__ import annotations

import re

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from finest.core.admin_base import translated_fields
from finest.core.permissions import Actor

from .models import Image
from .services import image_create, image_update

UPLOAD_SUFFIX = "_upload"
# The editor's callback number, which the picker hands back. django-prose-editor counts its own
# numbers down from -1, so that they never meet a real CKEditor's (which count up) on one page.
CALLBACK = re.compile(r"-?[0-9]{1,10}")


def _thumbnail(image, width: int):
    if image is None or not image.file:
        return "–"
    return format_html(
        '<img src="{}" alt="" width="{}" loading="lazy" class="admin-thumbnail">', image.url_for("thumbnail"), width
    )


@admin.register(Image)
class ImageAdmin(TabbedTranslationAdmin):
    list_display = ("thumbnail", "__str__", "dimensions", "credit", "licence", "uploaded_by", "created_at")
    list_display_links = ("thumbnail", "__str__")
    search_fields = ("title", *translated_fields("alt"), "credit", "file")
    readonly_fields = ("focal_point_picker", "dimensions", "uploaded_by", "created_at", "updated_at")
    fields = (
        "file", "title", "alt", "credit", "licence", "focal_point_picker", "focal_x", "focal_y",
        "dimensions", "uploaded_by", "created_at", "updated_at",
    )

    class Media:
        js = ("medialibrary/focal_point.js",)
        css = {"all": ("medialibrary/admin.css",)}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by").prefetch_related("renditions")

    def get_urls(self):
        picker = path("picker/", self.admin_site.admin_view(self.picker_view), name="medialibrary_image_picker")
        return [picker, *super().get_urls()]

    def picker_view(self, request):
        """The rich-text editor's "Browse..." window: the library's images, searchable, each of which
        hands its body rendition's URL and alt text back to the editor that opened the window."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.with_renditions().order_by("-created_at", "-pk")
        query = request.GET.get("q", "").strip()[:100]
        if query:
            matches = Q(title__icontains=query) | Q(credit__icontains=query)
            for name in translated_fields("alt"):
                matches |= Q(**{f"{name}__icontains": query})
            images = images.filter(matches)
        page = Paginator(images, 24).get_page(request.GET.get("page"))
        # The alt text in the admin's language (modeltranslation falls back); the editor may change it.
        choices = [
            {"image": image, "url": image.url_for("body"), "thumbnail": image.url_for("thumbnail"), "alt": image.alt}
            for image in page
        ]
        callback = request.GET.get("CKEditorFuncNum", "")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Choose an image"),
            "opts": self.model._meta,
            "is_popup": True,
            "page": page,
            "choices": choices,
            "query": query,
            "callback": callback if CALLBACK.fullmatch(callback) else "",
        }
        return TemplateResponse(request, "admin/medialibrary/image/picker.html", context)

    @admin.display(description=_("Image"))
    def thumbnail(self, obj):
        return _thumbnail(obj, 80)

    @admin.display(description=_("Size"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "–"

    @admin.display(description=_("Focal point"))
    def focal_point_picker(self, obj):
        if obj is None or not obj.pk or not obj.file:
            return _("Save the image first, then click the part of the picture that crops should keep.")
        return format_html(
            '<div class="focal-picker" data-focal-x="id_focal_x" data-focal-y="id_focal_y">'
            '<img src="{}" alt="" width="{}"><span class="focal-marker" aria-hidden="true"></span></div>'
            '<p class="help">{}</p>',
            obj.file.url, min(obj.width or 480, 480),
            _("Click the part of the picture that crops should keep; the fields below show the point."),
        )

    def save_model(self, request, obj, form, change):
        actor = Actor.from_user(request.user)
        if change:
            image_update(
                image=obj, actor=actor, file_changed="file" in form.changed_data,
                focal_changed=bool({"focal_x", "focal_y"} & set(form.changed_data)),
            )
        else:
            image_create(image=obj, actor=actor)


class LibraryUploadFormMixin:
    """Stores each ``<field>_upload`` as a library image and picks it in ``<field>``."""

    library_fields: tuple[str, ...] = ()
    library_user = None

    def clean(self):
        cleaned = super().clean()
        for name in self.library_fields:
            upload = cleaned.get(f"{name}{UPLOAD_SUFFIX}")
            if not upload:
                continue
            try:
                image = image_create(file=upload, actor=Actor.from_user(self.library_user))
            except ValidationError as error:
                self.add_error(f"{name}{UPLOAD_SUFFIX}", error.message_dict.get("file", error.messages))
                continue
            cleaned[name] = image
            # Shown picked if the form comes back with errors, so the editor needn't pick or upload it again.
            data = self.data.copy()
            data[self.add_prefix(name)] = str(image.pk)
            self.data = data
            self._errors.pop(name, None)
        return cleaned


class LibraryImageAdminMixin:
    """For a content admin whose picture ``image_field`` (and any other ``library_image_fields``) is a
    foreign key to a library image: the picker, the upload field, a list thumbnail and a form preview."""

    image_field = "image"
    extra_library_image_fields: tuple[str, ...] = ()

    @property
    def library_image_fields(self) -> tuple[str, ...]:
        return (self.image_field, *self.extra_library_image_fields)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(f"{self.image_field}__renditions")

    def get_list_select_related(self, request):
        # Django's changelist applies list_select_related only to a query without select_related of its own.
        joined = super().get_list_select_related(request)
        if joined is True:
            return True
        return (*(joined or ()), self.image_field)

    @admin.display(description=_("Image"))
    def thumbnail(self, obj):
        return _thumbnail(getattr(obj, self.image_field, None), 64)

    @admin.display(description=_("Preview"))
    def image_preview(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return _thumbnail(getattr(obj, self.image_field, None), 240)

    def get_autocomplete_fields(self, request):
        return (*super().get_autocomplete_fields(request), *self.library_image_fields)

    def get_form(self, request, obj=None, **kwargs):
        # The upload fields are declared on the form class, so that the fieldsets may name them.
        base = kwargs.pop("form", self.form)
        names = tuple(name for name in self.library_image_fields)
        uploads = {
            f"{name}{UPLOAD_SUFFIX}": forms.FileField(
                label=_("Upload a new image"), required=False,
                help_text=_("Added to the media library and picked here; JPEG, PNG or WebP."),
                widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            )
            for name in names
        }
        form = type(base.__name__, (LibraryUploadFormMixin, base), {
            **uploads, "library_fields": names, "library_user": request.user,
        })
        return super().get_form(request, obj, form=form, **kwargs)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        for name in self.library_image_fields:
            upload = f"{name}{UPLOAD_SUFFIX}"
            if name in fields and upload in fields:
                fields.remove(upload)
                fields.insert(fields.index(name) + 1, upload)
        return fields
