from events import extensions
from finest.core.hooks import ChainPoint, MergePoint


def double(value):
    return value * 2


def add_one(value):
    return value + 1


def first(event):
    return {"a": 1, "shared": "first"}


def second(event):
    return {"b": 2, "shared": "second"}


def test_a_chain_point_passes_the_value_through_each_function_in_order():
    point = ChainPoint("test.chain", "A test point.")
    point.register(f"{__name__}.double")
    point.register(f"{__name__}.add_one")
    point.register(f"{__name__}.double")  # registering twice is once
    assert point(3) == 7


def test_a_merge_point_merges_in_registration_order_and_nothing_registered_is_empty():
    point = MergePoint("test.merge", "A test point.")
    assert point(object()) == {}
    point.register(f"{__name__}.first")
    point.register(f"{__name__}.second")
    assert point(object()) == {"a": 1, "b": 2, "shared": "second"}


def test_registrations_extends_the_events_points():
    assert "registrations.hooks.event_offers" in extensions.jsonld._paths
    assert "registrations.hooks.with_registration" in extensions.api_queryset._paths
