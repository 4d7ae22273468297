"""Translated model fields are mapped to the {fi, sv, en} field by the serializer base,
for every serializer of every resource, without a declaration per field."""

import pytest
from rest_framework import serializers

from events.api import EventSerializer, EventWriteSerializer
from finest.api.fields import TranslatedField
from finest.api.serializers import TranslatedModelSerializer
from finest.core.i18n import translation_fields
from projects.api import ProjectSerializer, WorkPackageSerializer


def _serializers():
    pending = list(TranslatedModelSerializer.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        yield cls


def test_every_translated_model_field_a_serializer_names_is_a_translated_field():
    checked = 0
    for cls in _serializers():
        model = getattr(getattr(cls, "Meta", None), "model", None)
        if model is None:
            continue
        fields = cls().fields
        for name in set(translation_fields(model)) & set(fields):
            assert isinstance(fields[name], TranslatedField), (cls.__name__, name)
            checked += 1
    assert checked >= 40


def test_the_mapping_keeps_plain_fields_and_extra_kwargs():
    assert isinstance(ProjectSerializer().fields["title"], TranslatedField)
    assert isinstance(WorkPackageSerializer().fields["code"], serializers.CharField)
    write = EventWriteSerializer().fields
    assert write["title"].required
    assert not write["summary"].required
    assert isinstance(EventSerializer().fields["venue_name"], TranslatedField)


@pytest.mark.django_db
def test_a_write_without_a_title_is_refused_with_a_field_message():
    serializer = EventWriteSerializer(data={"kind": "seminar"}, context={"language": None})
    assert not serializer.is_valid()
    assert "title" in serializer.errors


def test_a_plain_string_without_a_language_is_finnish():
    field = EventWriteSerializer().fields["title"]
    field.bind("title", EventWriteSerializer(context={"language": None}))
    assert field.to_internal_value("Seminaari") == {"title_fi": "Seminaari"}
