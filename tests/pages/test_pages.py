from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from pages.models import Page, Route
from pages.site_pages import create_site_pages

pytestmark = pytest.mark.django_db


def make_page(**kwargs):
    values = {"title_fi": "Tiimi", "title_sv": "Teamet", "title_en": "Team", "state": "published",
              "published_at": timezone.now() - timedelta(hours=1)}
    values.update(kwargs)
    page = Page(**values)
    page.save()
    return page


def about():
    return Page.objects.get(route=Route.ABOUT)


def test_tree_paths_in_three_languages(client):
    team = make_page(parent=about())
    child = make_page(parent=team, title_fi="Johto", title_sv="Ledning", title_en="Leadership")
    for code in ("fi", "sv", "en"):
        with translation.override(code):
            about_url = reverse("website:about")
            assert child.get_absolute_url() == f"{about_url}{team.slug}/{child.slug}/"
            response = client.get(child.get_absolute_url())
        assert response.status_code == 200
        assert child.title.encode() in response.content or getattr(child, f"title_{code}").encode() in response.content
    assert child.url_path_en.endswith("team/leadership/")
    assert child.url_path_sv.endswith("teamet/ledning/")


def test_changed_slug_redirects_permanently(client):
    team = make_page(parent=about())
    child = make_page(parent=team, title_en="Leadership")
    old = f"/en/{child.url_path_en}"
    team.slug_en = "people"
    team.save()
    child.refresh_from_db()
    assert "people/" in child.url_path_en
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == f"/en/{child.url_path_en}"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "path", ["/en/projects/", "/en/news/", "/en/about/", "/en/search/", "/sitemap.xml", "/robots.txt"]
)
def test_catch_all_does_not_shadow_routes(client, path):
    make_page(title_en="projects", slug_en="projects")
    response = client.get(path)
    assert response.status_code == 200
    assert b"page-body" not in response.content or path == "/en/about/"


def test_catch_all_does_not_serve_admin_api_static_media(client, settings):
    from django.urls import resolve  # noqa: PLC0415

    for path in (f"/{settings.ADMIN_URL}", "/api/v1/", "/static/x.css", "/media/x.jpg"):
        assert resolve(path).url_name != "page" if _resolves(path) else True


def _resolves(path):
    from django.urls import Resolver404, resolve  # noqa: PLC0415

    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def test_menu_and_footer_from_tree(client):
    make_page(title_en="Careers", show_in_menu=True, position=5)
    hidden = make_page(title_en="Hidden draft", show_in_menu=True, show_in_footer=True, state="draft")
    response = client.get("/en/projects/")
    html = response.content.decode()
    nav = html[html.index('id="main-nav"'):html.index("</nav>", html.index('id="main-nav"'))]
    assert nav.index("Careers") < nav.index("Projects") < nav.index("Focus areas") < nav.index("About")
    footer = html[html.index('id="footer-links"'):]
    assert "Privacy notice" in footer and "Accessibility statement" in footer
    assert hidden.title_en not in html
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_unpublished_page_is_404_and_not_in_menu(client):
    page = make_page(title_en="Old", show_in_menu=True, unpublish_at=timezone.now() - timedelta(minutes=1))
    assert client.get(page.get_absolute_url()).status_code == 404
    assert "Old</a>" not in client.get("/en/").content.decode()


def test_migration_content_in_three_languages():
    Page.objects.all().delete()
    create_site_pages(apps)
    privacy = Page.objects.get(route=Route.PRIVACY)
    assert privacy.parent == Page.objects.get(route=Route.ABOUT)
    for route in (Route.ABOUT, Route.CONTACT, Route.PRIVACY, Route.ACCESSIBILITY):
        page = Page.objects.get(route=route)
        bodies = {code: getattr(page, f"body_{code}") for code in ("fi", "sv", "en")}
        assert all(len(body) > 100 for body in bodies.values())
        assert len(set(bodies.values())) == 3
        assert not bodies["en"].lstrip().startswith("<h1")
    assert "[contact-email]" in privacy.body_en
    assert "[registration-retention-days]" in privacy.body_en
    assert "[login-record-retention-days]" in privacy.body_sv
    create_site_pages(apps)
    assert Page.objects.filter(route=Route.PRIVACY).count() == 1


def test_markers_filled_from_settings(client, settings):
    settings.CONTACT_EMAIL = "privacy@example.org"
    settings.REGISTRATIONS_RETENTION_DAYS = 45
    html = client.get(reverse("website:privacy")).content.decode()
    assert "privacy@example.org" in html
    assert "45 days" in html
    assert "[contact-email]" not in html


def test_old_url_names_reverse_to_the_page(client):
    for name in ("website:about", "website:contact", "website:privacy", "website:accessibility"):
        page = Page.objects.get(route=name)
        assert page.get_absolute_url() == reverse(name)
    with translation.override("sv"):
        response = client.get(reverse("website:contact"))
    assert response.status_code == 200
    assert b"Kontakt" in response.content


def test_page_render_query_count(client, django_assert_max_num_queries):
    page = make_page(parent=about())
    for index in range(5):
        make_page(title_en=f"Menu {index}", show_in_menu=True)
    client.get(page.get_absolute_url())
    with django_assert_max_num_queries(6):
        response = client.get(page.get_absolute_url())
    assert response.status_code == 200


def test_site_pages_cannot_be_deleted(staff_client):
    page = about()
    url = reverse("admin:pages_page_delete", args=[page.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 403
    assert Page.objects.filter(pk=page.pk).exists()


def test_editing_about_in_swedish_through_admin_shows_on_sv(staff_client, client):
    page = about()
    url = reverse("admin:pages_page_change", args=[page.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if hasattr(value, "pk"):
            value = value.pk
        data[name] = value
    data["body_sv"] = "<p>Ny svensk text om centret.</p>"
    data["state"] = "published"
    # About is public: a plain save keeps the change as a draft, "Publish changes" publishes it.
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    with translation.override("sv"):
        assert "Ny svensk text om centret." not in client.get(reverse("website:about")).content.decode()
    response = staff_client.post(url, {**data, "_workflow_publish": "1"})
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    with translation.override("sv"):
        html = client.get(reverse("website:about")).content.decode()
    assert "Ny svensk text om centret." in html


def test_sitemap_lists_editable_pages(client):
    team = make_page(parent=about(), body_en="<p>Who we are.</p>")
    draft = make_page(title_en="Secret", state="draft")
    xml = client.get("/sitemap.xml").content.decode()
    with translation.override("sv"):
        assert team.get_absolute_url() in xml
        assert draft.get_absolute_url() not in xml


@pytest.mark.parametrize("path", ["/admin/autocomplete/", "/api/v1/nothing/", "/static/nothing/", "/media/nothing/"])
def test_catch_all_leaves_reserved_prefixes_alone(client, path):
    # Without the exclusion LocaleMiddleware would redirect these to a language's catch-all.
    assert client.get(path).status_code != 302 or not client.get(path)["Location"].startswith("/fi/")
