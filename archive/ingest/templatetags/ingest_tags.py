from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

register = template.Library()


@register.simple_tag
def panel_extras(hook_name, request, obj):
    """What later stages (transcription, redaction, consent) show on the interview page, via
    the `ingest_interview_panel` and `ingest_recording_panel` hooks, so this app never imports
    them."""
    return mark_safe(  # noqa: S308 - each hook returns HTML it rendered with autoescaping
        "".join(str(fn(request, obj)) for fn in hooks.get_hooks(hook_name))
    )
