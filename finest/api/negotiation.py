"""Content negotiation where an explicit ``?format=`` wins over the Accept header.

DRF's default answers ``?format=csv`` sent with ``Accept: application/json`` (what many HTTP
clients send by default) with a 406; the query parameter is the more deliberate choice."""

from rest_framework.negotiation import DefaultContentNegotiation


class FormatFirstContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        format_query = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if format_query:
            for renderer in renderers:
                if renderer.format == format_query:
                    return renderer, renderer.media_type
        return super().select_renderer(request, renderers, format_suffix)
