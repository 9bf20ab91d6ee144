from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def review_summary(task_state, page):
    task = task_state.task.specific
    interview = getattr(page.specific, "interview", None)
    return {
        "description": task.get_description(),
        "problems": task.blocking_problems(page),
        "review_url": reverse("redaction_interview", args=[interview.pk]) + "#final-check"
        if interview
        else None,
    }
