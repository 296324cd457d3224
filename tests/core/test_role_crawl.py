"""Every demo role walks the portal by the links it is shown: no link answers them 403, 404 or 500, and every page
names itself in the browser tab. Every button that sends a form (a POST) it is shown leads somewhere too: pressed
once per kind of page with what the form carries (its hidden fields and the button's own value), inside a
transaction that is rolled back, it may refuse the empty input (400) but never answers 403, 404, 405 or 500.

The demo is loaded once for the module and rolled back afterwards; each role then crawls breadth-first
from its home page, following the links (<a href>) and simple GET forms each page shows, up to ``MAX_PAGES`` pages.
A link shown to a user that refuses them is a dead end: the page should not have shown it (issue 14).
"""

import io
import os
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from organisations.models import User

SITE_NAME = "Cổng công tác dân vận"
# A deeper walk for a release check: DANVAN_CRAWL_PER_KIND=10 DANVAN_CRAWL_MAX_PAGES=2000.
MAX_PAGES = int(os.environ.get("DANVAN_CRAWL_MAX_PAGES", "400"))
# Pages of one kind (one URL name) visited per role: the third household shows what the first two showed.
PER_KIND = int(os.environ.get("DANVAN_CRAWL_PER_KIND", "3"))
ROLES = ["khoidanvan", "thuongvu", "canbo.ubnd", "canbo.mttq", "bcd.tongiao", "bcd.tdvcd", "totruong.tdp1",
         "thanhpho", "quantri", "khoidanvan.tn", "quantri.tinh", "quantri.phuong"]
# Not followed: leaving (logout), the admin site and the API (their own tests), the language switch (a POST), files.
SKIPPED_PREFIXES = ("/dang-xuat/", "/quan-tri/", "/api/", "/i18n/", "/static/", "/media/")
DOWNLOAD = re.compile(r"(\.(pdf|xlsx|csv|docx|zip|png|svg)$|/tep/|/tai-ve|/xuat|/pdf/|/excel/)", re.IGNORECASE)
# Fields a button or a hidden input uses to say which action a form does: forms differing in them are different buttons.
BUTTON_FIELDS = {"action", "decision", "state", "status", "step"}
DOWNLOAD_QUERY = re.compile(r"(^|&)(format|export|xuat)=", re.IGNORECASE)


class LinkParser(HTMLParser):
    """The internal links a page shows: <a href> and the action of GET forms (with their simple fields)."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.post_forms = []
        self.title = None
        self._in_title = False
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            method = (attrs.get("method") or "get").lower()
            self._form = {"action": attrs.get("action") or "", "fields": {}, "method": method, "button": None,
                          "pressable": False}
        elif tag == "input" and self._form is not None and attrs.get("type") in ("submit", "image"):
            self._form["pressable"] = True
        elif tag in ("input", "select") and self._form is not None and attrs.get("name"):
            if attrs.get("type") not in ("submit", "button", "checkbox", "radio", "file"):
                if self._form["method"] == "get" or attrs.get("type") == "hidden":
                    self._form["fields"].setdefault(attrs["name"], attrs.get("value") or "")
        elif tag == "button" and self._form is not None and attrs.get("type", "submit") == "submit":
            self._form["pressable"] = True
            if self._form["button"] is None and attrs.get("name"):
                self._form["button"] = (attrs["name"], attrs.get("value") or "")
        elif tag == "title" and self.title is None:
            self._in_title = True
            self.title = ""

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "form" and self._form is not None:
            action, fields = self._form["action"], self._form["fields"]
            if self._form["method"] == "post":
                if self._form["pressable"]:  # a form with no button presses nothing
                    if self._form["button"]:
                        fields.setdefault(*self._form["button"])
                    self.post_forms.append((action, fields))
            elif action:  # a filter form of the page itself is its own link with a query string: one is enough
                self.links.append(f"{action}?{urlencode(fields)}" if fields else action)
            self._form = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def internal(href, base):
    """The path and query of an internal link, or None for external, fragments and what the crawl skips."""
    href = urldefrag(href.strip())[0]
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if parts.netloc not in ("testserver", ""):
            return None
    path = parts.path or urlsplit(base).path
    if not path.startswith("/"):
        path = urlsplit(base).path.rsplit("/", 1)[0] + "/" + path
    if path.startswith(SKIPPED_PREFIXES) or DOWNLOAD.search(path) or DOWNLOAD_QUERY.search(parts.query):
        return None
    return f"{path}?{parts.query}" if parts.query else path


def url_kind(path):
    """The URL name a path resolves to (one kind of page), or the path itself when it resolves to nothing."""
    try:
        return resolve(path).view_name
    except Resolver404:
        return path


def own_title(title):
    """The part of the <title> that names the page (before " · site name"); empty when only the site is named."""
    name = re.sub(r"\s+", " ", title or "").strip()
    if name.endswith(SITE_NAME):
        name = name[: -len(SITE_NAME)].rstrip(" ·-|")
    return "" if name == SITE_NAME else name


def crawl(client, start="/", max_pages=MAX_PAGES):
    """Breadth-first over the links shown; returns (pages visited, dead links, pages without title, the POST forms
    shown: one per kind of target and button, as (url, fields, page showing it))."""
    seen, queue = {start}, deque([(start, None)])
    paths_with_query, kinds = set(), {}
    dead, untitled, visited = [], [], 0
    post_forms = {}
    while queue and visited < max_pages:
        url, source = queue.popleft()
        response = client.get(url)
        visited += 1
        if response.status_code in (301, 302, 303, 307, 308):
            target = internal(response["Location"], url)
            if target and target not in seen:
                seen.add(target)
                queue.append((target, source))
            continue
        if response.status_code != 200:
            dead.append((response.status_code, url, source))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = LinkParser()
        parser.feed(response.content.decode("utf-8", errors="replace"))
        if not own_title(parser.title):
            untitled.append(url)
        for action, fields in parser.post_forms:
            target = internal(action, url) if action else url
            if target is None:
                continue
            button = tuple(sorted((k, v) for k, v in fields.items() if k in BUTTON_FIELDS))
            post_forms.setdefault((url_kind(target.partition("?")[0]), button), (target, fields, url))
        for href in parser.links:
            target = internal(href, url)
            if target is None or target in seen:
                continue
            path, _sep, query = target.partition("?")
            if query:  # one query-string variation per path is enough to reach what the page offers
                if path in paths_with_query:
                    continue
                paths_with_query.add(path)
            kind = url_kind(path)
            if kinds.get(kind, 0) >= PER_KIND:
                continue
            kinds[kind] = kinds.get(kind, 0) + 1
            seen.add(target)
            queue.append((target, url))
    return visited, dead, untitled, list(post_forms.values())


def press(client, forms):
    """POST each form once with what it carries, each inside a transaction rolled back; returns the dead ones."""
    dead = []
    for url, fields, source in forms:
        with transaction.atomic():
            response = client.post(url, fields)
            transaction.set_rollback(True)
        if response.status_code in (403, 404, 405) or response.status_code >= 500:
            dead.append((response.status_code, url, fields, source))
    return dead


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for every role of this module inside a transaction that is rolled back afterwards (as
    ``setUpTestData`` does), its files in a throw-away folder: nothing is left for the tests that run after."""
    media = tmp_path_factory.mktemp("crawl-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)), transaction.atomic():
        call_command("load_demo", quiet_logins=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("username", ROLES)
def test_role_sees_no_dead_link_and_every_page_has_a_title(demo, db, username):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    visited, dead, untitled, forms = crawl(client)
    dead_buttons = press(client, forms)
    print(f"\n{username}: {visited} pages, {len(dead)} dead links, {len(untitled)} pages without title, "
          f"{len(forms)} kinds of button pressed, {len(dead_buttons)} dead")
    for status, url, source in dead:
        print(f"  {status} {url}  (shown on {source})")
    for url in untitled:
        print(f"  no title: {url}")
    for status, url, fields, source in dead_buttons:
        print(f"  button {status} POST {url} {fields}  (shown on {source})")
    assert visited > 5
    assert not dead, f"{username}: {len(dead)} links answer 403/404/500: {dead[:10]}"
    assert not untitled, f"{username}: {len(untitled)} pages without their own title: {untitled[:10]}"
    assert not dead_buttons, f"{username}: {len(dead_buttons)} buttons answer 403/404/405/500: {dead_buttons[:10]}"


@pytest.mark.django_db
def test_a_button_that_leads_nowhere_is_reported(ward_a):
    """The check itself: a form with a button is pressed with what it carries; one without a button is not."""
    parser = LinkParser()
    parser.feed('<form method="post" action="/khong-co-trang-nay/"><input type="hidden" name="action" value="x">'
                '<button type="submit" name="decision" value="approve">OK</button></form>'
                '<form method="post" action="/cung-khong-co/"><input type="hidden" name="a" value="1"></form>')
    assert parser.post_forms == [("/khong-co-trang-nay/", {"action": "x", "decision": "approve"})]
    client = Client(raise_request_exception=False)
    client.force_login(ward_a.users["bloc"])
    dead = press(client, [("/khong-co-trang-nay/", {"action": "x"}, "/")])
    assert [(status, url) for status, url, _fields, _source in dead] == [(404, "/khong-co-trang-nay/")]


def test_a_post_form_is_never_followed_as_a_link():
    parser = LinkParser()
    parser.feed('<form method="post" action="/gui/"><input type="hidden" name="a" value="1"></form>'
                '<form method="get" action="/loc/"><input name="q" value=""></form>')
    assert parser.links == ["/loc/?q="] and parser.post_forms == []
