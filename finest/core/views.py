from django.http import Http404


def focus_area_detail(request, slug):
    raise Http404
