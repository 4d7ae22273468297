"""The events app's extension points (finest.core.hooks): how other apps add to its API and
JSON-LD without events importing them."""

from finest.core.hooks import ChainPoint, MergePoint

api_queryset = ChainPoint(
    "events.api.queryset",
    "The events API's base QuerySet, passed through each function (to add annotations or prefetches).",
)
api_registration = MergePoint(
    "events.api.registration",
    "Called with an event; the merged dicts are the event's `registration` object in the API (null if empty).",
)
jsonld = MergePoint(
    "events.jsonld",
    "Called with an event; the merged dicts are added to the event's schema.org document (e.g. `offers`).",
)
