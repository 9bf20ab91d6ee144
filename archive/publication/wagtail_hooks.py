from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.permissions import register_permission_policy

from . import views
from .gate import publication_problems
from .models import NotIdentifying, Publication
from .permissions import publication_policy, review_policy

# Wagtail's image and document libraries keep files in public storage under the uploader's
# file name: nothing here uses them, so they are not offered (and their URLs answer 404).
UNUSED_LIBRARIES = ("images", "documents")

register_permission_policy(Publication, publication_policy)
register_permission_policy(NotIdentifying, review_policy)


@hooks.register("before_publish_page")
def refuse_blocked_publication(request, page):
    """The edit and create views learn early and say why; the gate in the model still decides."""
    if not hasattr(page.specific, "interview"):
        return None
    problems = publication_problems(page.specific)
    if not problems:
        return None
    messages.error(request, _("Not published, saved as a draft:"))
    for problem in problems:
        messages.error(request, problem)
    return redirect("wagtailadmin_pages:edit", page.pk)


class TakeDownButton(PageMenuItem):
    label = _("Take down until reviewed")
    icon_name = "warning"
    url_name = "publication_take_down"

    def is_shown(self, user):
        return (
            Publication.objects.current().filter(page=self.page).exists()
            and self.page.permissions_for_user(user).can_unpublish()
        )


@hooks.register("register_page_header_buttons")
def take_down_button(page, user, view_name, next_url=None):
    yield TakeDownButton(page=page, priority=61)


@hooks.register("register_admin_urls")
def register_publication_urls():
    return [
        path(
            "publication/<int:page_id>/not-identifying/",
            views.not_identifying,
            name="publication_not_identifying",
        ),
        path("publication/<int:page_id>/take-down/", views.take_down, name="publication_take_down"),
    ]


@hooks.register("construct_main_menu")
def hide_unused_libraries(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in UNUSED_LIBRARIES]


@hooks.register("construct_homepage_summary_items", order=100)
def hide_unused_library_counts(request, items):
    items[:] = [
        item
        for item in items
        if type(item).__name__ not in ("ImagesSummaryItem", "DocumentsSummaryItem")
    ]


@hooks.register("register_log_actions")
def register_publication_log_actions(actions):
    actions.register_action(
        "testimonio.consent_withdrawn", _("Withdraw consent"), _("Consent withdrawn: taken down")
    )
    actions.register_action(
        "testimonio.publication_held", _("Hold publication"), _("Scheduled publication held")
    )
    actions.register_action(
        "testimonio.taken_down",
        _("Take down until reviewed"),
        _("Taken down until a new review is approved"),
    )
    actions.register_action("testimonio.erased", _("Erase"), _("Personal data erased"))
