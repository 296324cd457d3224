"""One way to write a number: 1.234,5 and 93,3%, on screen, in PDFs and messages alike."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from core.numbers import number, percent, signed


@pytest.mark.parametrize(("value", "expected"), [
    (1234.5, "1.234,5"), (Decimal("20.0"), "20"), (Decimal("2E+1"), "20"), (Decimal("10.50"), "10,5"),
    (0, "0"), (Decimal("0.00"), "0"), (1234567, "1.234.567"), (-1234.25, "-1.234,25"), (None, "—"),
])
def test_numbers_use_dot_for_thousands_and_comma_for_decimals(value, expected):
    assert number(value) == expected


def test_rounding_to_places_is_half_up_and_drops_trailing_zeros():
    assert number(Decimal("92.25"), 1) == "92,3"
    assert number(Decimal("92.04"), 1) == "92"


@pytest.mark.parametrize(("value", "expected"), [
    (93.333, "93,3%"), (100, "100,0%"), (Decimal("98.50"), "98,5%"), (0, "0,0%"), (None, "—"), (12345.67, "12.345,7%"),
])
def test_percentages_have_one_decimal(value, expected):
    assert percent(value) == expected


def test_a_percentage_to_other_places():
    assert [percent(Decimal("93.333"), 2), percent(Decimal("66.6"), 0)] == ["93,33%", "67%"]


def test_signed_changes():
    assert [signed(2.5), signed(-1), signed(0), signed(None)] == ["+2,5", "-1", "0", "—"]


def test_the_template_filters_write_the_same():
    html = Template("{% load portal %}{{ a|number }} · {{ b|percent }} · {{ c|percent:0 }} · {{ d|number:1 }}").render(
        Context({"a": 3150, "b": 93.333, "c": 66.6, "d": 1234.56}))

    assert html == "3.150 · 93,3% · 67% · 1.234,6"
