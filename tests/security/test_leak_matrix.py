"""Every URL, as every kind of visitor: no private canary reaches anyone who may not see it.

Anonymous visitors may see no canary at all; reporters and editors see the archive's private
records, but never what was erased or another person's account details. Nobody gets a server
error, no private response may be kept by a cache, and markup typed into any text field reaches
every page escaped.
"""

import pytest
from django.test import Client

from .urls import every_url
from .world import MARKUP, NOBODY, PRIVATE, seed

pytestmark = pytest.mark.django_db
# Wagtail's own "does error reporting work?" page, which raises on purpose.
DELIBERATE_ERROR = "/admin/failwhale/"

FORBIDDEN = {
    "anonymous": {**PRIVATE, **NOBODY},
    "reporter": NOBODY,
    "editor": NOBODY,
}


def body_of(response):
    if response.streaming:
        # Reading to the end closes the response; closing it again would fire request_finished
        # a second time, which closes the test's database connection (on PostgreSQL).
        return b"".join(response.streaming_content)
    return response.content


# Types a browser renders as markup (WebVTT cue text has tags of its own).
MARKUP_TYPES = ("text/html", "application/xhtml+xml", "image/svg+xml", "text/vtt")


def unescaped_markup(response, body):
    return MARKUP.encode() in body and response.get("Content-Type", "").startswith(MARKUP_TYPES)


def leaks(url, response, body, forbidden):
    """Canaries in the response that were not already in the URL asked for (a page that echoes
    the path, such as a 404, tells the visitor nothing new)."""
    seen = body.lower()
    seen += " ".join(f"{k}: {v}" for k, v in response.items()).lower().encode()
    return sorted(
        name
        for name, word in forbidden.items()
        if word.lower().encode() in seen and word.lower() not in url.lower()
    )


@pytest.mark.parametrize("role", FORBIDDEN)
def test_no_url_shows_a_canary_to_whoever_may_not_see_it(role, client, tmp_path, editor, reporter):
    seed(tmp_path, editor)
    client.raise_request_exception = False
    if role != "anonymous":
        client.force_login({"reporter": reporter, "editor": editor}[role])
    urls = every_url()
    assert len(urls) > 500  # the enumeration itself works
    found, errors, cacheable, markup = [], [], [], []
    for url in urls:
        response = client.get(url)
        body = body_of(response)
        if response.status_code >= 500 and url != DELIBERATE_ERROR:
            errors.append(url)
        if seen := leaks(url, response, body, FORBIDDEN[role]):
            found.append((url, response.status_code, seen))
        if unescaped_markup(response, body):
            markup.append(url)
        private = role != "anonymous" or url.startswith(("/admin/", "/originals/"))
        if private and response.status_code == 200:
            control = response.get("Cache-Control", "")
            if "no-store" not in control or "private" not in control:
                cacheable.append(url)
    assert not found, found
    assert not errors, errors
    assert not cacheable, cacheable[:20]
    assert not markup, markup[:20]


def test_the_canaries_are_really_there_for_staff(editor_client, tmp_path, editor):
    """The matrix proves something only if the canaries can be reached by those allowed to."""
    world = seed(tmp_path, editor)
    interview = world.published.interview
    recording = interview.recordings.get()
    page = editor_client.get(f"/admin/snippets/ingest/interview/edit/{interview.pk}/")
    assert PRIVATE["legal_name"].encode() in page.content
    assert b"&lt;script&gt;alert(" in page.content  # the markup is there, escaped
    public = Client().get(world.published.url)
    assert b"&lt;script&gt;alert(" in public.content and MARKUP.encode() not in public.content
    original = editor_client.get(f"/originals/recording/{recording.pk}/")
    assert PRIVATE["audio_tag"].encode() in body_of(original)
    draft = editor_client.get(f"/admin/pages/{world.published.pk}/view_draft/")
    assert PRIVATE["unpublished_revision"].encode() in draft.content
