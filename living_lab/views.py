from django.http import Http404


def detail(request, slug):
    raise Http404
