from django.urls import reverse
from wagtail.admin.panels import ObjectList

RECORDINGS_TAB = "recordings_and_photos"


class Tab(ObjectList):
    """A tab whose address stays the same in every admin language. Wagtail derives a tab's
    anchor from its heading once per process, in whichever language asked first, so links to
    the tab opened it for English editors or for Spanish ones, never both."""

    def __init__(self, *args, anchor, **kwargs):
        super().__init__(*args, **kwargs)
        self.anchor = anchor

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "anchor": self.anchor}

    @property
    def clean_name(self):
        return self.anchor


def recordings_tab_url(interview_id):
    """Where an editor goes back to after a transcript or the redaction page."""
    edit = reverse("wagtailsnippets_ingest_interview:edit", args=[interview_id])
    return f"{edit}#tab-{RECORDINGS_TAB}"
