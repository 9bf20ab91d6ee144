"""Every URL, as every kind of visitor: no private canary reaches anyone who may not see it.

Anonymous visitors may see no canary at all; reporters and editors see the archive's private
records, but never what was erased or another person's account details. Nobody gets a server
error, and no private response may be kept by a cache.
"""

import pytest

from .urls import every_url
from .world import NOBODY, PRIVATE, seed

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
        content = b"".join(response.streaming_content)
        response.close()
        return content
    return response.content


def leaks(url, response, forbidden):
    """Canaries in the response that were not already in the URL asked for (a page that echoes
    the path, such as a 404, tells the visitor nothing new)."""
    seen = body_of(response).lower()
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
    found, errors, cacheable = [], [], []
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500 and url != DELIBERATE_ERROR:
            errors.append(url)
        if seen := leaks(url, response, FORBIDDEN[role]):
            found.append((url, response.status_code, seen))
        private = role != "anonymous" or url.startswith(("/admin/", "/originals/"))
        if private and response.status_code == 200:
            control = response.get("Cache-Control", "")
            if "no-store" not in control or "private" not in control:
                cacheable.append(url)
    assert not found, found
    assert not errors, errors
    assert not cacheable, cacheable[:20]


def test_the_canaries_are_really_there_for_staff(editor_client, tmp_path, editor):
    """The matrix proves something only if the canaries can be reached by those allowed to."""
    world = seed(tmp_path, editor)
    interview = world.published.interview
    recording = interview.recordings.get()
    page = editor_client.get(f"/admin/snippets/ingest/interview/edit/{interview.pk}/")
    assert PRIVATE["legal_name"].encode() in page.content
    original = editor_client.get(f"/originals/recording/{recording.pk}/")
    assert PRIVATE["audio_tag"].encode() in body_of(original)
    draft = editor_client.get(f"/admin/pages/{world.published.pk}/view_draft/")
    assert PRIVATE["unpublished_revision"].encode() in draft.content
