"""Whole numbers read from a page's query string (``?year=2024``, ``?requirement=12``).

A value typed or pasted into an address can be anything: ``²`` passes ``str.isdigit()`` but not ``int()``, and
``99999999999999999999`` reaches the database and overflows there. Read through here, such a value is simply not
a choice (the default), never a server error.
"""

from .filtersets import NUMBER_BOUNDS


def whole_number(text, default=None, minimum=NUMBER_BOUNDS[0], maximum=NUMBER_BOUNDS[1]):
    """The whole number ``text`` spells (ASCII digits, an optional sign) when it lies in [minimum, maximum], else
    ``default``. ``str.isdigit()`` is no test for this: it is true for "²", which ``int()`` refuses."""
    text = str(text if text is not None else "").strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 30:
        return default
    value = int(text)
    return value if minimum <= value <= maximum else default


def query_int(request, name, default=None, minimum=NUMBER_BOUNDS[0], maximum=NUMBER_BOUNDS[1]):
    """The whole number ``?name=`` holds when it lies in [minimum, maximum], else ``default``."""
    return whole_number(request.GET.get(name), default, minimum, maximum)


def query_id(request, name):
    """A row id from the query string, or None."""
    return query_int(request, name, minimum=1)


# A year a page is about: wide enough for any plan, narrow enough that year + 1 is still a date.
PAGE_YEARS = (2000, 2100)


def query_year(request, name="year", default=None, minimum=PAGE_YEARS[0], maximum=PAGE_YEARS[1]):
    """The year a page is about (``?year=``), or ``default``."""
    return query_int(request, name, default, minimum, maximum)
