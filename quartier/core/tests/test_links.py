"""`link()` and the `{% url %}` built on it give exactly what `reverse()` gives."""

from __future__ import annotations

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import NoReverseMatch, get_resolver, reverse, set_script_prefix
from django.urls.converters import IntConverter

from quartier.core.links import link
from quartier.core.tests.matrix import url_names


def _arity(name: str) -> int | None:
    """How many positional arguments the route takes, if all are integers."""
    namespace, _, short = name.rpartition(":")
    resolver = get_resolver()
    if namespace:
        resolver = resolver.namespace_dict[namespace][1]
    for variants, _pattern, _defaults, converters in resolver.reverse_dict.getlist(short):
        params = variants[0][1]
        if all(isinstance(converters.get(param), IntConverter) for param in params):
            return len(params)
    return None


@pytest.mark.parametrize("name", sorted(url_names()))
def test_every_route_reverses_the_same(name: str) -> None:
    arity = _arity(name)
    if arity is None:
        pytest.skip("route with non-integer arguments: link() hands it to reverse()")
    for args in [tuple(range(1, arity + 1)), tuple(range(90017, 90017 + arity))]:
        assert link(name, *args) == reverse(name, args=args)


def test_text_arguments_and_errors_go_through_reverse() -> None:
    assert link("bodies:body-detail", "12") == reverse("bodies:body-detail", args=["12"])
    with pytest.raises(NoReverseMatch):
        link("bodies:body-detail", "zwölf")
    with pytest.raises(NoReverseMatch):
        link("bodies:no-such-page", 1)
    with pytest.raises(NoReverseMatch):
        link("bodies:body-detail", 1, 2)


def test_script_prefix_is_part_of_the_link() -> None:
    plain = link("bodies:body-detail", 5)
    set_script_prefix("/stadt/")
    try:
        assert link("bodies:body-detail", 5) == "/stadt" + plain
    finally:
        set_script_prefix("/")
    assert link("bodies:body-detail", 5) == plain


@override_settings(ROOT_URLCONF="bench.urls")
def test_another_urlconf_gets_its_own_routes() -> None:
    assert link("bench-bare") == "/bench/bare/"


def test_template_tag_matches_djangos() -> None:
    template = engines["django"].from_string(
        "{% url 'bodies:body-detail' pk %}|{% url 'bodies:body-detail' pk=pk %}|"
        "{% url 'bodies:no-such-page' as missing %}[{{ missing }}]|"
        "{% url 'bodies:body-detail' pk as kept %}{{ kept }}"
    )
    expected = reverse("bodies:body-detail", args=[7])
    assert template.render({"pk": 7}) == f"{expected}|{expected}|[]|{expected}"
