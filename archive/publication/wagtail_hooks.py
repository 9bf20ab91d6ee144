from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .gate import publication_problems


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


@hooks.register("register_log_actions")
def register_publication_log_actions(actions):
    actions.register_action(
        "testimonio.consent_withdrawn", _("Withdraw consent"), _("Consent withdrawn: taken down")
    )
    actions.register_action(
        "testimonio.publication_held", _("Hold publication"), _("Scheduled publication held")
    )
    actions.register_action("testimonio.erased", _("Erase"), _("Personal data erased"))
