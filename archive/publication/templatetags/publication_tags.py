from django import template
from django.urls import reverse

from ..approval import Finding, review
from ..models import RedactionReviewTask

register = template.Library()


@register.simple_tag
def review_summary(task_state, page):
    """What the task's modal shows: the problems (findings with a button to record that they
    identify nobody) and, for the Redaction review, the snapshot's digest the approval sends."""
    task = task_state.task.specific
    interview = getattr(page.specific, "interview", None)
    summary = {
        "description": task.get_description(),
        "review_url": reverse("redaction_interview", args=[interview.pk]) + "#final-check"
        if interview
        else None,
        "not_identifying_url": reverse("publication_not_identifying", args=[page.pk]),
    }
    if isinstance(task, RedactionReviewTask):
        current = review(page.specific)
        problems = current.problems
        summary.update(digest=current.digest, decided=current.decided)
    else:
        problems = task.blocking_problems(page)
    summary["problems"] = [
        {"text": str(problem), "finding": problem if isinstance(problem, Finding) else None}
        for problem in problems
    ]
    return summary
