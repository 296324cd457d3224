from django.core.paginator import Paginator
from rest_framework import pagination


class PortalPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def paginate(request, items, per_page=20):
    """Page a list or queryset shown inside a page (a task's occurrences, its progress reports) the way list pages
    are paged: the context "core/includes/pagination.html" draws (its links keep the other query parameters)."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    return {"paginator": paginator, "page_obj": page, "is_paginated": page.has_other_pages()}
