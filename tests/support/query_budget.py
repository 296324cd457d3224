"""Query budgets: a page that lists data costs the same number of SQL queries whatever the amount of data.

A test counts the queries of a page with a little data, adds more data, counts again and calls
``assert_constant``: the two counts must be equal and within the page's budget. Budgets live in one JSON file per
area (``tests/<app>/query_counts.json``) or in the root ``tests/query_counts.json``, so that a change adding a
query to a page shows up in review. Run with ``SHOW_QUERY_COUNTS=1 pytest -s`` to print the counts when a budget
has to move.
"""

import json
import os
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

ROOT_BUDGETS = Path(__file__).resolve().parents[1] / "query_counts.json"


def load_budgets(test_file):
    """The budgets of ``test_file`` (pass ``__file__``): the query_counts.json beside it, else the root one."""
    beside = Path(test_file).resolve().with_name("query_counts.json")
    return json.loads((beside if beside.exists() else ROOT_BUDGETS).read_text())


def count_queries(client, url, data=None, status=200):
    """The number of SQL queries a GET of ``url`` (query parameters ``data``) runs; the page must answer ``status``."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, data or {})
    assert response.status_code == status, f"{url}: status {response.status_code}, expected {status}"
    return len(context.captured_queries)


def assert_constant(name, small, large, budgets, *, little="with little data", more="with more"):
    """Fail when page ``name`` ran more queries with more data, or more than its budget.

    ``small`` and ``large`` are the counts with little and with more data; ``little`` and ``more`` say what those
    data were in the failure message ("with 3 meetings", "with 12").
    """
    if os.environ.get("SHOW_QUERY_COUNTS"):
        print("QC", name, small, large)
    assert small == large, f"{name}: {small} queries {little}, {large} {more}"
    assert large <= budgets[name], f"{name}: {large} queries, budget {budgets[name]}"
