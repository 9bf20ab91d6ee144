from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, TabbedInterface
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .forms import InterviewForm
from .models import Interview
from .panels import RECORDINGS_TAB, Tab
from .store import remove_stale_parts


class InterviewViewSet(SnippetViewSet):
    model = Interview
    icon = "microphone"
    menu_label = _("Interviews")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["title", "narrator_display_name", "interview_place", "reporter", "created_at"]
    list_filter = ["reporter", "interview_date_precision"]
    edit_handler = TabbedInterface(
        [
            Tab(
                [
                    FieldPanel("title"),
                    MultiFieldPanel(
                        [
                            FieldPanel("narrator_legal_name"),
                            FieldPanel("narrator_display_name"),
                            FieldPanel("narrator_contact"),
                        ],
                        heading=_("Narrator (private)"),
                    ),
                    FieldPanel("reporter"),
                    FieldPanel("interview_place"),
                    FieldPanel("interview_when"),
                    FieldPanel("languages"),
                    FieldPanel("other_names"),
                    FieldPanel("places"),
                    FieldPanel("notes"),
                ],
                heading=_("Interview"),
                anchor="interview",
            ),
            Tab(
                [HelpPanel(template="ingest/originals_panel.html", heading=_("Originals"))],
                heading=_("Recordings and photos"),
                anchor=RECORDINGS_TAB,
            ),
        ],
        base_form_class=InterviewForm,
    )


register_snippet(InterviewViewSet)


@hooks.register("register_admin_urls")
def register_upload_url():
    return [path("interviews/<int:pk>/upload/", views.upload, name="ingest_upload")]


@hooks.register("insert_global_admin_js")
def load_admin_js_catalog():
    """The strings of every app's admin scripts (transcript editor, redaction page), before
    those scripts run: they are deferred, this is not."""
    return format_html('<script src="{}"></script>', reverse("testimonio_js_catalog"))


@hooks.register("register_log_actions")
def register_ingest_log_actions(actions):
    actions.register_action("testimonio.upload", _("Upload originals"), _("Uploaded originals"))
    actions.register_action("testimonio.view_original", _("View original"), _("Viewed an original"))
    actions.register_action(
        "testimonio.fixity_failed", _("Fixity check"), _("An original failed its fixity check")
    )


@hooks.register("recover_interrupted_work")
def remove_half_written_files(parts_older_than, **options):
    return f"{remove_stale_parts(parts_older_than)} half-written file(s) removed"
