from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "applications"
# Where finest/urls.py mounts this app; translated in this app's catalogue.
URL_PREFIX = _("applications/")

urlpatterns = [
    path(_("calls/<int:call_id>/apply/"), views.start, name="start"),
    path("a/<str:token>/", views.edit, name="edit"),
    path(_("a/<str:token>/withdraw/"), views.withdraw, name="withdraw"),
    path(_("a/<str:token>/files/<int:pk>/"), views.applicant_file, name="applicant-file"),
    path(_("review/"), views.review_list, name="review-list"),
    path(_("review/login/"), views.LoginView.as_view(), name="login"),
    path(_("review/logout/"), auth_views.LogoutView.as_view(next_page="applications:login"), name="logout"),
    path(_("review/<int:pk>/"), views.review_detail, name="review-detail"),
    path(_("review/files/<int:pk>/"), views.review_file, name="review-file"),
    path(_("review/calls/<int:call_id>/"), views.ranking, name="ranking"),
    path(_("review/calls/<int:call_id>/<int:pk>/decide/"), views.decide, name="decide"),
]
