from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "registrations"

urlpatterns = [
    path("<int:registration_id>/", views.signup, name="signup"),
    path(_("sent/"), views.sent, name="sent"),
    path(_("confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("my/<str:token>/"), views.manage, name="manage"),
    path(_("my/<str:token>/cancel/"), views.cancel, name="cancel"),
    path(_("my/<str:token>/erase/"), views.erase, name="erase"),
]
